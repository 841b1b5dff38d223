// The new-requisition form's values as typed (strings, so a refused form shows exactly what was
// entered) and their conversion to the createRequisition input. Field names are the command's paths.
import { compact, num, optional, text } from '../form-values.ts';

export const REQ_FIELDS = ['requisitionId', 'itemId', 'qty', 'neededBy', 'supplierId', 'unitPrice', 'note'] as const;
export type ReqField = (typeof REQ_FIELDS)[number];
/** As typed, and whether "use the past date anyway" was ticked (PastDateConfirm). */
export type RequisitionFormValues = Record<ReqField, string> & { allowPastDates?: boolean };

export const blankRequisitionValues = (requisitionId: string): RequisitionFormValues => ({
	requisitionId,
	itemId: '',
	qty: '',
	neededBy: '',
	supplierId: '',
	unitPrice: '',
	note: ''
});

export function readRequisitionForm(form: FormData): RequisitionFormValues {
	return { ...(Object.fromEntries(REQ_FIELDS.map((f) => [f, text(form, f)])) as Record<ReqField, string>), allowPastDates: form.get('allowPastDates') === '1' };
}

/** Required fields are passed even when empty, so the schema names them; empty optional ones (the number too) are left out. */
export function requisitionInput(v: RequisitionFormValues) {
	return {
		...(v.requisitionId.trim() ? { requisitionId: v.requisitionId } : {}),
		...(v.allowPastDates ? { allowPastDates: true } : {}),
		itemId: v.itemId,
		qty: num(v.qty),
		neededBy: v.neededBy,
		...compact({ supplierId: optional(v.supplierId), unitPrice: num(v.unitPrice), note: optional(v.note) })
	};
}

export const isRequisitionFieldPath = (p: string) => (REQ_FIELDS as readonly string[]).includes(p);

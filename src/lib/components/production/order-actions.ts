// The forms of a production order's page, as typed, and their command inputs: report good and scrap
// (for one operation, or for the order when it has none), issue components from stock, and cancel
// with a reason (and a note).
// Release, start and complete take nothing but the order (and the operation to start).
import { compact, num, optional, text } from '../form-values.ts';

export const DEFAULT_LOCATION = 'MAIN';

export interface ReportValues {
	goodQty: string;
	scrapQty: string;
	reasonCode: string;
	/** Asked for once a report would finish more than the order allows. */
	overProductionReason?: string;
}

export const readReportForm = (form: FormData): ReportValues => ({
	goodQty: text(form, 'goodQty'),
	scrapQty: text(form, 'scrapQty'),
	reasonCode: text(form, 'reasonCode'),
	overProductionReason: text(form, 'overProductionReason')
});

/** Good left empty is none (scrap only); the reason goes with scrap, so none is sent without it. */
export function reportInput(productionOrderId: string, operationSeq: number | undefined, v: ReportValues) {
	const scrapQty = num(v.scrapQty);
	return compact({
		productionOrderId,
		operationSeq,
		goodQty: num(v.goodQty) ?? 0,
		scrapQty,
		reasonCode: scrapQty === undefined || scrapQty === 0 ? undefined : optional(v.reasonCode),
		overProductionReason: optional(v.overProductionReason ?? '')
	});
}

export interface IssueValues {
	itemId: string;
	qty: string;
	locationId: string;
}

export const blankIssueValues = (): IssueValues => ({ itemId: '', qty: '', locationId: DEFAULT_LOCATION });

export const readIssueForm = (form: FormData): IssueValues => ({ itemId: text(form, 'itemId'), qty: text(form, 'qty'), locationId: text(form, 'locationId') });

export const issueInput = (productionOrderId: string, v: IssueValues) =>
	compact({ productionOrderId, itemId: v.itemId, qty: num(v.qty), locationId: v.locationId });

export interface CancelValues {
	reasonCode: string;
	note: string;
}

export const blankCancelValues = (): CancelValues => ({ reasonCode: '', note: '' });

export const readCancelForm = (form: FormData): CancelValues => ({ reasonCode: text(form, 'reasonCode'), note: text(form, 'note') });

/** The reason is sent even when none was chosen, so the command names the field that needs one. */
export const cancelInput = (productionOrderId: string, v: CancelValues) => compact({ productionOrderId, reasonCode: v.reasonCode, note: optional(v.note) });

/** The operation a posted form is about ("seq"), or undefined for the order as a whole. */
export function postedSeq(form: FormData): number | undefined {
	const s = text(form, 'seq').trim();
	return s === '' ? undefined : Number(s);
}

// The customer and supplier form: values as typed (strings, so a refused form shows what was entered)
// and their conversion to the customer.save / supplier.save input. The code field is named after the
// command's key (customerId, supplierId), so an issue finds its field by path.
import { text } from '../form-values.ts';

export type PartnerKind = 'customer' | 'supplier';

export const ID_FIELD = { customer: 'customerId', supplier: 'supplierId' } as const satisfies Record<PartnerKind, string>;

export interface PartnerFormValues {
	id: string;
	name: string;
}

export const blankPartnerValues = (): PartnerFormValues => ({ id: '', name: '' });

export const partnerValues = (p: { id: string; name: string }): PartnerFormValues => ({ id: p.id, name: p.name });

export function readPartnerForm(kind: PartnerKind, form: FormData): PartnerFormValues {
	return { id: text(form, ID_FIELD[kind]), name: text(form, 'name') };
}

/**
 * The save command's input, with the no-code values the form posted (customInput). A save replaces the
 * record; the command itself carries over values of retired fields, which no form shows.
 */
export function partnerInput(kind: PartnerKind, v: PartnerFormValues, custom?: Record<string, string | number>): Record<string, unknown> {
	return { [ID_FIELD[kind]]: v.id, name: v.name, ...(custom ? { custom } : {}) };
}

/** Paths the form shows a field for. */
export const partnerFieldPaths = (kind: PartnerKind) => new Set<string>([ID_FIELD[kind], 'name']);

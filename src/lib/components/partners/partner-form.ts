// The customer and supplier form: values as typed (strings, so a refused form shows what was entered)
// and their conversion to the customer.save / supplier.save input. The code field is named after the
// command's key (customerId, supplierId), so an issue finds its field by path.
import { optional, text } from '../form-values.ts';

export type PartnerKind = 'customer' | 'supplier';

export const ID_FIELD = { customer: 'customerId', supplier: 'supplierId' } as const satisfies Record<PartnerKind, string>;

/** How to reach the partner and its payment terms, in the order the form shows them. */
export const CONTACT_FIELDS = ['contactPerson', 'phone', 'email', 'address', 'paymentTerms'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export interface PartnerFormValues extends Record<ContactField, string> {
	id: string;
	name: string;
	/** A customer's default order currency; unused for suppliers. */
	currency: string;
}

export const blankPartnerValues = (): PartnerFormValues => ({
	id: '',
	name: '',
	contactPerson: '',
	phone: '',
	email: '',
	address: '',
	paymentTerms: '',
	currency: ''
});

type Stored = { id: string; name: string; currency?: string | null } & Partial<Record<ContactField, string | null>>;

export const partnerValues = (p: Stored): PartnerFormValues => ({
	id: p.id,
	name: p.name,
	...(Object.fromEntries(CONTACT_FIELDS.map((f) => [f, p[f] ?? ''])) as Record<ContactField, string>),
	currency: p.currency ?? ''
});

export function readPartnerForm(kind: PartnerKind, form: FormData): PartnerFormValues {
	return {
		id: text(form, ID_FIELD[kind]),
		name: text(form, 'name'),
		...(Object.fromEntries(CONTACT_FIELDS.map((f) => [f, text(form, f)])) as Record<ContactField, string>),
		currency: kind === 'customer' ? text(form, 'currency') : ''
	};
}

/**
 * The save command's input, with the no-code values the form posted (customInput). A save replaces the
 * record: a contact field left empty is removed. The command itself carries over values of retired
 * no-code fields, which no form shows.
 */
export function partnerInput(kind: PartnerKind, v: PartnerFormValues, custom?: Record<string, string | number>): Record<string, unknown> {
	const contact = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, optional(v[f])]).filter(([, x]) => x !== undefined));
	const currency = kind === 'customer' ? optional(v.currency) : undefined;
	return { [ID_FIELD[kind]]: v.id, name: v.name, ...contact, ...(currency ? { currency } : {}), ...(custom ? { custom } : {}) };
}

/** Paths the form shows a field for. */
export const partnerFieldPaths = (kind: PartnerKind) =>
	new Set<string>([ID_FIELD[kind], 'name', ...CONTACT_FIELDS, ...(kind === 'customer' ? ['currency'] : [])]);

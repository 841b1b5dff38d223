// A customer's agreed price of one item: values as typed and their conversion to the
// customer_price.save input. The customer comes from the page's URL; on a row of the list the item is
// the row's, on the add form it is typed.
import { compact, num, optional, text } from '../form-values.ts';

export const CUSTOMER_PRICE_FIELDS = ['itemId', 'unitPrice', 'currency'] as const;
export type CustomerPriceField = (typeof CUSTOMER_PRICE_FIELDS)[number];
export type CustomerPriceFormValues = Record<CustomerPriceField, string>;

export const blankCustomerPriceValues = (currency: string): CustomerPriceFormValues => ({ itemId: '', unitPrice: '', currency });

export const customerPriceValues = (row: { itemId: string; unitPrice: number; currency: string }): CustomerPriceFormValues => ({
	itemId: row.itemId,
	unitPrice: String(row.unitPrice),
	currency: row.currency
});

export function readCustomerPriceForm(form: FormData): CustomerPriceFormValues {
	return Object.fromEntries(CUSTOMER_PRICE_FIELDS.map((f) => [f, text(form, f)])) as CustomerPriceFormValues;
}

/** An empty price is left out, and the schema names it; an empty currency is CNY. */
export function customerPriceInput(customerId: string, v: CustomerPriceFormValues): Record<string, unknown> {
	return compact({ customerId, itemId: v.itemId, unitPrice: num(v.unitPrice), currency: optional(v.currency) });
}

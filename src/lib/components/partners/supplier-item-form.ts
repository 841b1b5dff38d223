// A supplier's terms for one item (price, lead time, minimum order quantity, order multiple): values
// as typed and their conversion to the supplier_item.save input. The supplier comes from the page's
// URL; on a row of the list the item is the row's, on the add form it is typed.
import { compact, num, text } from '../form-values.ts';

export const SUPPLIER_ITEM_FIELDS = ['itemId', 'price', 'leadTimeDays', 'moq', 'orderMultiple'] as const;
export type SupplierItemField = (typeof SUPPLIER_ITEM_FIELDS)[number];
export type SupplierItemFormValues = Record<SupplierItemField, string>;

const str = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export const blankSupplierItemValues = (): SupplierItemFormValues => ({ itemId: '', price: '', leadTimeDays: '', moq: '', orderMultiple: '' });

export function supplierItemValues(row: { itemId: string; price: number; leadTimeDays: number; moq: number | null; orderMultiple: number | null }): SupplierItemFormValues {
	return { itemId: row.itemId, price: str(row.price), leadTimeDays: str(row.leadTimeDays), moq: str(row.moq), orderMultiple: str(row.orderMultiple) };
}

export function readSupplierItemForm(form: FormData): SupplierItemFormValues {
	return Object.fromEntries(SUPPLIER_ITEM_FIELDS.map((f) => [f, text(form, f)])) as SupplierItemFormValues;
}

/** An empty required field (price, lead time) is left out, and the schema names it. */
export function supplierItemInput(supplierId: string, v: SupplierItemFormValues): Record<string, unknown> {
	return compact({
		supplierId,
		itemId: v.itemId,
		price: num(v.price),
		leadTimeDays: num(v.leadTimeDays),
		moq: num(v.moq),
		orderMultiple: num(v.orderMultiple)
	});
}

// The new production order form's values as typed and their conversion to the createProductionOrder
// input. The order may be made for a sales order line (both given) or for stock (neither).
import { compact, num, optional, text } from '../form-values.ts';

export const ORDER_FIELDS = ['productionOrderId', 'itemId', 'qty', 'dueDate', 'salesOrderId', 'salesLineId'] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];
/** As typed, and whether "use the past date anyway" was ticked (PastDateConfirm). */
export type ProductionOrderValues = Record<OrderField, string> & { allowPastDates?: boolean };

export const blankOrderValues = (): ProductionOrderValues => ({ productionOrderId: '', itemId: '', qty: '', dueDate: '', salesOrderId: '', salesLineId: '' });

export const readOrderForm = (form: FormData): ProductionOrderValues => ({
	...(Object.fromEntries(ORDER_FIELDS.map((f) => [f, text(form, f)])) as Record<OrderField, string>),
	allowPastDates: form.get('allowPastDates') === '1'
});

/** The createProductionOrder input. Required fields are passed even when empty, so the schema names them; an empty number is assigned. */
export const orderInput = (v: ProductionOrderValues) =>
	compact({
		productionOrderId: optional(v.productionOrderId),
		allowPastDates: v.allowPastDates || undefined,
		itemId: v.itemId,
		qty: num(v.qty),
		dueDate: v.dueDate.trim(),
		salesOrderId: optional(v.salesOrderId),
		salesLineId: optional(v.salesLineId)
	});

export const isOrderFieldPath = (p: string) => (ORDER_FIELDS as readonly string[]).includes(p);

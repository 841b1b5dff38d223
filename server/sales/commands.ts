// Sales commands: enter, change, cancel and promise orders, and ship against them. They check what
// the state must keep (known customer and items, no over-shipment, no negative stock unless the item
// allows it) inside the transaction that writes the events, reading rows `for update` where a
// concurrent command could race.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { CommandRejected, type Actor, type Command } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import { inScope, salesScope } from '../auth/scope.ts';
import { fixedSchemas, type FixedData } from '../events/catalogue.ts';
import { code, qty } from '../events/primitives.ts';
import { DEFAULT_LOCATION } from '../inventory/schemas.ts';
import { requireReason } from '../shared/reason-codes.ts';
import { checkCustomValues, withCustom } from '../shared/custom-values.ts';
import { refuse } from '../commands/refuse.ts';
import { stockRefusal, unknownItem } from '../inventory/rules.ts';
import { cancelRefusal, changeRefusal, promiseRefusal, SHIPMENT_REVERSAL, shipmentRefusal, unknownCustomer } from './rules.ts';
import { loadOriginals, reversalRefusal } from '../events/reversal.ts';
import { eventId } from '../events/envelope.ts';
import { orderCurrency, withDefaultPrices } from './pricing.ts';
import { customerPrices } from './customer-prices.queries.ts';
import { text } from '../events/primitives.ts';
import { salesOrderCancelledSchema, salesOrderChangedSchema, salesOrderPromisedSchema, type ReasonList } from './schemas.ts';

const SALES = ['sales', 'manager'] as const;

// The reason-code check is shared by every capability (server/shared/reason-codes.ts).
export { requireReason };

interface LineRow {
	line_id: string;
	item_id: string | null;
	qty: number | null;
	shipped: number;
	cancelled: boolean;
}

async function orderLines(tx: Queryable, orderId: string, actor: Actor): Promise<Map<string, LineRow>> {
	const scope = salesScope(actor);
	if (scope !== null) {
		const h = (await tx.query<{ department: string | null }>('select department from sales_orders where order_id = $1', [orderId])).rows[0];
		if (h && !inScope(scope, h.department)) {
			throw new AppError('ERR_FORBIDDEN', `sales order ${orderId} belongs to the department ${h.department}, not to ${scope}`);
		}
	}
	const r = await tx.query<LineRow>(
		`select line_id, item_id, qty::float8 as qty, shipped_qty::float8 as shipped, cancelled_at is not null as cancelled
		from sales_order_lines where order_id = $1 order by line_id for update`,
		[orderId]
	);
	if (!r.rows.length || r.rows.every((l) => l.item_id === null)) throw new CommandRejected('ERR_SO_UNKNOWN', 'orderId', `no sales order "${orderId}"`, { orderId });
	return new Map(r.rows.map((l) => [l.line_id, l]));
}

export const createSalesOrder: Command<FixedData<'sales_order.created'>, { orderId: string }> = {
	name: 'sales_order.create',
	input: fixedSchemas['sales_order.created'],
	roles: SALES,
	async run({ tx, actor }, input) {
		// An order belongs to the department of whoever enters it, unless the input names one; a user
		// narrowed to a department may not enter orders for another.
		const scope = salesScope(actor);
		if (input.department && !inScope(scope, input.department)) {
			throw new CommandRejected('ERR_SO_DEPARTMENT', 'department', `you enter orders for the department ${scope}, not ${input.department}`, { department: input.department });
		}
		const department = input.department ?? actor.department ?? undefined;
		const exists = await tx.query('select 1 from sales_orders where order_id = $1', [input.orderId]);
		if (exists.rowCount) throw new CommandRejected('ERR_SO_EXISTS', 'orderId', `sales order "${input.orderId}" exists already`, { orderId: input.orderId });
		const customer = await tx.query<{ currency: string | null }>('select currency from customers where customer_id = $1', [input.customerId]);
		if (!customer.rowCount) refuse(unknownCustomer(input.customerId));
		const itemIds = input.lines.map((l) => l.itemId);
		const list = new Map(
			(await tx.query<{ item_id: string; list_price: number | null }>('select item_id, list_price::float8 as list_price from items where item_id = any($1::text[])', [itemIds])).rows.map(
				(r) => [r.item_id, r.list_price]
			)
		);
		const i = input.lines.findIndex((l) => !list.has(l.itemId));
		if (i >= 0) refuse(unknownItem(input.lines[i].itemId, `lines.${i}.itemId`));
		const currency = orderCurrency(input.currency, customer.rows[0].currency);
		const lines = withDefaultPrices(input.lines, currency, { customer: await customerPrices(tx, input.customerId, itemIds), list });
		const custom = await checkCustomValues(tx, 'sales_order', input.custom);
		const data = withCustom({ ...input, ...(department ? { department } : {}), currency, lines }, custom);
		return { events: [{ type: 'sales_order.created', data }], result: { orderId: input.orderId } };
	}
};

export const changeSalesOrder: Command<z.infer<typeof salesOrderChangedSchema>, { orderId: string }> = {
	name: 'sales_order.change',
	input: salesOrderChangedSchema,
	roles: SALES,
	async run({ tx, actor }, input) {
		await requireReason(tx, 'order_change', input.reasonCode);
		const lines = await orderLines(tx, input.orderId, actor);
		input.lines.forEach((l, i) => refuse(changeRefusal(lines.get(l.lineId), l, i, input.orderId)));
		return { events: [{ type: 'sales_order.changed', data: input }], result: { orderId: input.orderId } };
	}
};

export const cancelSalesOrder: Command<z.infer<typeof salesOrderCancelledSchema>, { orderId: string; lines: number }> = {
	name: 'sales_order.cancel',
	input: salesOrderCancelledSchema,
	roles: SALES,
	async run({ tx, actor }, input) {
		await requireReason(tx, 'order_cancel', input.reasonCode);
		const lines = await orderLines(tx, input.orderId, actor);
		const ids = input.lineIds ?? [...lines.keys()];
		ids.forEach((id, i) => refuse(cancelRefusal(lines.get(id), id, i, input.orderId)));
		return { events: [{ type: 'sales_order.cancelled', data: input }], result: { orderId: input.orderId, lines: ids.length } };
	}
};

export const promiseSalesOrder: Command<z.infer<typeof salesOrderPromisedSchema>, { orderId: string }> = {
	name: 'sales_order.promise',
	input: salesOrderPromisedSchema,
	roles: ['sales', 'planner', 'manager'],
	async run({ tx, actor }, input) {
		const lines = await orderLines(tx, input.orderId, actor);
		input.lines.forEach((l, i) => refuse(promiseRefusal(lines.get(l.lineId), l.lineId, i, input.orderId)));
		return { events: [{ type: 'sales_order.promised', data: input }], result: { orderId: input.orderId } };
	}
};

export const shipInput = z.strictObject({ orderId: code, lineId: code, qty, locationId: code.optional() });

export const shipSalesOrderLine: Command<z.infer<typeof shipInput>, { orderId: string; lineId: string; shippedQty: number }> = {
	name: 'shipment.ship',
	input: shipInput,
	roles: ['warehouse', 'sales'],
	async run({ tx, actor }, input) {
		const line = (await orderLines(tx, input.orderId, actor)).get(input.lineId);
		refuse(shipmentRefusal(line, input.qty, input.orderId, input.lineId));
		if (!line || line.item_id === null) throw new Error('unreachable: a line with a quantity has an item');
		const locationId = input.locationId ?? DEFAULT_LOCATION;
		const stock = await tx.query<{ on_hand: number; allow: boolean }>(
			`select coalesce(s.on_hand, 0)::float8 as on_hand, i.allow_negative as allow
			from items i left join stock s on s.item_id = i.item_id and s.location_id = $2
			where i.item_id = $1 for update of i`,
			[line.item_id, locationId]
		);
		const s = stock.rows[0];
		if (s) refuse(stockRefusal({ onHand: s.on_hand, allow: s.allow }, -input.qty, line.item_id, locationId));
		return {
			events: [{ type: 'shipment.shipped', data: { orderId: input.orderId, lineId: input.lineId, qty: input.qty, itemId: line.item_id, locationId } }],
			result: { orderId: input.orderId, lineId: input.lineId, shippedQty: line.shipped + input.qty }
		};
	}
};

export const reverseShipmentInput = z.strictObject({ shipmentId: eventId, reasonCode: code, note: text(500).optional() });

/**
 * Takes a mistaken shipment back (a correction, never a deletion): the event repeats what the shipment
 * moved, the line owes it again and the goods return to where they left. Who may ship may correct.
 */
export const reverseShipment: Command<z.infer<typeof reverseShipmentInput>, { orderId: string; lineId: string; shippedQty: number }> = {
	name: 'shipment.reverse',
	input: reverseShipmentInput,
	roles: shipSalesOrderLine.roles,
	async run({ tx, actor }, input) {
		const original = (await loadOriginals(tx, [input.shipmentId])).get(input.shipmentId);
		refuse(reversalRefusal(SHIPMENT_REVERSAL, input, original));
		const shipped = original!.data as FixedData<'shipment.shipped'>;
		const line = (await orderLines(tx, shipped.orderId, actor)).get(shipped.lineId);
		await requireReason(tx, 'correction', input.reasonCode);
		const data = {
			shipmentId: input.shipmentId,
			orderId: shipped.orderId,
			lineId: shipped.lineId,
			qty: shipped.qty,
			...(shipped.itemId ? { itemId: shipped.itemId } : {}),
			locationId: shipped.locationId ?? DEFAULT_LOCATION,
			reasonCode: input.reasonCode,
			...(input.note ? { note: input.note } : {})
		};
		return {
			events: [{ type: 'shipment.reversed', data }],
			result: { orderId: shipped.orderId, lineId: shipped.lineId, shippedQty: (line?.shipped ?? shipped.qty) - shipped.qty }
		};
	}
};

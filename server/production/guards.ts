// Projector guards of the production events: the commands' rules for events that arrive by ingest or
// import — the order state machine (order-state.ts), reasons, known items and work centres. Set-based:
// one query per batch and type. Events of an order not known yet wait for it (an MES may be ahead of
// the ERP); a report whose business time falls before its order closed is a late report, not refused.
import type { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { FixedData } from '../events/catalogue.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { refuseEvent, type Refusal } from '../events/refusal.ts';
import { unknownItem } from '../inventory/rules.ts';
import { guardReasons, reasonRequired } from '../sales/reason-guard.ts';
import { closedOrderRefusal, nothingGoodRefusal, orderMachine, workRefusal, type OrderStatus } from './order-state.ts';
import type { productionOrderCreatedSchema, routingReplacedSchema, workCenterStatusChangedSchema } from './schemas.ts';

interface OrderFacts {
	status: OrderStatus;
	good: number;
	closedAt: number | null;
}

/** Transitions lock the orders as the commands do; reports (many, each adding up) only read them. */
async function knownOrders(tx: Queryable, ids: string[], lock = true): Promise<Map<string, OrderFacts>> {
	const r = await tx.query<{ id: string; status: OrderStatus; good: number; closed_at: Date | string | null }>(
		`select production_order_id as id, status, good_qty::float8 as good, completed_at as closed_at
		from production_orders where production_order_id = any($1::text[]) order by production_order_id${lock ? ' for update' : ''}`,
		[[...new Set(ids)].sort()]
	);
	return new Map(r.rows.map((o) => [o.id, { status: o.status, good: o.good, closedAt: o.closed_at === null ? null : new Date(o.closed_at).getTime() }]));
}

type Ref = { productionOrderId: string };

/** A guard for the events that move an order to `to`: each must be a declared transition, in batch order. */
export function transitionGuard(to: OrderStatus, extra?: (o: OrderFacts) => Refusal | null) {
	return async (tx: Queryable, events: StoredEvent<Ref>[]): Promise<void> => {
		const orders = await knownOrders(tx, events.map((e) => e.data.productionOrderId));
		for (const e of events) {
			const o = orders.get(e.data.productionOrderId);
			if (!o) continue;
			refuseEvent(e.id, orderMachine.refusal(o.status, to, 'productionOrderId', ''));
			refuseEvent(e.id, extra?.(o));
			o.status = to;
		}
	};
}

export const guardReleases = transitionGuard('released');
export const guardCompletions = transitionGuard('completed', (o) => nothingGoodRefusal(o.good));

export async function guardCancellations(tx: Queryable, events: StoredEvent<Ref & { reasonCode: string }>[]): Promise<void> {
	await guardReasons(tx, events.map((e) => ({ eventId: e.id, list: 'order_cancel', code: e.data.reasonCode })));
	await transitionGuard('cancelled')(tx, events);
}

/** Only an open order is rescheduled; one not known yet is refused (a reschedule never waits for its order). */
export async function guardReschedules(tx: Queryable, events: StoredEvent<Ref>[]): Promise<void> {
	const orders = await knownOrders(tx, events.map((e) => e.data.productionOrderId), false);
	for (const e of events) {
		const o = orders.get(e.data.productionOrderId);
		if (!o) refuseEvent(e.id, unknownOrder(e.data.productionOrderId));
		else refuseEvent(e.id, closedOrderRefusal(o.status));
	}
}

export function unknownOrder(id: string, path = 'productionOrderId'): Refusal {
	return { code: 'ERR_MO_UNKNOWN', path, message: `no production order "${id}"`, params: { productionOrderId: id } };
}

/** Starting an operation or reporting: only on a released or in-progress order (late reports aside). */
export async function guardWork(tx: Queryable, events: StoredEvent<Ref>[]): Promise<void> {
	const orders = await knownOrders(tx, events.map((e) => e.data.productionOrderId), false);
	for (const e of events) {
		const o = orders.get(e.data.productionOrderId);
		if (!o) continue;
		if (o.closedAt !== null && Date.parse(e.occurredAt) <= o.closedAt) continue;
		refuseEvent(e.id, workRefusal(o.status));
		o.status = 'in_progress';
	}
}

/** Orders are for known items that are made, not bought. */
export async function guardOrdersCreated(tx: Queryable, events: StoredEvent<z.infer<typeof productionOrderCreatedSchema>>[]): Promise<void> {
	const r = await tx.query<{ id: string; make: string }>('select item_id as id, make_or_buy as make from items where item_id = any($1::text[])', [
		[...new Set(events.map((e) => e.data.itemId))]
	]);
	const items = new Map(r.rows.map((i) => [i.id, i.make]));
	for (const e of events) {
		const make = items.get(e.data.itemId);
		if (make === undefined) refuseEvent(e.id, unknownItem(e.data.itemId));
		if (make !== 'make') refuseEvent(e.id, { code: 'ERR_ITEM_IS_BOUGHT', path: 'itemId', message: `"${e.data.itemId}" is bought, not made`, params: { itemId: e.data.itemId } });
	}
}

export function unknownWorkCenter(id: string, path = 'workCenterId'): Refusal {
	return { code: 'ERR_UNKNOWN_WORK_CENTER', path, message: `unknown work centre "${id}"`, params: { workCenterId: id } };
}

/** Routings name a known item and known work centres. */
export async function guardRoutings(tx: Queryable, events: StoredEvent<z.infer<typeof routingReplacedSchema>>[]): Promise<void> {
	const r = await tx.query<{ k: string; id: string }>(
		`select 'i' as k, item_id as id from items where item_id = any($1::text[])
		union all select 'w', work_center_id from work_centers where work_center_id = any($2::text[])`,
		[[...new Set(events.map((e) => e.data.itemId))], [...new Set(events.flatMap((e) => e.data.operations.map((o) => o.workCenterId)))]]
	);
	const known = new Set(r.rows.map((x) => x.k + x.id));
	for (const e of events) {
		if (!known.has('i' + e.data.itemId)) refuseEvent(e.id, unknownItem(e.data.itemId));
		const i = e.data.operations.findIndex((o) => !known.has('w' + o.workCenterId));
		if (i >= 0) refuseEvent(e.id, unknownWorkCenter(e.data.operations[i].workCenterId, `operations.${i}.workCenterId`));
	}
}

/** A work centre that stops says why, with an active reason (a status of an unknown centre waits for it). */
export async function guardStatusChanges(tx: Queryable, events: StoredEvent<z.infer<typeof workCenterStatusChangedSchema>>[]): Promise<void> {
	for (const e of events) if (e.data.status !== 'up' && !e.data.reasonCode) refuseEvent(e.id, reasonRequired('when a work centre stops'));
	await guardReasons(tx, events.filter((e) => e.data.status !== 'up').map((e) => ({ eventId: e.id, list: 'wc_stop', code: e.data.reasonCode! })));
}

export type ReportEvent = StoredEvent<FixedData<'production.reported'>>;

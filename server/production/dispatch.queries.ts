// The shop floor's dispatch list: every production order not completed or cancelled, with its
// operations (work centre, times, progress), in one query. Reads the projections only.
import type { Queryable } from '../db/db.ts';
import type { OrderStatus } from './order-state.ts';

export interface DispatchOperation {
	seq: number;
	workCenterId: string;
	setupMinutes: number;
	runMinutesPerUnit: number;
	startedAt: string | null;
	goodQty: number;
	scrapQty: number;
}

export interface DispatchOrder {
	productionOrderId: string;
	itemId: string;
	qty: number;
	goodQty: number;
	scrapQty: number;
	dueDate: string;
	status: OrderStatus;
	createdAt: string;
	releasedAt: string | null;
	/** In operation order; empty for an order without a routing. */
	operations: DispatchOperation[];
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** One operation as the query answers it: [seq, work centre, setup, run per unit, started at, good, scrap]. */
type OperationTuple = [number, string, number, number, string | null, number, number];
/** One order as the query answers it: [id, item, qty, good, scrap, due, status, created, released, operations]. */
type OrderTuple = [string, string, number, number, number, string, OrderStatus, string, string | null, OperationTuple[] | null];

/**
 * Open orders (created, released, in progress) by due date, then id, each with its operations, as one
 * JSON value: the simulator asks every simulated hour, and on the embedded database a value per column
 * and row cost several times what one document does.
 */
export async function openProductionOrders(q: Queryable): Promise<DispatchOrder[]> {
	const r = await q.query<{ orders: OrderTuple[] | null }>(
		`select json_agg(json_build_array(o.production_order_id, o.item_id, o.qty, o.good_qty, o.scrap_qty, o.due_date, o.status,
				o.created_at, o.released_at,
				(select json_agg(json_build_array(p.seq, p.work_center_id, p.setup_minutes, p.run_minutes_per_unit, p.started_at,
						p.good_qty, p.scrap_qty) order by p.seq)
					from production_operations p where p.production_order_id = o.production_order_id))
			order by o.due_date, o.production_order_id) as orders
		from production_orders o
		where o.status in ('created', 'released', 'in_progress')`
	);
	return (r.rows[0]?.orders ?? []).map(([id, itemId, qty, goodQty, scrapQty, dueDate, status, created, released, ops]) => ({
		productionOrderId: id,
		itemId,
		qty,
		goodQty,
		scrapQty,
		dueDate,
		status,
		createdAt: iso(created)!,
		releasedAt: iso(released),
		operations: (ops ?? []).map(([seq, workCenterId, setupMinutes, runMinutesPerUnit, startedAt, goodQty, scrapQty]) => ({
			seq,
			workCenterId,
			setupMinutes,
			runMinutesPerUnit,
			startedAt: iso(startedAt),
			goodQty,
			scrapQty
		}))
	}));
}

export interface WorkCenterState {
	workCenterId: string;
	status: 'up' | 'down' | 'maintenance';
	/** Business time of the last status change, if any. */
	statusAt: string | null;
}

/** Every work centre's status as the shop floor sees it, by id. */
export async function workCenterStates(q: Queryable): Promise<WorkCenterState[]> {
	const r = await q.query<Omit<WorkCenterState, 'statusAt'> & { statusAt: Date | string | null }>(
		'select work_center_id as "workCenterId", status, status_at as "statusAt" from work_centers order by work_center_id'
	);
	return r.rows.map((w) => ({ ...w, statusAt: iso(w.statusAt) }));
}

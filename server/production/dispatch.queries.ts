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

/**
 * Open orders (created, released, in progress) by due date, then id, each with its operations as one
 * JSON array: a row per order (the simulator asks every simulated hour, and decoding a row per
 * operation column by column cost twice as much).
 */
export async function openProductionOrders(q: Queryable): Promise<DispatchOrder[]> {
	const r = await q.query<{
		id: string;
		item: string;
		qty: number;
		good: number;
		scrap: number;
		due: string;
		status: OrderStatus;
		created: Date | string;
		released: Date | string | null;
		ops: OperationTuple[];
	}>(
		`select o.production_order_id as id, o.item_id as item, o.qty::float8 as qty, o.good_qty::float8 as good, o.scrap_qty::float8 as scrap,
			to_char(o.due_date, 'YYYY-MM-DD') as due, o.status, o.created_at as created, o.released_at as released,
			(select coalesce(json_agg(json_build_array(p.seq, p.work_center_id, p.setup_minutes::float8, p.run_minutes_per_unit::float8,
					p.started_at, p.good_qty::float8, p.scrap_qty::float8) order by p.seq), '[]')
				from production_operations p where p.production_order_id = o.production_order_id) as ops
		from production_orders o
		where o.status in ('created', 'released', 'in_progress')
		order by o.due_date, o.production_order_id`
	);
	return r.rows.map((x) => ({
		productionOrderId: x.id,
		itemId: x.item,
		qty: x.qty,
		goodQty: x.good,
		scrapQty: x.scrap,
		dueDate: x.due,
		status: x.status,
		createdAt: iso(x.created)!,
		releasedAt: iso(x.released),
		operations: x.ops.map(([seq, workCenterId, setupMinutes, runMinutesPerUnit, startedAt, goodQty, scrapQty]) => ({
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

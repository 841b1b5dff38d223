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

/** Open orders (created, released, in progress) by due date, then id; one row per operation, grouped here. */
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
		seq: number | null;
		wc: string;
		setup: number;
		run: number;
		started: Date | string | null;
		op_good: number;
		op_scrap: number;
	}>(
		`select o.production_order_id as id, o.item_id as item, o.qty::float8 as qty, o.good_qty::float8 as good, o.scrap_qty::float8 as scrap,
			to_char(o.due_date, 'YYYY-MM-DD') as due, o.status, o.created_at as created, o.released_at as released,
			p.seq, p.work_center_id as wc, p.setup_minutes::float8 as setup, p.run_minutes_per_unit::float8 as run, p.started_at as started,
			p.good_qty::float8 as op_good, p.scrap_qty::float8 as op_scrap
		from production_orders o
		-- By the key, for the open orders only: the operations of every closed order are never read
		-- (offset 0 keeps the planner from turning this back into a join over the whole table).
		left join lateral (select * from production_operations p where p.production_order_id = o.production_order_id offset 0) p on true
		where o.status in ('created', 'released', 'in_progress')
		order by o.due_date, o.production_order_id, p.seq`
	);
	const out: DispatchOrder[] = [];
	for (const x of r.rows) {
		let o = out.at(-1);
		if (!o || o.productionOrderId !== x.id) {
			o = {
				productionOrderId: x.id,
				itemId: x.item,
				qty: x.qty,
				goodQty: x.good,
				scrapQty: x.scrap,
				dueDate: x.due,
				status: x.status,
				createdAt: iso(x.created)!,
				releasedAt: iso(x.released),
				operations: []
			};
			out.push(o);
		}
		if (x.seq !== null) {
			o.operations.push({ seq: x.seq, workCenterId: x.wc, setupMinutes: x.setup, runMinutesPerUnit: x.run, startedAt: iso(x.started), goodQty: x.op_good, scrapQty: x.op_scrap });
		}
	}
	return out;
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

// Work centres as pages, the REST API and later scheduling read them: the list's query and the list
// (search, status filter), one work centre with its history, whether a code is taken, and a version
// that changes whenever any of them is saved or changes status. Reads the projections and the event
// log, never writes.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { containing } from '../shared/like-pattern.ts';
import { WORK_CENTER_STATUSES } from './schemas.ts';
import { recordHistory, WORK_CENTER_EVENTS } from './record-history.queries.ts';

export const workCenterListQuery = z.strictObject({
	q: z.string().trim().max(100).optional(),
	status: z.enum(WORK_CENTER_STATUSES).optional()
});
export type WorkCenterListQuery = z.infer<typeof workCenterListQuery>;

export interface WorkCenterRow {
	workCenterId: string;
	name: string;
	department: string | null;
	calendar: { shifts: { start: string; end: string }[]; workdays: number[]; holidays: string[] };
	status: (typeof WORK_CENTER_STATUSES)[number];
	/** The wc_stop reason of a stop; null when up. */
	statusReason: string | null;
	statusAt: string | null;
	/** Operations waiting or running here on released and started orders. */
	openOperations: number;
}

const COLUMNS = `w.work_center_id as "workCenterId", w.name, w.department, w.calendar, w.status, w.status_reason as "statusReason", w.status_at as "statusAt",
	(select count(*)::int from production_operations p join production_orders o on o.production_order_id = p.production_order_id
		where p.work_center_id = w.work_center_id and p.status <> 'done' and o.status in ('released', 'in_progress')) as "openOperations"`;

const fix = (r: WorkCenterRow): WorkCenterRow => ({
	...r,
	statusReason: r.status === 'up' ? null : r.statusReason,
	statusAt: r.statusAt ? new Date(r.statusAt).toISOString() : null
});

/** Every work centre the search matches, by code (a factory has tens, not thousands). */
export async function listWorkCenters(q: Queryable, query: WorkCenterListQuery): Promise<WorkCenterRow[]> {
	const where: string[] = [];
	const params: unknown[] = [];
	if (query.q) {
		params.push(containing(query.q));
		where.push(`(w.work_center_id ilike $${params.length} or w.name ilike $${params.length} or w.department ilike $${params.length})`);
	}
	if (query.status) {
		params.push(query.status);
		where.push(`w.status = $${params.length}`);
	}
	const r = await q.query<WorkCenterRow>(
		`select ${COLUMNS} from work_centers w ${where.length ? 'where ' + where.join(' and ') : ''} order by w.work_center_id`,
		params
	);
	return r.rows.map(fix);
}

export async function getWorkCenter(q: Queryable, workCenterId: string): Promise<(WorkCenterRow & { history: StoredEvent[] }) | null> {
	const r = (await q.query<WorkCenterRow>(`select ${COLUMNS} from work_centers w where w.work_center_id = $1`, [workCenterId])).rows[0];
	if (!r) return null;
	return { ...fix(r), history: await recordHistory(q, 'workCenter', workCenterId) };
}

export async function workCenterExists(q: Queryable, workCenterId: string): Promise<boolean> {
	return (await q.query('select 1 from work_centers where work_center_id = $1', [workCenterId])).rowCount > 0;
}

/**
 * The newest work-centre event: the page's forms start again from what is stored once it changes.
 * A partial index on these types' `seq` answers it without reading their events.
 */
export async function workCentersVersion(q: Queryable): Promise<number> {
	const r = await q.query<{ seq: string | null }>(
		`select max(seq)::text as seq from events where type in (${WORK_CENTER_EVENTS.map((t) => `'${t}'`).join(', ')})`
	);
	return Number(r.rows[0].seq ?? 0);
}

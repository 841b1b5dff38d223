// The load board: per work centre and day, the shift minutes available and the minutes open
// production orders want there (rough-cut, as promising counts them: capacity.ts). What the
// `capacity:load` live topic and the capacity alerts read.
import type { Queryable } from '../db/db.ts';
import { dailyLoad } from './capacity.ts';
import { bookedLoad, loadWorkCenters } from './promise.queries.ts';

export interface LoadDay {
	date: string;
	/** Shift minutes of the day (0 on days off). */
	availableMin: number;
	/** Minutes the open orders want that day. */
	loadMin: number;
	/** loadMin / availableMin in %, rounded; null on a day without shifts (overloaded if loadMin > 0). */
	pct: number | null;
}

export interface WorkCenterLoad {
	workCenterId: string;
	name: string;
	status: string;
	days: LoadDay[];
}

export interface LoadBoard {
	from: string;
	days: number;
	workCenters: WorkCenterLoad[];
}

/** Load of every work centre for `days` days from `today` (the factory date), in work-centre order. */
export async function capacityLoad(q: Queryable, today: string, days = 14): Promise<LoadBoard> {
	const ids = (await q.query<{ id: string; name: string }>(`select work_center_id as id, name from work_centers order by work_center_id`)).rows;
	const centres = await loadWorkCenters(q, ids.map((w) => w.id));
	const booked = await bookedLoad(q, ids.map((w) => w.id));
	const byId = new Map(centres.map((c) => [c.workCenterId, c]));
	return {
		from: today,
		days,
		workCenters: ids.map(({ id, name }) => {
			const wc = byId.get(id)!;
			const per = dailyLoad(wc.calendar, booked.filter((b) => b.workCenterId === id), today, days);
			return {
				workCenterId: id,
				name,
				status: wc.status,
				days: per.map((d) => ({
					date: d.date,
					availableMin: Math.round(d.available),
					loadMin: Math.round(d.required),
					pct: d.available > 0 ? Math.round((d.required / d.available) * 100) : null
				}))
			};
		})
	};
}

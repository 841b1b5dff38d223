// What a demand mix asks of the plant: each item's use per working day (exploded through the BOMs
// with scrap) and each work centre's minutes per working day against its shift minutes. Pure; used
// to size the demo's demand and opening stock, and by the tests that check the plant is busy but
// not overloaded.
import { shiftMinutes } from '../../server/planning/capacity.ts';
import type { Part } from './parts.ts';
import type { WorkCenterInput } from './types.ts';

/** Units of every item used per working day for the given finished units per working day. */
export function dailyUsage(parts: ReadonlyMap<string, Part>, finishedPerDay: Record<string, number>): Map<string, number> {
	const usage = new Map<string, number>();
	const add = (id: string, qty: number) => {
		usage.set(id, (usage.get(id) ?? 0) + qty);
		const p = parts.get(id);
		if (!p || p.kind === 'material') return;
		for (const [child, per, scrap] of p.bom) add(child, qty * per * (1 + (scrap ?? 0) / 100));
	};
	for (const [id, qty] of Object.entries(finishedPerDay)) add(id, qty);
	return usage;
}

/** Run minutes per working day at each work centre for the made items' daily use (setups left out). */
export function dailyLoad(parts: ReadonlyMap<string, Part>, usage: ReadonlyMap<string, number>): Map<string, number> {
	const load = new Map<string, number>();
	for (const [id, qty] of usage) {
		const p = parts.get(id);
		if (!p || p.kind === 'material') continue;
		for (const [wc, , run] of p.ops) load.set(wc, (load.get(wc) ?? 0) + qty * run);
	}
	return load;
}

/** Shift minutes of a working day (a day the work centre works). */
export function shiftMinutesPerDay(wc: WorkCenterInput): number {
	return wc.calendar.shifts.reduce((s, x) => s + shiftMinutes(x), 0);
}

/**
 * Minutes the work centre has per plant working day (Monday to Saturday), averaged over a week: a
 * Monday-to-Friday centre has 5/6 of its daily minutes per plant day, a seven-day furnace 7/6.
 */
export function minutesPerPlantDay(wc: WorkCenterInput): number {
	return (shiftMinutesPerDay(wc) * wc.calendar.workdays.length) / 6;
}

/** Load against capacity per work centre (0..1 and beyond) for the finished units per plant working day. */
export function utilisation(parts: ReadonlyMap<string, Part>, workCenters: readonly WorkCenterInput[], finishedPerDay: Record<string, number>): Map<string, number> {
	const load = dailyLoad(parts, dailyUsage(parts, finishedPerDay));
	return new Map(workCenters.map((w) => [w.workCenterId, (load.get(w.workCenterId) ?? 0) / minutesPerPlantDay(w)]));
}

/** Finished units per working day of each product for a number of orders per day of `unitsPerOrder` each. */
export function finishedPerDay(weights: Record<string, number>, ordersPerDay: number, unitsPerOrder: number): Record<string, number> {
	const total = Object.values(weights).reduce((s, w) => s + w, 0);
	return Object.fromEntries(Object.entries(weights).map(([id, w]) => [id, (ordersPerDay * unitsPerOrder * w) / total]));
}

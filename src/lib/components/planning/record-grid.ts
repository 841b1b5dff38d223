// The columns of a time-phased record as the workbench lays them out: the stored record lists only
// the days where something happens; "every day" fills the days between (projected on hand carries
// over, the other rows are zero there). Columns are grouped by ISO week for the header row above them.
import type { RecordDay } from '$server/planning/workbench.queries.ts';

export type { RecordDay };

export interface WeekGroup {
	/** ISO week number; null for the past-due column. */
	week: number | null;
	/** The Monday of the week (YYYY-MM-DD); null for the past-due column. */
	monday: string | null;
	span: number;
}

const DAY = 86_400_000;
const toDay = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const fromDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export const weekday = (iso: string) => ((new Date(toDay(iso) * DAY).getUTCDay() + 6) % 7) + 1;

/** ISO 8601 week number of a date. */
export function isoWeek(iso: string): number {
	const d = toDay(iso);
	const thursday = d - weekday(iso) + 4;
	const yearStart = Date.UTC(new Date(thursday * DAY).getUTCFullYear(), 0, 1) / DAY;
	return Math.floor((thursday - yearStart) / 7) + 1;
}

const mondayOf = (iso: string) => fromDay(toDay(iso) - weekday(iso) + 1);

/**
 * The days to show: the record's own (sparse), or every day from the plan's start to the last day
 * with activity (at least two weeks, at most the horizon), with the past-due column first if any.
 */
export function recordColumns(days: readonly RecordDay[], opts: { daily: boolean; startDate: string; horizon: number; openingOnHand: number }): RecordDay[] {
	if (!opts.daily) return [...days];
	const pastDue = days.filter((d) => d.date === null);
	const dated = new Map(days.filter((d) => d.date !== null).map((d) => [d.date!, d]));
	const last = [...dated.keys()].sort().at(-1);
	const start = toDay(opts.startDate);
	const end = Math.min(start + Math.max(opts.horizon, 1) - 1, Math.max(last ? toDay(last) : start, start + 13));
	let poh = pastDue.at(-1)?.projectedOnHand ?? opts.openingOnHand;
	const out: RecordDay[] = [...pastDue];
	for (let d = start; d <= end; d++) {
		const iso = fromDay(d);
		const day = dated.get(iso) ?? {
			date: iso,
			grossRequirements: 0,
			scheduledReceipts: 0,
			projectedOnHand: poh,
			netRequirements: 0,
			plannedOrderReceipts: 0,
			plannedOrderReleases: 0
		};
		poh = day.projectedOnHand;
		out.push(day);
	}
	// Days of the record beyond the shown range still count (the record is longer than the horizon shown).
	for (const [iso, day] of dated) if (toDay(iso) > end) out.push(day);
	return out;
}

/** Consecutive columns of the same ISO week, for the header row above the dates. */
export function weekGroups(columns: readonly RecordDay[]): WeekGroup[] {
	const out: WeekGroup[] = [];
	for (const c of columns) {
		const monday = c.date === null ? null : mondayOf(c.date);
		const last = out.at(-1);
		if (last && last.monday === monday) last.span++;
		else out.push({ week: c.date === null ? null : isoWeek(c.date), monday, span: 1 });
	}
	return out;
}

/** How a projected on hand reads: below zero is a shortage, below safety stock a warning. */
export function pohLevel(poh: number, safetyStock: number | null): 'negative' | 'below' | null {
	if (poh < -1e-9) return 'negative';
	if (safetyStock !== null && safetyStock > 0 && poh < safetyStock - 1e-9) return 'below';
	return null;
}

import { describe, expect, it } from 'vitest';
import { isoWeek, pohLevel, recordColumns, weekGroups, weekday, type RecordDay } from '../../../src/lib/components/planning/record-grid.ts';

const day = (date: string | null, over: Partial<RecordDay> = {}): RecordDay => ({
	date,
	grossRequirements: 0,
	scheduledReceipts: 0,
	projectedOnHand: 0,
	netRequirements: 0,
	plannedOrderReceipts: 0,
	plannedOrderReleases: 0,
	...over
});

describe('the record grid', () => {
	it('numbers weeks as ISO 8601 does, across the turn of the year', () => {
		expect([isoWeek('2026-12-07'), isoWeek('2026-12-31'), isoWeek('2027-01-03'), isoWeek('2027-01-04'), isoWeek('2021-01-03')]).toEqual([50, 53, 53, 1, 53]);
		expect([weekday('2026-12-07'), weekday('2026-12-13')]).toEqual([1, 7]);
	});

	it('fills every day between the recorded ones, carrying projected on hand over, past due first', () => {
		const days = [day(null, { plannedOrderReleases: 4, projectedOnHand: 10 }), day('2026-12-09', { grossRequirements: 6, projectedOnHand: 4 })];
		const cols = recordColumns(days, { daily: true, startDate: '2026-12-07', horizon: 60, openingOnHand: 10 });
		expect(cols[0].date).toBeNull();
		expect(cols.slice(1, 5).map((c) => [c.date, c.projectedOnHand, c.grossRequirements])).toEqual([
			['2026-12-07', 10, 0],
			['2026-12-08', 10, 0],
			['2026-12-09', 4, 6],
			['2026-12-10', 4, 0]
		]);
		// at least two weeks, at most the horizon
		expect(cols.length).toBe(1 + 14);
		expect(recordColumns(days, { daily: true, startDate: '2026-12-07', horizon: 5, openingOnHand: 10 }).length).toBe(1 + 5);
		expect(recordColumns(days, { daily: false, startDate: '2026-12-07', horizon: 60, openingOnHand: 10 })).toEqual(days);
	});

	it('groups consecutive columns by week, the past-due column on its own', () => {
		const cols = [day(null), day('2026-12-12'), day('2026-12-13'), day('2026-12-14'), day('2026-12-21')];
		expect(weekGroups(cols)).toEqual([
			{ week: null, monday: null, span: 1 },
			{ week: 50, monday: '2026-12-07', span: 2 },
			{ week: 51, monday: '2026-12-14', span: 1 },
			{ week: 52, monday: '2026-12-21', span: 1 }
		]);
	});

	it('marks projected on hand below zero, and below a safety stock', () => {
		expect([pohLevel(-1, 5), pohLevel(3, 5), pohLevel(5, 5), pohLevel(0, null), pohLevel(0, 0)]).toEqual(['negative', 'below', null, null, null]);
	});
});

// Properties of promise dates over random small factories: never before today or the requested date,
// the basis that the free supply explains, and a bought item's date from its own free supply or its
// lead time, whichever comes first.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { promise, type FreeSupply, type PromiseInput } from '../../../server/planning/promise.ts';
import { addDays, dayNumber } from '../../../server/shared/factory-date.ts';

const today = '2026-12-07';
const dayShift = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };

const free = (itemId: string) =>
	fc.array(
		fc.record({ qty: fc.integer({ min: 1, max: 50 }), day: fc.integer({ min: 0, max: 40 }), stock: fc.boolean() }).map(
			({ qty, day, stock }): FreeSupply =>
				stock ? { itemId, qty, date: today, supply: 'stock' } : { itemId, qty, date: addDays(today, day), supply: 'planned_order', ref: { kind: 'planned_order', id: `${itemId}-${day}` } }
		),
		{ maxLength: 4 }
	);

// A made TOP of 1–3 components, each bought or made of a bought RAW; one work centre, maybe booked.
const factory = fc
	.record({
		topLead: fc.integer({ min: 0, max: 5 }),
		components: fc.array(fc.record({ make: fc.boolean(), lead: fc.integer({ min: 0, max: 9 }), per: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
		rawLead: fc.integer({ min: 0, max: 9 }),
		run: fc.integer({ min: 0, max: 60 }),
		booked: fc.integer({ min: 0, max: 5000 }),
		topFree: free('TOP'),
		rawFree: free('RAW'),
		qty: fc.integer({ min: 1, max: 60 }),
		requested: fc.option(fc.integer({ min: -5, max: 60 }), { nil: undefined })
	})
	.map((f): PromiseInput => {
		const comps = f.components.map((c, i) => ({ ...c, id: `C${i}` }));
		return {
			today,
			request: { itemId: 'TOP', qty: f.qty, ...(f.requested === undefined ? {} : { requestedDate: addDays(today, f.requested) }) },
			plan: { generatedAt: '2026-12-07T00:00:00.000Z' },
			items: [
				{ itemId: 'TOP', makeOrBuy: 'make', leadTimeDays: f.topLead },
				{ itemId: 'RAW', makeOrBuy: 'buy', leadTimeDays: f.rawLead },
				...comps.map((c) => ({ itemId: c.id, makeOrBuy: c.make ? ('make' as const) : ('buy' as const), leadTimeDays: c.lead }))
			],
			bom: [
				...comps.map((c) => ({ parent: 'TOP', child: c.id, qty: c.per })),
				...comps.filter((c) => c.make).map((c) => ({ parent: c.id, child: 'RAW', qty: 2, scrapPct: 10 }))
			],
			free: [...f.topFree, ...f.rawFree],
			routings: [{ itemId: 'TOP', operations: [{ seq: 10, workCenterId: 'WC', setupMinutes: 30, runMinutesPerUnit: f.run }] }],
			workCenters: [{ workCenterId: 'WC', calendar: dayShift, status: 'up' }],
			booked: f.booked ? [{ workCenterId: 'WC', minutes: f.booked, dueDate: addDays(today, 10) }] : [],
			horizonDays: 200
		};
	});

const day = (date: string) => dayNumber(date) - dayNumber(today);

describe('promise properties', () => {
	it('never promises before today or the requested date, and its basis is what the free supply says', () => {
		fc.assert(
			fc.property(factory, (input) => {
				const a = promise(input);
				const requested = input.request.requestedDate ? Math.max(0, day(input.request.requestedDate)) : 0;
				expect(day(a.date)).toBeGreaterThanOrEqual(requested);
				const top = input.free.filter((f) => f.itemId === 'TOP');
				const stockNow = top.filter((f) => f.supply === 'stock').reduce((s, f) => s + f.qty, 0);
				expect(a.basis === 'stock').toBe(stockNow >= input.request.qty);
				if (a.basis === 'stock') expect(day(a.date)).toBe(requested);
				if (a.basis === 'atp') {
					const byDate = top.filter((f) => day(f.date) <= day(a.date)).reduce((s, f) => s + f.qty, 0);
					expect(byDate).toBeGreaterThanOrEqual(input.request.qty);
				}
				expect(a.reasons.length).toBeGreaterThan(0);
			}),
			{ numRuns: 300 }
		);
	});

	it("promises a bought item when its free supply adds up or its lead time has passed, whichever is first", () => {
		fc.assert(
			fc.property(free('RAW'), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 80 }), (supply, lead, qty) => {
				const a = promise({
					today,
					request: { itemId: 'RAW', qty },
					plan: { generatedAt: '2026-12-07T00:00:00.000Z' },
					items: [{ itemId: 'RAW', makeOrBuy: 'buy', leadTimeDays: lead }],
					bom: [],
					free: supply,
					routings: [],
					workCenters: [],
					booked: []
				});
				// Made up of what is free by day d plus a purchase arriving on d (d ≥ lead), or free alone.
				const freeBy = (d: number) => supply.filter((f) => day(f.date) <= d).reduce((s, f) => s + f.qty, 0);
				let expected = lead;
				for (let d = 0; d < lead; d++) {
					if (freeBy(d) >= qty) {
						expected = d;
						break;
					}
				}
				expect(day(a.date)).toBe(expected);
			}),
			{ numRuns: 300 }
		);
	});
});

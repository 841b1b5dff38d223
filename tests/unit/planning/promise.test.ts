// Promise dates for a new order line, worked out by hand: from free stock, from free planned supply
// (ATP), and by making the shortfall (CTP) through a two-level BOM and against a full work centre.
import { describe, expect, it } from 'vitest';
import { inLanguage, preferredSupplier, promise, type PromiseInput } from '../../../server/planning/promise.ts';

// 2026-12-07 is a Monday: day 0.
const today = '2026-12-07';
const dayShift = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };

function input(over: Partial<PromiseInput> & Pick<PromiseInput, 'request'>): PromiseInput {
	return {
		today,
		plan: { generatedAt: '2026-12-07T01:00:00.000Z' },
		items: [{ itemId: 'BIKE', makeOrBuy: 'make', leadTimeDays: 3 }],
		bom: [],
		free: [],
		routings: [],
		workCenters: [],
		booked: [],
		...over
	};
}

const codes = (a: { reasons: { code: string }[] }) => a.reasons.map((r) => r.code);

describe('promise from stock', () => {
	it('promises today when free stock covers the quantity', () => {
		const a = promise(input({ request: { itemId: 'BIKE', qty: 20 }, free: [{ itemId: 'BIKE', qty: 40, date: today, supply: 'stock' }] }));
		expect(a).toMatchObject({ date: today, basis: 'stock' });
		expect(a.reasons).toEqual([{ code: 'PROMISE_STOCK', message: 'BIKE free stock 40', params: { itemId: 'BIKE', qty: 40 }, itemId: 'BIKE' }]);
	});

	it('promises the requested date when it is later, and today when it has passed', () => {
		const free = [{ itemId: 'BIKE', qty: 40, date: today, supply: 'stock' as const }];
		const later = promise(input({ request: { itemId: 'BIKE', qty: 40, requestedDate: '2026-12-20' }, free }));
		expect(later).toMatchObject({ date: '2026-12-20', basis: 'stock' });
		expect(later.reasons.at(-1)).toMatchObject({ code: 'PROMISE_REQUESTED', message: 'promised for the requested date 12-20', date: '2026-12-20' });
		expect(promise(input({ request: { itemId: 'BIKE', qty: 40, requestedDate: '2026-11-30' }, free })).date).toBe(today);
	});
});

describe('promise from free planned supply (ATP)', () => {
	// 10 free in stock, 30 of a planned order free from 12-18 (day 11): 25 are there on 12-18.
	const free = [
		{ itemId: 'BIKE', qty: 10, date: today, supply: 'stock' as const },
		{ itemId: 'BIKE', qty: 30, date: '2026-12-18', supply: 'planned_order' as const, ref: { kind: 'planned_order', id: 'BIKE@11' } }
	];

	it('promises the day the free supply adds up to the quantity when making takes longer', () => {
		// Making the 15 short takes 20 days (12-27): the planned supply on 12-18 comes first.
		const a = promise(input({ request: { itemId: 'BIKE', qty: 25 }, free, items: [{ itemId: 'BIKE', makeOrBuy: 'make', leadTimeDays: 20 }] }));
		expect(a).toMatchObject({ date: '2026-12-18', basis: 'atp' });
		expect(a.reasons.map((r) => r.message)).toEqual(['BIKE free stock 10', 'BIKE free 30 on 12-18 (planned order BIKE@11)']);
		expect(a.reasons[1]).toMatchObject({ code: 'PROMISE_FREE', ref: { kind: 'planned_order', id: 'BIKE@11' }, date: '2026-12-18' });
	});

	it('prefers the free supply when the requested date is after both', () => {
		const a = promise(input({ request: { itemId: 'BIKE', qty: 25, requestedDate: '2026-12-21' }, free }));
		expect(a).toMatchObject({ date: '2026-12-21', basis: 'atp' });
	});

	it('makes the shortfall when that is sooner: the 10 in stock and 15 made in 3 days', () => {
		const a = promise(input({ request: { itemId: 'BIKE', qty: 25 }, free }));
		expect(a).toMatchObject({ date: '2026-12-10', basis: 'ctp' });
		expect(a.reasons.map((r) => r.message)).toEqual(['BIKE lead time 3 days', 'BIKE free stock 10', 'make 15 BIKE from 12-07 (lead time 3 days)']);
	});
});

describe('promise by making the shortfall (CTP)', () => {
	// BIKE (make, 2 days) = 1 FRAME + 2 WHEEL; FRAME (make, 3 days) = 2 STEEL at 20 % scrap allowance (2.4 per frame, as production issues).
	// WHEEL is bought: the cheapest supplier S-1 delivers in 6 days (the item says 10). 4 FRAMEs are in
	// stock; 40 STEEL of purchase order PO-1 are free from 12-09 (day 2).
	const items = [
		{ itemId: 'BIKE', makeOrBuy: 'make' as const, leadTimeDays: 2 },
		{ itemId: 'FRAME', makeOrBuy: 'make' as const, leadTimeDays: 3 },
		{ itemId: 'WHEEL', makeOrBuy: 'buy' as const, leadTimeDays: 10, supplier: { supplierId: 'S-1', leadTimeDays: 6 } },
		{ itemId: 'STEEL', makeOrBuy: 'buy' as const, leadTimeDays: 4 }
	];
	const bom = [
		{ parent: 'BIKE', child: 'FRAME', qty: 1 },
		{ parent: 'BIKE', child: 'WHEEL', qty: 2 },
		{ parent: 'FRAME', child: 'STEEL', qty: 2, scrapPct: 20 }
	];
	const free = [
		{ itemId: 'FRAME', qty: 4, date: today, supply: 'stock' as const },
		{ itemId: 'STEEL', qty: 40, date: '2026-12-09', supply: 'purchase_order' as const, ref: { kind: 'purchase_order', id: 'PO-1', lineId: '1' } }
	];

	it('promises when the last component arrives plus the lead times above it', () => {
		// 10 BIKEs: make 10 from T-2; 6 FRAMEs (4 in stock) from T-5 need 14.4 STEEL, free from day 2 → T ≥ 7;
		// 20 WHEELs bought by T-2 with 6 days → T ≥ 8. T = 8: 12-15, bound by the wheels' supplier.
		const a = promise(input({ request: { itemId: 'BIKE', qty: 10 }, items, bom, free }));
		expect(a).toMatchObject({ date: '2026-12-15', basis: 'ctp' });
		expect(a.reasons.map((r) => r.message)).toEqual([
			'component WHEEL lead time 6 days from supplier S-1',
			'make 10 BIKE from 12-13 (lead time 2 days)',
			'FRAME free stock 4',
			'make 6 FRAME from 12-10 (lead time 3 days)',
			'STEEL free 40 on 12-09 (purchase order PO-1)',
			'buy 20 WHEEL by 12-07 (lead time 6 days from supplier S-1)'
		]);
		expect(a.reasons[0]).toMatchObject({ code: 'PROMISE_LEAD_TIME', params: { itemId: 'WHEEL', days: 6, level: 1, supplierId: 'S-1' }, ref: { kind: 'supplier', id: 'S-1' } });
	});

	it('says the reasons in Chinese from their codes and parameters', () => {
		const a = inLanguage(promise(input({ request: { itemId: 'BIKE', qty: 10 }, items, bom, free })), 'zh-CN', today);
		expect(a.reasons.map((r) => r.message)).toEqual([
			'组件 WHEEL 提前期 6 天（供应商 S-1）',
			'生产 10 BIKE，12-13 开工（提前期 2 天）',
			'FRAME 可用库存 4',
			'生产 6 FRAME，12-10 开工（提前期 3 天）',
			'STEEL 12-09 可用 40（采购订单 PO-1）',
			'采购 20 WHEEL，最迟 12-07 下单（提前期 6 天，供应商 S-1）'
		]);
	});

	it('buys a component rather than wait for its free supply when buying is sooner', () => {
		// STEEL free only from 12-12 (day 5): waiting gives T ≥ 10, buying 14.4 in 4 days T ≥ 9; the wheels
		// come in 2 days here. T = 9: 12-16, bound by the steel's lead time.
		const quick = items.map((i) => (i.itemId === 'WHEEL' ? { ...i, supplier: { supplierId: 'S-1', leadTimeDays: 2 } } : i));
		const later = free.map((f) => (f.itemId === 'STEEL' ? { ...f, date: '2026-12-12' } : f));
		const a = promise(input({ request: { itemId: 'BIKE', qty: 10 }, items: quick, bom, free: later }));
		expect(a).toMatchObject({ date: '2026-12-16', basis: 'ctp' });
		expect(a.reasons[0].message).toBe('component STEEL lead time 4 days');
		expect(a.reasons.map((r) => r.message)).toContain('buy 14.4 STEEL by 12-07 (lead time 4 days)');
	});

	it('answers from stock and lead times when no plan has run, and says so', () => {
		const a = promise(input({ request: { itemId: 'BIKE', qty: 10 }, items, bom, free: [], plan: null }));
		// 10 FRAMEs need 24 STEEL bought in 4 days: T - 5 - 4 ≥ 0 → T = 9 (12-16).
		expect(a).toMatchObject({ date: '2026-12-16', basis: 'ctp' });
		expect(codes(a)[0]).toBe('PROMISE_NO_PLAN');
		expect(codes(a)[1]).toBe('PROMISE_LEAD_TIME');
	});

	it('shares a component between two parents: what one takes the other cannot', () => {
		// BIKE = 1 FRAME + 1 SEAT, each needing 1 BOLT; 1 BOLT is free, another takes 5 days to buy.
		const a = promise(
			input({
				request: { itemId: 'BIKE', qty: 1 },
				items: [
					{ itemId: 'BIKE', makeOrBuy: 'make', leadTimeDays: 0 },
					{ itemId: 'FRAME', makeOrBuy: 'make', leadTimeDays: 0 },
					{ itemId: 'SEAT', makeOrBuy: 'make', leadTimeDays: 0 },
					{ itemId: 'BOLT', makeOrBuy: 'buy', leadTimeDays: 5 }
				],
				bom: [
					{ parent: 'BIKE', child: 'FRAME', qty: 1 },
					{ parent: 'BIKE', child: 'SEAT', qty: 1 },
					{ parent: 'FRAME', child: 'BOLT', qty: 1 },
					{ parent: 'SEAT', child: 'BOLT', qty: 1 }
				],
				free: [{ itemId: 'BOLT', qty: 1, date: today, supply: 'stock' }]
			})
		);
		expect(a).toMatchObject({ date: '2026-12-12', basis: 'ctp' });
	});
});

describe('promise against rough-cut capacity', () => {
	// BIKE (make, 1 day) on WC-ASSY: 60 min setup + 30 min a unit; one 480-minute shift Monday to Friday.
	const base = {
		items: [{ itemId: 'BIKE', makeOrBuy: 'make' as const, leadTimeDays: 1 }],
		routings: [{ itemId: 'BIKE', operations: [{ seq: 10, workCenterId: 'WC-ASSY', setupMinutes: 60, runMinutesPerUnit: 30 }] }],
		workCenters: [{ workCenterId: 'WC-ASSY', calendar: dayShift, status: 'up' }]
	};
	// An open order needs 1,440 minutes there by Thursday 12-10: Monday to Wednesday are full.
	const booked = [{ workCenterId: 'WC-ASSY', minutes: 1440, dueDate: '2026-12-10' }];

	it('promises after the lead time when the work centre has room', () => {
		expect(promise(input({ request: { itemId: 'BIKE', qty: 10 }, ...base }))).toMatchObject({ date: '2026-12-08', basis: 'ctp' });
	});

	it('promises the day after the work fits when the work centre is full until then', () => {
		// 10 BIKEs need 360 minutes: Thursday 12-10 is the first day with room, so they are there on Friday.
		const a = promise(input({ request: { itemId: 'BIKE', qty: 10 }, ...base, booked }));
		expect(a).toMatchObject({ date: '2026-12-11', basis: 'ctp' });
		expect(a.reasons.map((r) => r.message)).toEqual([
			'WC-ASSY full until 12-09',
			'WC-ASSY has room for the 360 min of BIKE only by 12-11',
			'make 10 BIKE from 12-10 (lead time 1 day)'
		]);
		expect(a.reasons[0]).toMatchObject({ code: 'PROMISE_WC_FULL', ref: { kind: 'work_center', id: 'WC-ASSY' }, date: '2026-12-09' });
	});

	it('takes as many days as the minutes need, and skips the weekend', () => {
		// 40 BIKEs need 1,260 minutes: Thursday, Friday and 300 of next Monday → there on Tuesday 12-15.
		const a = promise(input({ request: { itemId: 'BIKE', qty: 40 }, ...base, booked }));
		expect(a).toMatchObject({ date: '2026-12-15', basis: 'ctp' });
	});

	it('says when a work centre on the way is stopped', () => {
		const a = promise(input({ request: { itemId: 'BIKE', qty: 10 }, ...base, workCenters: [{ ...base.workCenters[0], status: 'down' }] }));
		expect(a.reasons.map((r) => r.message)).toContain('WC-ASSY is down now');
	});

	it('gives up at the horizon and says so', () => {
		const a = promise(input({ request: { itemId: 'BIKE', qty: 100_000 }, ...base, horizonDays: 30 }));
		expect(a).toMatchObject({ date: '2027-01-06', basis: 'ctp' });
		expect(codes(a)).toContain('PROMISE_HORIZON');
	});
});

describe('preferred supplier', () => {
	it('is the cheapest offer, then the quickest', () => {
		expect(
			preferredSupplier([
				{ supplierId: 'S-2', price: 5, leadTimeDays: 3 },
				{ supplierId: 'S-1', price: 4, leadTimeDays: 9 },
				{ supplierId: 'S-3', price: 4, leadTimeDays: 7 }
			])
		).toEqual({ supplierId: 'S-3', price: 4, leadTimeDays: 7 });
		expect(preferredSupplier([])).toBeUndefined();
	});
});

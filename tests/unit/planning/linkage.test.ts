import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	autoCandidates,
	blocksAutoFirm,
	DEFAULT_SETTING,
	firmDecision,
	NO_SETTINGS,
	preferredSupplier,
	settingFor,
	widestAutoWindow,
	type CategorySettings,
	type FirmedDocument,
	type PlannedOrderRecord,
	type SupplierTerms
} from '../../../server/planning/linkage.ts';
import { firmInput, pegsSchema, planningCategoryInput, planningCategorySavedSchema } from '../../../server/planning/linkage-schemas.ts';
import { requisitionCreatedSchema } from '../../../server/purchasing/schemas.ts';
import { productionOrderCreatedSchema } from '../../../server/production/schemas.ts';
import { pegDemand } from '../../../server/planning/linkage.queries.ts';

const so = (orderId: string, lineId: string) => ({ kind: 'sales_order_line' as const, orderId, lineId });

const buy: PlannedOrderRecord = {
	id: 'PLN-STEEL-20261210',
	itemId: 'STEEL',
	category: 'metal',
	kind: 'buy',
	qty: 120,
	releaseDate: '2026-12-03',
	dueDate: '2026-12-10',
	pegs: [
		{ qty: 100, demand: { kind: 'planned_order', id: 'PLN-BIKE-20261212' }, needDate: '2026-12-10' },
		{ qty: 20.0000000001, demand: { kind: 'stock' }, needDate: '2026-12-10' }
	]
};
const make: PlannedOrderRecord = { ...buy, id: 'PLN-BIKE-20261212', itemId: 'BIKE', category: null, kind: 'make', qty: 50, releaseDate: '2026-12-08', dueDate: '2026-12-12', pegs: [{ qty: 50, demand: so('SO-1', '10'), needDate: '2026-12-12' }] };

const settings = (fallback = DEFAULT_SETTING, rows: [string, { mode: 'suggest' | 'auto'; windowDays: number }][] = []): CategorySettings => ({ byCategory: new Map(rows), fallback });

describe('category settings', () => {
	it('uses the row of the item category, else the default row, else suggest with a week', () => {
		const s = settings({ mode: 'auto', windowDays: 3 }, [['metal', { mode: 'suggest', windowDays: 10 }]]);
		expect(settingFor(s, 'metal')).toEqual({ mode: 'suggest', windowDays: 10 });
		expect(settingFor(s, 'plastic')).toEqual({ mode: 'auto', windowDays: 3 });
		expect(settingFor(s, null)).toEqual({ mode: 'auto', windowDays: 3 });
		expect(settingFor(NO_SETTINGS, 'metal')).toEqual({ mode: 'suggest', windowDays: 7 });
		expect(widestAutoWindow(NO_SETTINGS)).toBeNull();
		expect(widestAutoWindow(settings(DEFAULT_SETTING, [['a', { mode: 'auto', windowDays: 4 }], ['b', { mode: 'auto', windowDays: 9 }], ['c', { mode: 'suggest', windowDays: 30 }]]))).toBe(9);
	});

	it('takes a mode and a whole number of days from 0 to 365; the window defaults to 7 in the command', () => {
		expect(planningCategoryInput.parse({ category: 'metal', mode: 'auto' })).toEqual({ category: 'metal', mode: 'auto' });
		expect(planningCategoryInput.parse({ mode: 'suggest', windowDays: 0 })).toEqual({ mode: 'suggest', windowDays: 0 });
		const paths = (v: unknown) => planningCategoryInput.safeParse(v).error?.issues.map((i) => i.path.join('.'));
		expect(paths({ mode: 'always' })).toEqual(['mode']);
		expect(paths({ mode: 'auto', windowDays: 2.5 })).toEqual(['windowDays']);
		expect(paths({ mode: 'auto', windowDays: 366 })).toEqual(['windowDays']);
		expect(paths({ mode: 'auto', windowDays: -1 })).toEqual(['windowDays']);
		expect(paths({ category: '', mode: 'auto' })).toEqual(['category']);
		expect(paths({ mode: 'auto', extra: 1 })).toEqual(['']);
		// the event always names its window
		expect(planningCategorySavedSchema.safeParse({ mode: 'auto' }).success).toBe(false);
	});
});

describe('preferredSupplier', () => {
	it('takes the cheapest, then the shortest lead time, then the lowest id', () => {
		const terms: SupplierTerms[] = [
			{ supplierId: 'S3', price: 10, leadTimeDays: 5 },
			{ supplierId: 'S2', price: 10, leadTimeDays: 3 },
			{ supplierId: 'S1', price: 10, leadTimeDays: 3 },
			{ supplierId: 'S0', price: 11, leadTimeDays: 1 }
		];
		expect(preferredSupplier(terms)?.supplierId).toBe('S1');
		expect(preferredSupplier([])).toBeNull();
	});

	it('agrees with sorting by price, lead time and id, in any order of the rows', () => {
		const term = fc.record({ supplierId: fc.constantFrom('A', 'B', 'C', 'D'), price: fc.integer({ min: 0, max: 3 }), leadTimeDays: fc.integer({ min: 0, max: 3 }) });
		fc.assert(
			fc.property(fc.uniqueArray(term, { selector: (t) => t.supplierId, minLength: 1 }), (terms) => {
				const sorted = [...terms].sort((a, b) => a.price - b.price || a.leadTimeDays - b.leadTimeDays || (a.supplierId < b.supplierId ? -1 : 1));
				expect(preferredSupplier(terms)).toEqual(sorted[0]);
				expect(preferredSupplier([...terms].reverse())).toEqual(sorted[0]);
			})
		);
	});
});

describe('firmDecision', () => {
	it('turns a planned buy into a requisition from the preferred supplier, needed by the due date, with its pegs as stored', () => {
		const d = firmDecision(buy, {}, [{ supplierId: 'S-DEAR', price: 14, leadTimeDays: 2 }, { supplierId: 'S-NB', price: 12, leadTimeDays: 7 }]);
		expect(d).toEqual({
			kind: 'requisition',
			plannedOrderId: 'PLN-STEEL-20261210',
			itemId: 'STEEL',
			qty: 120,
			neededBy: '2026-12-10',
			supplierId: 'S-NB',
			pegs: [
				{ qty: 100, demand: { kind: 'planned_order', id: 'PLN-BIKE-20261212' }, needDate: '2026-12-10' },
				{ qty: 20, demand: { kind: 'stock' }, needDate: '2026-12-10' }
			]
		});
		expect(pegsSchema.safeParse(d.pegs).success).toBe(true);
	});

	it('leaves the supplier open when no supplier has terms for the item', () => {
		expect(firmDecision(buy, {}, [])).not.toHaveProperty('supplierId');
	});

	it('turns a planned make into a production order due on the due date, or on the date and quantity chosen', () => {
		expect(firmDecision(make, {}, [])).toEqual({ kind: 'production_order', plannedOrderId: make.id, itemId: 'BIKE', qty: 50, dueDate: '2026-12-12', pegs: make.pegs });
		expect(firmDecision(make, { qty: 60, date: '2026-12-11' }, [])).toMatchObject({ qty: 60, dueDate: '2026-12-11' });
	});

	it('drops pegs that round to nothing', () => {
		expect(firmDecision({ ...make, pegs: [{ qty: 1e-9, demand: { kind: 'safety_stock' } }, ...make.pegs] }, {}, []).pegs).toEqual(make.pegs);
	});
});

describe('document events carry pegs optionally', () => {
	const req = { requisitionId: 'PR-1', itemId: 'STEEL', qty: 1, neededBy: '2026-12-10', requesterRole: 'planner', ruleId: null, steps: [], autoApproved: true };
	const mo = { productionOrderId: 'MO-1', itemId: 'BIKE', qty: 1, dueDate: '2026-12-10', operations: [] };

	it('keeps events without pegs valid', () => {
		expect(requisitionCreatedSchema.safeParse(req).success).toBe(true);
		expect(productionOrderCreatedSchema.safeParse(mo).success).toBe(true);
	});

	it('accepts every kind of demand a peg names, and refuses a malformed one on its path', () => {
		const pegs = [
			{ qty: 1, demand: so('SO-1', '10'), needDate: '2026-12-10' },
			{ qty: 1, demand: { kind: 'safety_stock' } },
			{ qty: 1, demand: { kind: 'forecast', date: '2026-12-01' } },
			{ qty: 1, demand: { kind: 'planned_order', id: 'PLN-BIKE-20261212' } },
			{ qty: 1, demand: { kind: 'production_order', id: 'MO-7' } },
			{ qty: 1, demand: { kind: 'stock' } }
		];
		expect(requisitionCreatedSchema.safeParse({ ...req, plannedOrderId: 'PLN-STEEL-20261210', pegs }).success).toBe(true);
		expect(productionOrderCreatedSchema.safeParse({ ...mo, plannedOrderId: 'PLN-BIKE-20261212', pegs }).success).toBe(true);
		const bad = productionOrderCreatedSchema.safeParse({ ...mo, pegs: [{ qty: 0, demand: { kind: 'sales_order_line', orderId: 'SO-1' } }] });
		expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['pegs.0.demand.lineId', 'pegs.0.qty']);
	});

	it('reads the plan tables’ demand columns as the engine’s demand sources', () => {
		expect(pegDemand('sales_order_line', 'SO-1', '10', '2026-12-10')).toEqual(so('SO-1', '10'));
		expect(pegDemand('planned_order', 'PLN-A-20261210', '', null)).toEqual({ kind: 'planned_order', id: 'PLN-A-20261210' });
		expect(pegDemand('forecast', '', '', '2026-12-01')).toEqual({ kind: 'forecast', date: '2026-12-01' });
		expect(pegDemand('stock', '', '', null)).toEqual({ kind: 'stock' });
		expect(pegDemand('something_new', 'x', '', null)).toBeNull();
	});

	it('takes a planned order id with an optional quantity and date', () => {
		expect(firmInput.parse({ plannedOrderId: ' PLN-A-20261210 ' })).toEqual({ plannedOrderId: 'PLN-A-20261210' });
		expect(firmInput.safeParse({ plannedOrderId: 'P', qty: 0 }).error?.issues[0].path).toEqual(['qty']);
		expect(firmInput.safeParse({ plannedOrderId: 'P', date: '2026-13-01' }).error?.issues[0].path).toEqual(['date']);
		expect(firmInput.safeParse({}).error?.issues[0].path).toEqual(['plannedOrderId']);
	});
});

describe('autoCandidates', () => {
	const today = '2026-12-01';
	const generatedAt = '2026-12-01T02:00:00.000Z';
	const po = (id: string, releaseDate: string, category: string | null = 'metal', kind: 'buy' | 'make' = 'buy'): PlannedOrderRecord => ({ ...buy, id, releaseDate, category, kind });
	const plan = { generatedAt, orders: [po('P-late', '2026-11-28'), po('P-edge', '2026-12-08'), po('P-out', '2026-12-09'), po('P-wood', '2026-12-02', 'wood'), po('P-none', '2026-12-02', null, 'make')] };
	const doc = (over: Partial<FirmedDocument>): FirmedDocument => ({ plannedOrderId: 'P-late', kind: 'requisition', id: 'PR-1', status: 'approved', createdAt: '2026-11-30T00:00:00.000Z', ...over });

	it('firms nothing while every category suggests (a new installation)', () => {
		expect(autoCandidates(plan, NO_SETTINGS, today, [])).toEqual([]);
	});

	it('firms the auto categories’ orders releasing within the window, late ones first', () => {
		const s = settings(DEFAULT_SETTING, [['metal', { mode: 'auto', windowDays: 7 }]]);
		expect(autoCandidates(plan, s, today, []).map((o) => o.id)).toEqual(['P-late', 'P-edge']);
		const all = settings({ mode: 'auto', windowDays: 1 }, [['metal', { mode: 'suggest', windowDays: 7 }]]);
		expect(autoCandidates(plan, all, today, []).map((o) => o.id)).toEqual(['P-none', 'P-wood']);
		expect(autoCandidates(plan, settings({ mode: 'auto', windowDays: 0 }), today, []).map((o) => o.id)).toEqual(['P-late']);
	});

	it('leaves alone an order firmed after the plan was made, a pending or rejected requisition, a cancelled production order', () => {
		const s = settings({ mode: 'auto', windowDays: 0 });
		const after = doc({ createdAt: '2026-12-01T02:00:00.000Z' });
		expect(blocksAutoFirm(after, generatedAt)).toBe(true);
		for (const d of [after, doc({ status: 'pending' }), doc({ status: 'rejected' }), doc({ kind: 'production_order', status: 'cancelled' })]) {
			expect(autoCandidates(plan, s, today, [d])).toEqual([]);
		}
	});

	it('firms again beside documents the plan already counted: the planned order is need beyond them', () => {
		const s = settings({ mode: 'auto', windowDays: 0 });
		for (const d of [doc({ status: 'approved' }), doc({ status: 'ordered' }), doc({ kind: 'production_order', status: 'created' }), doc({ kind: 'production_order', status: 'completed' })]) {
			expect(autoCandidates(plan, s, today, [d]).map((o) => o.id)).toEqual(['P-late']);
		}
	});
});

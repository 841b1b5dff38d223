// Properties of the engine over random BOM DAGs, demands and receipts: pegs add up, projected on hand
// keeps safety stock, records add up, pegs lead upward to planned orders that exist, and net change
// after random changes to a few items equals a regenerative run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planNetChange, planRegenerative } from '../../../server/planning/mrp.ts';
import type { BomLine, Demand, Plan, PlanInput, PlanItem, PlanOptions, Receipt } from '../../../server/planning/types.ts';

const lotSizing = fc.oneof(
	fc.constant({ rule: 'LFL' as const }),
	fc.record({ rule: fc.constant('FOQ' as const), qty: fc.integer({ min: 1, max: 20 }) }),
	fc.record({ rule: fc.constant('POQ' as const), periods: fc.integer({ min: 1, max: 4 }) }),
	fc.record(
		{ rule: fc.constantFrom('LFL' as const, 'POQ' as const), periods: fc.constant(2), min: fc.integer({ min: 0, max: 15 }), multiple: fc.integer({ min: 1, max: 6 }) },
		{ requiredKeys: ['rule'] }
	)
);

const itemFields = fc.record({
	leadTime: fc.integer({ min: 0, max: 3 }),
	onHand: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })),
	safetyStock: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 10 })),
	lotSizing
});

const H = 12;
const demandAt = (n: number) =>
	fc.record({ item: fc.nat({ max: n - 1 }), bucket: fc.integer({ min: -2, max: H + 1 }), qty: fc.integer({ min: 1, max: 30 }), forecast: fc.boolean() });
const receiptAt = (n: number) => fc.record({ item: fc.nat({ max: n - 1 }), bucket: fc.integer({ min: -2, max: H + 1 }), qty: fc.integer({ min: 1, max: 30 }) });
/** Edges only from a lower to a higher index: acyclic by construction. */
const edgeAt = (n: number) =>
	fc
		.record({ a: fc.nat({ max: n - 1 }), b: fc.nat({ max: n - 1 }), qty: fc.integer({ min: 1, max: 3 }), scrap: fc.constantFrom(0, 0, 0, 10, 25) })
		.filter((e) => e.a < e.b);

let serial = 0;
const id = (i: number) => `I${i}`;
const toDemand = (d: { item: number; bucket: number; qty: number; forecast: boolean }): Demand => ({
	itemId: id(d.item),
	bucket: d.bucket,
	qty: d.qty,
	source: d.forecast ? { kind: 'forecast', date: `d${d.bucket}` } : { kind: 'sales_order_line', orderId: `SO${serial++}`, lineId: '1' }
});
const toReceipt = (r: { item: number; bucket: number; qty: number }): Receipt => ({ itemId: id(r.item), bucket: r.bucket, qty: r.qty, ref: { kind: 'purchase_order', id: `PO${serial++}`, lineId: '1' } });
const toLine = (e: { a: number; b: number; qty: number; scrap: number }): BomLine => ({ parent: id(e.a), child: id(e.b), qty: e.qty, ...(e.scrap ? { scrapPct: e.scrap } : {}) });

const planInput = fc.integer({ min: 1, max: 9 }).chain((n) =>
	fc
		.record({
			items: fc.array(itemFields, { minLength: n, maxLength: n }),
			bom: fc.array(edgeAt(Math.max(n, 2)), { maxLength: n * 2 }),
			demands: fc.array(demandAt(n), { maxLength: 14 }),
			receipts: fc.array(receiptAt(n), { maxLength: 6 })
		})
		.map(
			(g): PlanInput => ({
				buckets: H,
				items: g.items.map((f, i): PlanItem => ({ id: id(i), kind: g.bom.some((e) => e.a === i) ? 'make' : 'buy', ...f })),
				bom: g.bom.filter((e) => e.b < n).map(toLine),
				demands: g.demands.map(toDemand),
				receipts: g.receipts.map(toReceipt)
			})
		)
);

const options = fc.record({ useLaterReceiptsFirst: fc.boolean(), deferTolerance: fc.integer({ min: 0, max: 2 }) });

/** One change to one item (or one BOM line, or one item added or removed), and the ids the caller would name. */
type Change = (p: PlanInput) => { input: PlanInput; changed: string[] };
const change: fc.Arbitrary<Change> = fc.oneof(
	fc.record({ at: fc.nat(), d: demandAt(50) }).map(({ at, d }): Change => (p) => {
		const demand = { ...toDemand(d), itemId: p.items[d.item % p.items.length].id };
		const demands = [...p.demands];
		demands.splice(at % (demands.length + 1), 0, demand);
		return { input: { ...p, demands }, changed: [demand.itemId] };
	}),
	fc.nat().map((at): Change => (p) => {
		if (!p.demands.length) return { input: p, changed: [] };
		const k = at % p.demands.length;
		return { input: { ...p, demands: p.demands.filter((_, i) => i !== k) }, changed: [p.demands[k].itemId] };
	}),
	fc.record({ at: fc.nat(), qty: fc.integer({ min: 1, max: 40 }), shift: fc.integer({ min: -3, max: 3 }) }).map(({ at, qty, shift }): Change => (p) => {
		if (!p.demands.length) return { input: p, changed: [] };
		const k = at % p.demands.length;
		const demands = p.demands.map((d, i) => (i === k ? { ...d, qty, bucket: d.bucket + shift } : d));
		return { input: { ...p, demands }, changed: [p.demands[k].itemId] };
	}),
	receiptAt(50).map((r): Change => (p) => {
		const receipt = { ...toReceipt(r), itemId: p.items[r.item % p.items.length].id };
		return { input: { ...p, receipts: [...p.receipts, receipt] }, changed: [receipt.itemId] };
	}),
	fc.nat().map((at): Change => (p) => {
		if (!p.receipts.length) return { input: p, changed: [] };
		const k = at % p.receipts.length;
		return { input: { ...p, receipts: p.receipts.filter((_, i) => i !== k) }, changed: [p.receipts[k].itemId] };
	}),
	fc.record({ at: fc.nat(), f: itemFields }).map(({ at, f }): Change => (p) => {
		const k = at % p.items.length;
		return { input: { ...p, items: p.items.map((it, i) => (i === k ? { ...it, ...f } : it)) }, changed: [p.items[k].id] };
	}),
	edgeAt(50).map((e): Change => (p) => {
		// A new line between two existing items, from lower to higher index: the DAG stays a DAG.
		const [a, b] = [e.a % p.items.length, e.b % p.items.length];
		if (a >= b) return { input: p, changed: [] };
		const line = { ...toLine(e), parent: p.items[a].id, child: p.items[b].id };
		return { input: { ...p, bom: [...p.bom, line] }, changed: [line.parent] };
	}),
	fc.record({ at: fc.nat(), qty: fc.integer({ min: 1, max: 4 }), drop: fc.boolean() }).map(({ at, qty, drop }): Change => (p) => {
		if (!p.bom.length) return { input: p, changed: [] };
		const k = at % p.bom.length;
		const bom = drop ? p.bom.filter((_, i) => i !== k) : p.bom.map((l, i) => (i === k ? { ...l, qty } : l));
		return { input: { ...p, bom }, changed: [p.bom[k].parent] };
	}),
	fc.record({ f: itemFields, parentAt: fc.nat() }).map(({ f, parentAt }): Change => (p) => {
		// A new component under an existing item; the caller names the parent whose BOM changed.
		const newId = `N${serial++}`;
		const parent = p.items[parentAt % p.items.length].id;
		return {
			input: { ...p, items: [...p.items, { id: newId, kind: 'buy', ...f }], bom: [...p.bom, { parent, child: newId, qty: 1 }] },
			changed: [parent]
		};
	}),
	fc.nat().map((at): Change => (p) => {
		if (p.items.length < 2) return { input: p, changed: [] };
		const gone = p.items[at % p.items.length].id;
		const parents = p.bom.filter((l) => l.child === gone).map((l) => l.parent);
		return {
			input: {
				...p,
				items: p.items.filter((i) => i.id !== gone),
				bom: p.bom.filter((l) => l.parent !== gone && l.child !== gone),
				demands: p.demands.filter((d) => d.itemId !== gone),
				receipts: p.receipts.filter((r) => r.itemId !== gone)
			},
			changed: [gone, ...parents]
		};
	})
);

const sum = (xs: { qty: number }[]) => xs.reduce((s, x) => s + x.qty, 0);

function checkPegs(plan: Plan, input: PlanInput): void {
	const planned = new Set([...plan.plannedOrders.values()].flat().map((o) => o.id));
	const parentsOf = new Map<string, Set<string>>();
	for (const l of input.bom) parentsOf.set(l.child, (parentsOf.get(l.child) ?? new Set()).add(l.parent));
	for (const orders of plan.plannedOrders.values()) {
		for (const o of orders) {
			expect(sum(o.pegs)).toBeCloseTo(o.qty, 6);
			for (const p of o.pegs) {
				if (p.demand.kind !== 'planned_order') continue;
				expect(planned.has(p.demand.id)).toBe(true);
				expect(parentsOf.get(o.itemId)?.has(p.demand.id.slice(0, p.demand.id.lastIndexOf('@')))).toBe(true);
			}
		}
	}
	for (const uses of plan.receiptUses.values()) for (const u of uses) expect(sum(u.pegs)).toBeCloseTo(u.qty, 6);
	for (const it of input.items) if (it.onHand > 0) expect(sum(plan.onHandPegs.get(it.id)!)).toBeCloseTo(it.onHand, 6);
}

describe('MRP properties', () => {
	it('pegs every supply exactly: planned orders, receipts and on hand; dependent pegs name a parent planned order', () => {
		fc.assert(
			fc.property(planInput, options, (input, opts) => checkPegs(planRegenerative(input, opts), input)),
			{ numRuns: 300 }
		);
	});

	it('keeps projected on hand at or above safety stock where no planned order is past due, and records add up', () => {
		fc.assert(
			fc.property(planInput, options, (input, opts) => {
				const plan = planRegenerative(input, opts);
				for (const it of input.items) {
					const r = plan.records.get(it.id)!;
					let poh = it.onHand;
					for (let k = 0; k < r.buckets.length; k++) {
						poh += r.scheduledReceipts[k] + r.plannedOrderReceipts[k] - r.grossRequirements[k];
						expect(r.projectedOnHand[k]).toBeCloseTo(poh, 6);
						if (k) expect(r.buckets[k]).toBeGreaterThan(r.buckets[k - 1]);
					}
					const late = (plan.plannedOrders.get(it.id) ?? []).some((o) => o.releaseBucket < 0);
					if (!late) for (const v of r.projectedOnHand) expect(v).toBeGreaterThanOrEqual(it.safetyStock - 1e-6);
					expect(sum((plan.plannedOrders.get(it.id) ?? []).map((o) => ({ qty: o.qty })))).toBeCloseTo(r.plannedOrderReceipts.reduce((s, x) => s + x, 0), 6);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('net change after random changes to a few items equals a regenerative run', () => {
		// `restored`: the previous plan as read back from storage (a copy: nothing kept beside it).
		const round = fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 3 }), restored: fc.boolean() });
		fc.assert(
			fc.property(planInput, options, fc.array(round, { minLength: 1, maxLength: 3 }), (input, opts, rounds) => {
				let prev = planRegenerative(input, opts);
				let current = input;
				for (const { changes, restored } of rounds) {
					const changed: string[] = [];
					for (const c of changes) {
						const r = c(current);
						current = r.input;
						changed.push(...r.changed);
					}
					const net = planNetChange(restored ? structuredClone(prev) : prev, current, changed, opts);
					expect(net).toEqual(planRegenerative(current, opts));
					prev = net;
				}
			}),
			{ numRuns: 400 }
		);
	});

	it('gives the same plan for the same input', () => {
		fc.assert(
			fc.property(planInput, (input) => {
				expect(planRegenerative(input)).toEqual(planRegenerative(structuredClone(input)));
			}),
			{ numRuns: 50 }
		);
	});
});

// Bench sections for what follows a plan: promise dates (ATP/CTP, server/planning/promise.ts) and supply
// risks (server/planning/risk.ts), both on the generated factory of the planning bench. The promise
// figure is the pure answer (the endpoint adds one read of the item's BOM subtree and its free supply);
// the generator has no routings, so rough-cut capacity is not exercised here.
import { performance } from 'node:perf_hooks';
import { addDays } from '../../server/shared/factory-date.ts';
import { promise, type FreeSupply, type PromiseInput, type PromiseItem } from '../../server/planning/promise.ts';
import { assessRisks, type RiskLine } from '../../server/planning/risk.ts';
import type { BomLine, Plan } from '../../server/planning/types.ts';
import type { FigureRow, PlanningContext, PlanningSection } from './planning.ts';

const TODAY = '2026-12-07';
const PROMISE_RUNS = 200;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * q) - 1)];

/** What no demand takes in the plan, per item, as the endpoint reads it from plan_pegs (demand_kind 'stock'). */
function freeSupply(plan: Plan): Map<string, FreeSupply[]> {
	const out = new Map<string, FreeSupply[]>();
	const add = (f: FreeSupply) => {
		const list = out.get(f.itemId);
		if (list) list.push(f);
		else out.set(f.itemId, [f]);
	};
	for (const [itemId, pegs] of plan.onHandPegs) for (const p of pegs) if (p.demand.kind === 'stock') add({ itemId, qty: p.qty, date: TODAY, supply: 'stock' });
	for (const orders of plan.plannedOrders.values())
		for (const o of orders) for (const p of o.pegs) if (p.demand.kind === 'stock') add({ itemId: o.itemId, qty: p.qty, date: addDays(TODAY, p.bucket), supply: 'planned_order', ref: { kind: 'planned_order', id: o.id } });
	for (const uses of plan.receiptUses.values())
		for (const u of uses) for (const p of u.pegs) if (p.demand.kind === 'stock') add({ itemId: u.itemId, qty: p.qty, date: addDays(TODAY, p.bucket), supply: 'purchase_order' });
	return out;
}

/** The request's item and everything below it, as promise.queries.ts loads it. */
function subtree(ctx: PlanningContext, itemId: string, children: Map<string, BomLine[]>) {
	const ids = new Set<string>([itemId]);
	const stack = [itemId];
	const bom: BomLine[] = [];
	while (stack.length) {
		for (const line of children.get(stack.pop()!) ?? []) {
			bom.push(line);
			if (!ids.has(line.child)) {
				ids.add(line.child);
				stack.push(line.child);
			}
		}
	}
	return { ids, bom };
}

export const promiseSection: PlanningSection = {
	name: 'promise (ATP/CTP)',
	run(ctx) {
		const free = freeSupply(ctx.plan);
		const children = new Map<string, BomLine[]>();
		for (const line of ctx.input.bom) children.set(line.parent, [...(children.get(line.parent) ?? []), line]);
		const byId = new Map(ctx.factory.items.map((i) => [i.id, i]));
		const products = ctx.factory.items.filter((i) => i.level === 0);
		const samples: number[] = [];
		const bases = { stock: 0, atp: 0, ctp: 0 };
		for (let k = 0; k < PROMISE_RUNS; k++) {
			const product = products[(k * 7919) % products.length];
			const t0 = performance.now();
			// What the endpoint does after its reads: gather the subtree's data, then decide.
			const { ids, bom } = subtree(ctx, product.id, children);
			const items: PromiseItem[] = [...ids].map((id) => {
				const i = byId.get(id)!;
				return { itemId: id, makeOrBuy: i.makeOrBuy, leadTimeDays: i.leadTimeDays };
			});
			const input: PromiseInput = {
				today: TODAY,
				request: { itemId: product.id, qty: 10 * (1 + (k % 30)), requestedDate: addDays(TODAY, k % 20) },
				plan: { generatedAt: `${TODAY}T00:00:00Z` },
				items,
				bom,
				free: [...ids].flatMap((id) => free.get(id) ?? []),
				routings: [],
				workCenters: [],
				booked: []
			};
			const answer = promise(input);
			samples.push(performance.now() - t0);
			bases[answer.basis]++;
		}
		const p95 = quantile(samples, 0.95);
		return [
			{
				figure: 'promise answer (pure), p95',
				value: p95,
				unit: 'ms',
				baseline: { label: 'regenerative run, median', value: ctx.regenerativeMs.median },
				target: { text: '≤ 100 ms', pass: p95 <= 100 },
				note: `median ${quantile(samples, 0.5).toFixed(1)} ms over ${PROMISE_RUNS} products; bases stock ${bases.stock}, atp ${bases.atp}, ctp ${bases.ctp}`
			}
		] satisfies FigureRow[];
	}
};

export const riskSection: PlanningSection = {
	name: 'supply risks',
	run(ctx) {
		const lines: RiskLine[] = ctx.input.demands.flatMap((d) =>
			d.source.kind === 'sales_order_line' ? [{ orderId: d.source.orderId, lineId: d.source.lineId, itemId: d.itemId, dueBucket: d.bucket }] : []
		);
		const samples: number[] = [];
		let atRisk = 0;
		for (let k = 0; k < 3; k++) {
			const t0 = performance.now();
			atRisk = assessRisks(ctx.plan, ctx.input, lines).length;
			samples.push(performance.now() - t0);
		}
		return [
			{
				figure: 'supply risks of every open line, median',
				value: quantile(samples, 0.5),
				unit: 'ms',
				baseline: { label: 'regenerative run, median', value: ctx.regenerativeMs.median },
				target: null,
				note: `${lines.length} lines, ${atRisk} at risk`
			}
		] satisfies FigureRow[];
	}
};

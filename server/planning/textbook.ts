// The textbook MRP problem of the `mrp` CLI (CONTRACTS.md, "CLI"): periods 1…N in, dense MRP records
// out. A thin translation to and from the engine (mrp.ts): period p is bucket p − 1, options are the
// textbook's (every receipt netted in its own period). No IO here; the CLI reads the file.
//
// Readings of the textbook this follows: net requirements are period by period against the projected
// on hand that earlier planned receipts already raised, so a period a POQ or FOQ lot covers shows 0;
// a parent's release that falls before period 1 puts its dependent demand in period 1.
import { z } from 'zod';
import { planRegenerative } from './mrp.ts';
import type { Demand, PlanException, PlanInput, Receipt } from './types.ts';

export class TextbookInputError extends Error {}

const qty = z.number().nonnegative();
const periodKey = z.string().regex(/^[1-9][0-9]*$/, 'a period number (1, 2, …)');
const byPeriod = z.record(periodKey, qty);

const lotSizing = z
	.strictObject({
		rule: z.enum(['LFL', 'FOQ', 'POQ']),
		qty: z.number().positive().optional(),
		periods: z.number().int().positive().optional(),
		min: qty.optional(),
		multiple: z.number().positive().optional()
	})
	.superRefine((l, ctx) => {
		if (l.rule === 'FOQ' && l.qty === undefined) ctx.addIssue({ code: 'custom', path: ['qty'], message: 'FOQ needs qty' });
		if (l.rule === 'POQ' && l.periods === undefined) ctx.addIssue({ code: 'custom', path: ['periods'], message: 'POQ needs periods' });
	});

export const mrpProblemSchema = z
	.strictObject({
		periods: z.number().int().positive().max(100_000),
		items: z
			.array(
				z.strictObject({
					id: z.string().min(1),
					leadTime: z.number().int().nonnegative(),
					onHand: qty.default(0),
					safetyStock: qty.default(0),
					lotSizing: lotSizing.default({ rule: 'LFL' }),
					scheduledReceipts: byPeriod.default({})
				})
			)
			.min(1),
		bom: z
			.array(
				z.strictObject({
					parent: z.string().min(1),
					child: z.string().min(1),
					qty: z.number().positive(),
					scrapPct: z.number().nonnegative().lt(100).optional()
				})
			)
			.default([]),
		grossRequirements: z.record(z.string(), byPeriod).default({})
	})
	.superRefine((p, ctx) => {
		const ids = new Set<string>();
		p.items.forEach((it, i) => {
			if (ids.has(it.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `item "${it.id}" is listed twice` });
			ids.add(it.id);
			for (const k of Object.keys(it.scheduledReceipts)) {
				if (Number(k) > p.periods) ctx.addIssue({ code: 'custom', path: ['items', i, 'scheduledReceipts', k], message: `period ${k} is after the last period (${p.periods})` });
			}
		});
		p.bom.forEach((l, i) => {
			for (const f of ['parent', 'child'] as const) {
				if (!ids.has(l[f])) ctx.addIssue({ code: 'custom', path: ['bom', i, f], message: `unknown item "${l[f]}"` });
			}
		});
		for (const [id, reqs] of Object.entries(p.grossRequirements)) {
			if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['grossRequirements', id], message: `unknown item "${id}"` });
			for (const k of Object.keys(reqs)) {
				if (Number(k) > p.periods) ctx.addIssue({ code: 'custom', path: ['grossRequirements', id, k], message: `period ${k} is after the last period (${p.periods})` });
			}
		}
	});

export type MrpProblem = z.infer<typeof mrpProblemSchema>;

export interface MrpRecordRows {
	grossRequirements: number[];
	scheduledReceipts: number[];
	projectedOnHand: number[];
	netRequirements: number[];
	plannedOrderReceipts: number[];
	plannedOrderReleases: number[];
}

/** Periods, not buckets: `releasePeriod` 0 or below is before the plan starts. */
export type TextbookException =
	| { kind: 'past_due'; itemId: string; qty: number; releasePeriod: number; receiptPeriod: number; periodsLate: number }
	| { kind: 'shortage'; itemId: string; period: number; qty: number }
	| { kind: 'expedite' | 'defer'; itemId: string; receiptPeriod: number; neededPeriod: number; periods: number }
	| { kind: 'cancel'; itemId: string; receiptPeriod: number; qty: number };

export interface MrpAnswer {
	items: Record<string, MrpRecordRows>;
	exceptions: TextbookException[];
}

/** "items.0.lotSizing.qty: FOQ needs qty; …" */
export function describeIssues(error: z.ZodError): string {
	return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`).join('; ');
}

export function parseMrpProblem(json: unknown): MrpProblem {
	const r = mrpProblemSchema.safeParse(json);
	if (!r.success) throw new TextbookInputError(describeIssues(r.error));
	return r.data;
}

/** Float noise off the output (0.30000000000000004 → 0.3); textbook quantities are never that fine. */
const tidy = (x: number) => (Number.isInteger(x) ? x : Number(x.toFixed(9)));

export function toPlanInput(p: MrpProblem): PlanInput {
	const parents = new Set(p.bom.map((l) => l.parent));
	const demands: Demand[] = [];
	for (const [itemId, reqs] of Object.entries(p.grossRequirements)) {
		for (const [k, q] of Object.entries(reqs)) demands.push({ itemId, bucket: Number(k) - 1, qty: q, source: { kind: 'forecast', date: `P${k}` } });
	}
	const receipts: Receipt[] = p.items.flatMap((it) =>
		Object.entries(it.scheduledReceipts).map(([k, q]) => ({ itemId: it.id, bucket: Number(k) - 1, qty: q, ref: { kind: 'purchase_order' as const, id: `${it.id}/P${k}`, lineId: k } }))
	);
	return {
		buckets: p.periods,
		items: p.items.map((it) => ({
			id: it.id,
			kind: parents.has(it.id) ? 'make' : 'buy',
			leadTime: it.leadTime,
			onHand: it.onHand,
			safetyStock: it.safetyStock,
			lotSizing: it.lotSizing
		})),
		bom: p.bom,
		demands,
		receipts
	};
}

export function solveMrpProblem(p: MrpProblem): MrpAnswer {
	const plan = planRegenerative(toPlanInput(p));
	const n = p.periods;
	const items: Record<string, MrpRecordRows> = {};
	for (const it of p.items) {
		const r = plan.records.get(it.id)!;
		const rows: MrpRecordRows = {
			grossRequirements: new Array(n).fill(0),
			scheduledReceipts: new Array(n).fill(0),
			projectedOnHand: new Array(n).fill(0),
			netRequirements: new Array(n).fill(0),
			plannedOrderReceipts: new Array(n).fill(0),
			plannedOrderReleases: new Array(n).fill(0)
		};
		let k = 0;
		let poh = it.onHand;
		for (let b = 0; b < n; b++) {
			if (k < r.buckets.length && r.buckets[k] === b) {
				rows.grossRequirements[b] = tidy(r.grossRequirements[k]);
				rows.scheduledReceipts[b] = tidy(r.scheduledReceipts[k]);
				rows.netRequirements[b] = tidy(r.netRequirements[k]);
				rows.plannedOrderReceipts[b] = tidy(r.plannedOrderReceipts[k]);
				rows.plannedOrderReleases[b] = tidy(r.plannedOrderReleases[k]);
				poh = r.projectedOnHand[k];
				k++;
			}
			rows.projectedOnHand[b] = tidy(poh);
		}
		items[it.id] = rows;
	}
	const exceptions: TextbookException[] = [];
	for (const id of p.items.map((it) => it.id)) for (const e of plan.exceptions.get(id) ?? []) exceptions.push(textbookException(e));
	return { items, exceptions };
}

function textbookException(e: PlanException): TextbookException {
	const period = (b: number | undefined) => (b ?? 0) + 1;
	switch (e.kind) {
		case 'past_due':
			if (e.ref) return { kind: 'past_due', itemId: e.itemId, qty: tidy(e.qty ?? 0), releasePeriod: period(e.bucket), receiptPeriod: period(e.bucket), periodsLate: e.days ?? 0 };
			return {
				kind: 'past_due',
				itemId: e.itemId,
				qty: tidy(e.qty ?? 0),
				releasePeriod: period(e.bucket),
				receiptPeriod: Number(e.plannedOrderId!.slice(e.plannedOrderId!.lastIndexOf('@') + 1)) + 1,
				periodsLate: e.days ?? 0
			};
		case 'shortage':
			return { kind: 'shortage', itemId: e.itemId, period: period(e.bucket), qty: tidy(e.qty ?? 0) };
		case 'expedite':
		case 'defer':
			return { kind: e.kind, itemId: e.itemId, receiptPeriod: receiptPeriodOf(e), neededPeriod: period(e.bucket), periods: e.days ?? 0 };
		case 'cancel':
			return { kind: 'cancel', itemId: e.itemId, receiptPeriod: receiptPeriodOf(e), qty: tidy(e.qty ?? 0) };
	}
}

/** Textbook receipts carry their period in the reference's line id (toPlanInput). */
const receiptPeriodOf = (e: PlanException) => Number(e.ref && 'lineId' in e.ref ? e.ref.lineId : 0);

/** The `mrp` CLI: raw JSON in, the answer out; TextbookInputError for bad input, cycles included. */
export function runMrpCli(json: unknown): MrpAnswer {
	const p = parseMrpProblem(json);
	try {
		return solveMrpProblem(p);
	} catch (err) {
		if (err instanceof Error && (err as { code?: string }).code === 'ERR_BOM_CYCLE') throw new TextbookInputError(`bom: ${err.message}`);
		throw err;
	}
}

// Builds the demo plant from the hand-written families, partners and settings: costs rolled up from
// components and operations, supplier terms from each supplier's price level and lead time, lot
// sizes and safety stock, and opening stock sized from the expected demand. Deterministic for a seed.
import { random } from '../bench/random.ts';
import { dailyUsage, finishedPerDay } from './capacity.ts';
import { PartList, type BoughtPart, type MadePart, type Part } from './parts.ts';
import { customerInputs, customerSpecs, SUPPLIERS, supplierInputs } from './partners.ts';
import { allParts } from './products.ts';
import { DEMO_ORDER_UNITS, DEMO_ORDERS_PER_DAY, PRODUCT_WEIGHTS } from './profile.ts';
import { APPROVAL_RULES, CUSTOM_FIELDS, PLANNING_CATEGORIES, REASON_CODES } from './settings.ts';
import type { ItemInput, OpeningStock, Plant, SupplierItemInput } from './types.ts';
import { DEMO_USERS } from './users.ts';
import { WORK_CENTRES } from './work-centres.ts';

/** Machine and labour cost per minute at a work centre (CNY), for the standard cost of made parts. */
const RATE_PER_MINUTE = 1.5;
/** Setup minutes are spread over a typical lot of this many units. */
const TYPICAL_LOT = 200;

/** Order minimum and multiple per category of bought part, as suppliers pack and ship them. */
const PACKING: Record<string, { moq: number; multiple: number }> = {
	CASTING: { moq: 100, multiple: 50 },
	FORGING: { moq: 100, multiple: 50 },
	STEEL: { moq: 1000, multiple: 500 },
	FASTENER: { moq: 2000, multiple: 1000 },
	PACKAGING: { moq: 200, multiple: 100 },
	SEAL: { moq: 500, multiple: 100 },
	BEARING: { moq: 100, multiple: 50 },
	FRICTION: { moq: 100, multiple: 50 },
	PLASTIC: { moq: 200, multiple: 100 },
	ELECTRONIC: { moq: 50, multiple: 10 },
	SINTERED: { moq: 200, multiple: 100 },
	CONSUMABLE: { moq: 40, multiple: 20 }
};

/** Categories whose supply takes long or is hard to replace: more safety stock. */
const CRITICAL = new Set(['CASTING', 'FORGING', 'ELECTRONIC', 'BEARING']);

const round2 = (v: number) => Math.round(v * 100) / 100;
const roundUp = (v: number, step: number) => Math.max(step, Math.ceil(v / step) * step);

function rolledCosts(parts: ReadonlyMap<string, Part>): Map<string, number> {
	const cost = new Map<string, number>();
	const of = (id: string): number => {
		const known = cost.get(id);
		if (known !== undefined) return known;
		const p = parts.get(id)!;
		const c =
			p.kind === 'material'
				? p.cost
				: p.bom.reduce((s, [child, qty, scrap]) => s + of(child) * qty * (1 + (scrap ?? 0) / 100), 0) +
					p.ops.reduce((s, [, setup, run]) => s + (run + setup / TYPICAL_LOT) * RATE_PER_MINUTE, 0);
		cost.set(id, round2(c));
		return cost.get(id)!;
	};
	for (const id of parts.keys()) of(id);
	return cost;
}

function supplierTerms(part: BoughtPart, rnd: () => number): SupplierItemInput[] {
	const packing = PACKING[part.category] ?? { moq: 1, multiple: 1 };
	return part.suppliers.map((supplierId) => {
		const s = SUPPLIERS.find((x) => x.id === supplierId);
		if (!s) throw new Error(`${part.id}: unknown supplier ${supplierId}`);
		return {
			supplierId,
			itemId: part.id,
			price: round2(part.cost * s.priceFactor * (1 + (rnd() - 0.5) * 0.04)),
			leadTimeDays: s.leadTimeDays + Math.floor(rnd() * 3),
			moq: packing.moq,
			orderMultiple: packing.multiple
		};
	});
}

export interface BuiltPlant extends Plant {
	/** The part list behind the items (families, operations, components), for analysis and tests. */
	parts: ReadonlyMap<string, Part>;
	/** Expected use per plant working day of every item at the profile's demand. */
	usage: ReadonlyMap<string, number>;
}

export function buildPlant(seed = 1): BuiltPlant {
	const rnd = random(seed);
	const list = new PartList(rnd);
	allParts(list);
	const parts = list.parts;
	const cost = rolledCosts(parts);
	const usage = dailyUsage(parts, finishedPerDay(PRODUCT_WEIGHTS, DEMO_ORDERS_PER_DAY, DEMO_ORDER_UNITS));
	const use = (id: string) => usage.get(id) ?? 0;

	const supplierItems: SupplierItemInput[] = [];
	const items: ItemInput[] = [];
	const openingStock: OpeningStock[] = [];
	for (const p of parts.values()) {
		const daily = use(p.id);
		if (p.kind === 'material') {
			const terms = supplierTerms(p, rnd);
			supplierItems.push(...terms);
			const lead = terms[0].leadTimeDays;
			const safety = Math.ceil(daily * (CRITICAL.has(p.category) ? 3 : 2));
			items.push(boughtItem(p, cost.get(p.id)!, lead, safety));
			// Enough to last until the first orders placed on the first day arrive, and a week more.
			openingStock.push({ itemId: p.id, qty: roundUp(daily * (lead + 7) + safety, p.uom === 'pcs' || p.uom === 'set' ? 10 : 5), unitCost: cost.get(p.id)! });
		} else {
			const safety = p.kind === 'product' ? Math.ceil(daily * 1.5) : 0;
			items.push(madeItem(p, cost.get(p.id)!, safety));
			openingStock.push({ itemId: p.id, qty: roundUp(daily * (p.kind === 'product' ? 4 : 5) + safety, 10), unitCost: cost.get(p.id)! });
		}
	}
	const made = [...parts.values()].filter((p): p is MadePart => p.kind !== 'material');
	return {
		seed,
		parts,
		usage,
		users: DEMO_USERS,
		customFields: CUSTOM_FIELDS,
		reasonCodes: REASON_CODES,
		approvalRules: APPROVAL_RULES,
		workCenters: WORK_CENTRES,
		items,
		boms: made.map((p) => ({ parentItemId: p.id, lines: p.bom.map(([childItemId, qtyPer, scrapPct]) => ({ childItemId, qtyPer, ...(scrapPct ? { scrapPct } : {}) })) })),
		routings: made.map((p) => ({
			itemId: p.id,
			operations: p.ops.map(([workCenterId, setupMinutes, runMinutesPerUnit, description], i) => ({
				seq: (i + 1) * 10,
				workCenterId,
				setupMinutes,
				runMinutesPerUnit,
				...(description ? { description } : {})
			}))
		})),
		suppliers: supplierInputs(),
		supplierItems,
		customers: customerInputs(customerSpecs(seed)),
		openingStock,
		planningCategories: PLANNING_CATEGORIES
	};
}

function boughtItem(p: BoughtPart, unitCost: number, leadTimeDays: number, safetyStock: number): ItemInput {
	const long = p.category === 'CASTING' || p.category === 'FORGING';
	return {
		itemId: p.id,
		name: p.zh,
		kind: 'material',
		uom: p.uom,
		unitCost,
		makeOrBuy: 'buy',
		leadTimeDays,
		safetyStock,
		// Castings and forgings in two-week lots, the rest weekly; suppliers' minimums and multiples apply on top.
		lotSizing: { rule: 'POQ', periods: long ? 10 : 5 },
		category: p.category,
		...(p.bulk ? { allowNegativeStock: true } : {}),
		custom: { name_en: p.en }
	};
}

/** List price over standard cost of a finished product. */
const LIST_MARGIN = 1.35;

function madeItem(p: MadePart, unitCost: number, safetyStock: number): ItemInput {
	return {
		itemId: p.id,
		name: p.zh,
		kind: p.kind,
		uom: p.uom,
		unitCost,
		// Finished goods sell at a third over standard cost, rounded to the yuan.
		...(p.kind === 'product' ? { listPrice: Math.round(unitCost * LIST_MARGIN) } : {}),
		makeOrBuy: 'make',
		leadTimeDays: p.leadTimeDays,
		...(safetyStock ? { safetyStock } : {}),
		// Finished goods to order; semi-finished parts in lots covering three days.
		lotSizing: p.kind === 'product' ? { rule: 'LFL' } : { rule: 'POQ', periods: 3 },
		category: p.category,
		backflush: 'completion',
		custom: { name_en: p.en, ...(p.application ? { application: p.application.zh } : {}) }
	};
}

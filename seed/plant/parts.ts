// The part list the product families are written into: bought parts with their suppliers and cost,
// made parts with their operations and components. Shared parts are registered once and named by id
// wherever they are used; costs of made parts are rolled up from components and operations (build.ts).

/** An operation: work centre, setup minutes per order, run minutes per unit. */
export type Op = [workCenterId: string, setupMinutes: number, runMinutesPerUnit: number, description?: string];
/** A component line: child item, quantity per parent unit, scrap % (optional). */
export type BomRef = [childId: string, qtyPer: number, scrapPct?: number];

interface PartBase {
	id: string;
	zh: string;
	en: string;
	category: string;
	uom: string;
}

export interface BoughtPart extends PartBase {
	kind: 'material';
	/** Standard cost per unit (CNY). */
	cost: number;
	/** Supplier ids; the first is the usual source. */
	suppliers: string[];
	/** Bulk material counted later (paint, oil): stock may go below zero. */
	bulk?: boolean;
}

export interface MadePart extends PartBase {
	kind: 'product' | 'semi';
	leadTimeDays: number;
	ops: Op[];
	bom: BomRef[];
	/** Finished products: the vehicles they go into. */
	application?: { zh: string; en: string };
}

export type Part = BoughtPart | MadePart;

export class PartList {
	readonly parts = new Map<string, Part>();

	constructor(private readonly rnd: () => number) {}

	/** A value within ±share of `v`, rounded to `digits` decimals: the same for the same seed. */
	vary(v: number, share: number, digits = 2): number {
		const f = 10 ** digits;
		return Math.round(v * (1 + (this.rnd() * 2 - 1) * share) * f) / f;
	}

	buy(p: Omit<BoughtPart, 'kind'>): string {
		if (!this.parts.has(p.id)) this.parts.set(p.id, { ...p, kind: 'material' });
		return p.id;
	}

	make(p: MadePart): string {
		if (this.parts.has(p.id)) throw new Error(`part ${p.id} defined twice`);
		for (const [child] of p.bom) if (!this.parts.has(child)) throw new Error(`${p.id}: component ${child} is not defined before it`);
		// Run minutes vary a little between variants of a family, as real routings do.
		const ops = p.ops.map(([wc, setup, run, d]): Op => [wc, setup, this.vary(run, 0.08), ...(d ? [d] : [])] as Op);
		this.parts.set(p.id, { ...p, ops });
		return p.id;
	}

	get(id: string): Part {
		const p = this.parts.get(id);
		if (!p) throw new Error(`unknown part ${id}`);
		return p;
	}
}

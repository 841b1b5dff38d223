// Automatic linkage between the plan and the documents that carry it out. Per item category a setting
// says whether planned orders are only suggested (a person firms them) or firmed by the planner itself
// within a window of days before their release; firming turns a planned buy into a purchase
// requisition and a planned make into a draft production order, both carrying the plan's pegs. Pure:
// plain data in, decisions out, today is an argument; linkage.queries.ts loads, linkage.commands.ts writes.
import type { DemandSource } from './types.ts';
import { addDays } from '../shared/factory-date.ts';

export const LINK_MODES = ['suggest', 'auto'] as const;
export type LinkMode = (typeof LINK_MODES)[number];

export interface CategorySetting {
	mode: LinkMode;
	/** auto: planned orders releasing within this many days from today (or already late) are firmed. */
	windowDays: number;
}

/** What a new installation does: suggest only, with a week's window ready for when auto is chosen. */
export const DEFAULT_SETTING: CategorySetting = Object.freeze({ mode: 'suggest', windowDays: 7 });
export const DEFAULT_WINDOW_DAYS = DEFAULT_SETTING.windowDays;
export const MAX_WINDOW_DAYS = 365;

export interface CategorySettings {
	byCategory: ReadonlyMap<string, CategorySetting>;
	/** The default row: items without a category, and categories without a row of their own. */
	fallback: CategorySetting;
}

export const NO_SETTINGS: CategorySettings = { byCategory: new Map(), fallback: DEFAULT_SETTING };

export function settingFor(settings: CategorySettings, category: string | null): CategorySetting {
	return (category !== null && settings.byCategory.get(category)) || settings.fallback;
}

/** Whether any category (or the default row) firms by itself: when none does, there is nothing to load. */
export function anyAuto(settings: CategorySettings): boolean {
	return settings.fallback.mode === 'auto' || [...settings.byCategory.values()].some((s) => s.mode === 'auto');
}

/** The widest window of the auto categories: planned orders releasing later than today + this never qualify. */
export function widestAutoWindow(settings: CategorySettings): number | null {
	const windows = [settings.fallback, ...settings.byCategory.values()].filter((s) => s.mode === 'auto').map((s) => s.windowDays);
	return windows.length ? Math.max(...windows) : null;
}

/** A peg as documents carry it: `qty` of the supply serves `demand`, needed on `needDate`. */
export type PegDemand = DemandSource | { kind: 'stock' };
export interface PegRecord {
	qty: number;
	demand: PegDemand;
	needDate?: string;
}

/** A planned order as stored by the plan run (planned_orders + plan_pegs), with its item's category. */
export interface PlannedOrderRecord {
	id: string;
	itemId: string;
	category: string | null;
	kind: 'make' | 'buy';
	qty: number;
	releaseDate: string;
	dueDate: string;
	pegs: PegRecord[];
}

export interface SupplierTerms {
	supplierId: string;
	price: number;
	leadTimeDays: number;
}

/** The cheapest supplier with terms for the item; equal prices go to the shorter lead time, then the id. */
export function preferredSupplier(terms: readonly SupplierTerms[]): SupplierTerms | null {
	let best: SupplierTerms | null = null;
	for (const t of terms) {
		if (!best || t.price < best.price || (t.price === best.price && (t.leadTimeDays < best.leadTimeDays || (t.leadTimeDays === best.leadTimeDays && t.supplierId < best.supplierId)))) {
			best = t;
		}
	}
	return best;
}

/** What a person may change when firming: the quantity and the due date (default: the plan's). */
export interface FirmChoice {
	qty?: number;
	date?: string;
}

export type FirmDecision =
	| { kind: 'requisition'; plannedOrderId: string; itemId: string; qty: number; neededBy: string; supplierId?: string; pegs: PegRecord[] }
	| { kind: 'production_order'; plannedOrderId: string; itemId: string; qty: number; dueDate: string; pegs: PegRecord[] };

/** Quantities as the database keeps them (six decimals): pegs summed in floating point carry noise. */
const six = (v: number) => Math.round(v * 1e6) / 1e6;

/** Pegs as a document carries them: as the plan stored them, rounded, without empty ones. */
export function documentPegs(pegs: readonly PegRecord[]): PegRecord[] {
	return pegs.map((p) => ({ ...p, qty: six(p.qty) })).filter((p) => p.qty > 0);
}

/**
 * The document a planned order becomes: buy → a requisition from the preferred supplier (none when no
 * supplier has terms for the item: the requisition is then priced at the item's cost), needed by the
 * due date; make → a production order due then. Both carry the planned order's pegs as stored: a
 * component's peg to its parent planned order is followed upward when read, not resolved here.
 */
export function firmDecision(po: PlannedOrderRecord, choice: FirmChoice, suppliers: readonly SupplierTerms[]): FirmDecision {
	const qty = six(choice.qty ?? po.qty);
	const date = choice.date ?? po.dueDate;
	const pegs = documentPegs(po.pegs);
	if (po.kind === 'make') return { kind: 'production_order', plannedOrderId: po.id, itemId: po.itemId, qty, dueDate: date, pegs };
	const supplier = preferredSupplier(suppliers);
	return {
		kind: 'requisition',
		plannedOrderId: po.id,
		itemId: po.itemId,
		qty,
		neededBy: date,
		...(supplier ? { supplierId: supplier.supplierId } : {}),
		pegs
	};
}

/** A document firmed from a planned order earlier (by a person or by the planner). */
export interface FirmedDocument {
	plannedOrderId: string;
	kind: 'requisition' | 'production_order';
	id: string;
	status: string;
	/** ISO instant. */
	createdAt: string;
}

/** The stored plan the auto step reads: when it was generated and its planned orders. */
export interface PlanSnapshot {
	generatedAt: string;
	orders: PlannedOrderRecord[];
}

/**
 * Documents that stop the planner from firming a planned order of the same id again by itself:
 * - made after the plan was generated: the plan has not seen it yet (a second call on the same plan);
 * - a pending requisition: not supply until approved, so the plan proposes the order again meanwhile;
 * - a rejected requisition or a cancelled production order: a person said no; they firm it by hand if
 *   they change their mind.
 * Any other document older than the plan is supply the plan counted: a planned order beside it is
 * need beyond it, and is firmed.
 */
export function blocksAutoFirm(doc: FirmedDocument, generatedAt: string): boolean {
	if (Date.parse(doc.createdAt) >= Date.parse(generatedAt)) return true;
	if (doc.kind === 'requisition') return doc.status === 'pending' || doc.status === 'rejected';
	return doc.status === 'cancelled';
}

/**
 * The planned orders the planner firms by itself today: those of items whose category is in `auto`,
 * releasing no later than today + the category's window (late releases included: they are the most
 * urgent), and not blocked by an earlier firm (blocksAutoFirm). In release order, then by id, so the
 * documents are numbered in the order they are needed.
 */
export function autoCandidates(plan: PlanSnapshot, settings: CategorySettings, today: string, firmed: readonly FirmedDocument[]): PlannedOrderRecord[] {
	const blocked = new Set(firmed.filter((d) => blocksAutoFirm(d, plan.generatedAt)).map((d) => d.plannedOrderId));
	return plan.orders
		.filter((po) => {
			const s = settingFor(settings, po.category);
			return s.mode === 'auto' && po.releaseDate <= addDays(today, s.windowDays) && !blocked.has(po.id);
		})
		.sort((a, b) => (a.releaseDate < b.releaseDate ? -1 : a.releaseDate > b.releaseDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

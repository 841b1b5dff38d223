// Projectors turn committed events into state tables, inside the append transaction. Each receives
// all new events of its type in a batch (set-based SQL, not one statement per event) and must be
// order-independent where business time decides (see the last-writer-wins helpers below).
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from './envelope.ts';
import { branded } from '../brand.ts';
import type { ErrorCode, ErrorParams, ParamsArg } from '../errors.ts';

/** How a batch is applied: live appends check the rules; a rebuild replays what already passed them. */
export interface ApplyContext {
	/**
	 * Check the rules that read the state this apply writes (open quantity, stock), on the rows its
	 * statement returns: no extra query, no lock beyond the write's own, so concurrent batches cannot
	 * both pass. Throws EventRejected to refuse the batch.
	 */
	checkRules: boolean;
}

export const LIVE: ApplyContext = { checkRules: true };

export interface Projector<D = Record<string, unknown>> {
	type: string;
	/** Applies new (never before seen) events of `type`; runs in the append transaction. */
	apply(tx: Queryable, events: StoredEvent<D>[], ctx?: ApplyContext): Promise<void>;
	/**
	 * Checks rules that span events and state (references, cycles) before any projection of the batch
	 * runs; throws EventRejected to refuse the batch.
	 */
	guard?(tx: Queryable, events: StoredEvent<D>[]): Promise<void>;
}

/** A batch refused by a guard: the event (by id), the field, why, and the code's parameters. */
const EventRejectedBrand = branded('EventRejected');

export class EventRejected<C extends ErrorCode = ErrorCode> extends Error {
	static [Symbol.hasInstance](value: unknown): boolean {
		return EventRejectedBrand.is(value);
	}

	readonly params: ErrorParams<C>;

	constructor(
		readonly code: C,
		readonly eventId: string,
		readonly path: string,
		message: string,
		...params: ParamsArg<C>
	) {
		super(message);
		this.params = (params[0] ?? {}) as ErrorParams<C>;
		EventRejectedBrand.mark(this);
		this.name = 'EventRejected';
	}
}

/**
 * A projector of the whole batch: runs once after every type's projectors, with the batch's new events
 * by type, when the batch holds one of its types (the KPI ledger recomputes each subject a batch
 * touched once, whatever mix of types touched it).
 */
export interface BatchProjector {
	types: ReadonlySet<string>;
	apply(tx: Queryable, byType: ReadonlyMap<string, StoredEvent[]>): Promise<void>;
}

export class ProjectorRegistry {
	private readonly byType = new Map<string, Projector[]>();
	private readonly finals: BatchProjector[] = [];
	private readonly held = new Set<(p: Projector | BatchProjector) => boolean>();

	register<D>(p: Projector<D>): this {
		const list = this.byType.get(p.type) ?? [];
		list.push(p as unknown as Projector);
		this.byType.set(p.type, list);
		return this;
	}

	for(type: string): readonly Projector[] {
		const list = this.byType.get(type) ?? [];
		return this.held.size ? list.filter((p) => ![...this.held].some((h) => h(p))) : list;
	}

	/**
	 * Skips the projectors `which` picks on this node until the returned release is called. For state
	 * that is a function of other projections and can be rebuilt from them at once: a simulation writing
	 * a factory's history holds the KPI ledger and rebuilds it at the end, instead of recomputing it
	 * after every simulated hour.
	 */
	hold(which: (p: Projector | BatchProjector) => boolean): () => void {
		const h = (p: Projector | BatchProjector) => which(p);
		this.held.add(h);
		return () => void this.held.delete(h);
	}

	registerBatch(p: BatchProjector): this {
		this.finals.push(p);
		return this;
	}

	/** Projected types in registration order, which is the order a batch is applied in. */
	types(): string[] {
		return [...this.byType.keys()];
	}

	/** Applies a batch's events, grouped by type: each type's projectors in `types()` order, then the batch projectors. */
	async applyAll(tx: Queryable, byType: ReadonlyMap<string, StoredEvent[]>, each: (type: string, list: StoredEvent[]) => Promise<void>): Promise<void> {
		const order = this.types();
		const rank = (t: string) => {
			const i = order.indexOf(t);
			return i === -1 ? order.length : i;
		};
		for (const type of [...byType.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))) await each(type, byType.get(type)!);
		for (const f of this.finals) {
			if ([...this.held].some((h) => h(f))) continue;
			if ([...byType.keys()].some((t) => f.types.has(t))) await f.apply(tx, byType);
		}
	}
}

/** A batch's events by type, in the batch's order within each type. */
export function groupByType(events: StoredEvent[]): Map<string, StoredEvent[]> {
	const byType = new Map<string, StoredEvent[]>();
	for (const e of events) {
		const list = byType.get(e.type);
		if (list) list.push(e);
		else byType.set(e.type, [e]);
	}
	return byType;
}

/** Keeps, per key, the event with the latest (occurredAt, id): the one a last-writer-wins upsert keeps. */
export function latestPerKey<D>(events: StoredEvent<D>[], key: (e: StoredEvent<D>) => string): StoredEvent<D>[] {
	const best = new Map<string, StoredEvent<D>>();
	for (const e of events) {
		const k = key(e);
		const cur = best.get(k);
		if (!cur || isNewer(e, cur)) best.set(k, e);
	}
	return [...best.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
}

export function isNewer(a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }): boolean {
	const ta = Date.parse(a.occurredAt);
	const tb = Date.parse(b.occurredAt);
	return ta !== tb ? ta > tb : a.id > b.id;
}

/** Rows passed to SQL as one jsonb parameter and expanded with jsonb_to_recordset. */
export function asJson(rows: unknown[]): string {
	return JSON.stringify(rows);
}

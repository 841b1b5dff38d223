// The one append-and-apply path. A validated batch is written in one transaction: new events are
// inserted (duplicates by id skipped and counted), projectors run on the new ones, counts are bumped;
// only after commit are the new events published on the bus, so subscribers never see uncommitted facts.
import type { Db, Queryable } from '../db/db.ts';
import type { Bus } from '../live/bus.ts';
import type { StoredEvent, ValidEvent } from './envelope.ts';
import { LIVE, groupByType, type ProjectorRegistry } from './projectors.ts';
import { countEvents, insertBatch } from './insert.ts';

export { EVENT_STAGE_DDL } from './insert.ts';

export const COMMITTED_CHANNEL = 'events.committed';

export interface AppendResult {
	accepted: number;
	duplicates: number;
	/** The newly stored events, in the order they were stored. */
	events: StoredEvent[];
}

export interface AppendDeps {
	db: Db;
	bus: Bus;
	projectors: ProjectorRegistry;
	/** Told when the bus refuses a publish; the events are committed all the same. */
	onPublishError?: (err: unknown) => void;
	/** Told when publishing a committed batch took at least a second (the sender waits for it). */
	onSlowPublish?: (ms: number, events: number) => void;
	/** Told on this node after each commit that stored events, before they are published. */
	onCommitted?: (events: StoredEvent[]) => void;
}

export interface EventLog {
	/** Appends a validated batch in its own transaction: all or nothing, idempotent on id. */
	append(batch: ValidEvent[]): Promise<AppendResult>;
	/**
	 * Runs `work` in one transaction and appends the events it returns in that same transaction: a
	 * command reads state, decides, and its events and projections commit together or not at all.
	 */
	transact<T>(work: (tx: Queryable) => Promise<{ events: ValidEvent[]; result: T }>): Promise<{ result: T } & AppendResult>;
	/**
	 * One transaction for many steps (an import): `append` writes a step's events at once, so later
	 * steps see earlier ones. Commits when `work` returns { commit: true }, else rolls everything back
	 * (a preview). Only committed events are published.
	 */
	steps<T>(work: (tx: Queryable, append: (events: ValidEvent[]) => Promise<StoredEvent[]>) => Promise<{ commit: boolean; result: T }>): Promise<T>;
}

/** Thrown inside a transaction to roll it back while still answering a result. */
class Rollback<T> extends Error {
	constructor(readonly result: T) {
		super('rolled back');
	}
}


/** Writes a batch inside the caller's transaction: new events inserted, guards checked, projectors run. */
export async function appendInTx(tx: Queryable, deps: Pick<AppendDeps, 'db' | 'projectors'>, batch: ValidEvent[]): Promise<StoredEvent[]> {
	// New events only, in seq order; an id sent again with another body refuses the batch (insert.ts).
	const fresh = await insertBatch(tx, deps.db, batch);
	if (!fresh.length) return [];
	// Types in the order their projectors were registered (items before BOMs that name them), each
	// guarded against the state so far — rules spanning events and state, like a BOM cycle or an unknown
	// item — then projected; then the batch projectors. A guard that refuses rolls the whole batch back.
	await deps.projectors.applyAll(tx, groupByType(fresh), async (type, list) => {
		for (const p of deps.projectors.for(type)) if (p.guard) await p.guard(tx, list);
		for (const p of deps.projectors.for(type)) await p.apply(tx, list, LIVE);
	});
	await countEvents(tx, fresh);
	return fresh;
}

/**
 * The append path of one process. Appends run concurrently, each in its own transaction (PostgreSQL
 * retries the rare deadlock between overlapping batches). After commit each batch is published;
 * publishes are chained in the order the commits completed, so this node's batches reach the bus in
 * commit order. Across nodes the bus order follows publish times.
 */
export function createEventLog(deps: AppendDeps): EventLog {
	let published: Promise<void> = Promise.resolve();

	async function publish(stored: StoredEvent[]) {
		if (!stored.length) return;
		// Here, after the transaction, never inside it: a deadlock retry re-runs the transaction's work.
		deps.onCommitted?.(stored);
		// Live delivery is at most once: a bus failure after commit must not turn a stored batch into
		// an error (the sender would retry and only get duplicates). Subscribers heal from snapshots.
		const started = performance.now();
		const mine = (published = published.then(() =>
			deps.bus.publish(COMMITTED_CHANNEL, stored).catch((err) => deps.onPublishError?.(err))
		));
		await mine;
		const ms = performance.now() - started;
		if (ms >= 1000) deps.onSlowPublish?.(Math.round(ms), stored.length);
	}

	return {
		async append(batch) {
			const stored = await deps.db.transaction((tx) => appendInTx(tx, deps, batch));
			await publish(stored);
			return { accepted: stored.length, duplicates: batch.length - stored.length, events: stored };
		},
		async transact(work) {
			const out = await deps.db.transaction(async (tx) => {
				const { events, result } = await work(tx);
				const stored = events.length ? await appendInTx(tx, deps, events) : [];
				return { result, stored, sent: events.length };
			});
			await publish(out.stored);
			return { result: out.result, accepted: out.stored.length, duplicates: out.sent - out.stored.length, events: out.stored };
		},
		async steps(work) {
			try {
				const out = await deps.db.transaction(async (tx) => {
					const stored: StoredEvent[] = [];
					const { commit, result } = await work(tx, async (events) => {
						const s = await appendInTx(tx, deps, events);
						stored.push(...s);
						return s;
					});
					if (!commit) throw new Rollback(result);
					return { result, stored };
				});
				await publish(out.stored);
				return out.result;
			} catch (err) {
				if (err instanceof Rollback) return err.result as never;
				throw err;
			}
		}
	};
}

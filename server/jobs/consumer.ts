// Durable reactions: a reaction that must see every committed event once across all nodes (planning
// net change, KPI time jobs, alert escalation) follows the event log by its own (tx, seq) cursor in
// `consumer_cursors`, advanced in the same transaction as the reaction's writes and events. The bus
// and this node's commits only wake it; a periodic poll catches what a lost Redis message or a
// restart left behind. One node runs a reaction at a time (its lock), and a compare-and-set on the
// cursor keeps a node that lost its lock unnoticed from applying a page twice. Reactions keep their
// transactions short: an open transaction that has written holds back every event cursor.
import type { Db, Queryable } from '../db/db.ts';
import type { Bus } from '../live/bus.ts';
import type { Logger } from '../log.ts';
import { COMMITTED_CHANNEL, type EventLog } from '../events/append.ts';
import type { StoredEvent, ValidEvent } from '../events/envelope.ts';
import { readEvents, type Cursor } from '../events/read.ts';
import type { Lease, Locks } from './lock.ts';

export interface Reaction {
	/** Stable and unique: names its cursor row and its lock. */
	name: string;
	/** Event types it reacts to (all when absent); the cursor still passes every event. */
	types?: string[];
	/** Where a reaction seen for the first time starts: every event in the log, or only new ones. */
	startAt?: 'beginning' | 'end';
	/** Events handed over per transaction (default 500). */
	batchSize?: number;
	/**
	 * Runs inside the transaction that moves the cursor past `events` (in log order). Events it
	 * returns are appended in that transaction. It may run again for the same events after a
	 * rollback, so it must leave nothing outside the transaction (or be idempotent where it does).
	 */
	handle(tx: Queryable, events: StoredEvent[]): Promise<ValidEvent[] | void>;
}

export interface ConsumerDeps {
	db: Db;
	events: EventLog;
	bus: Bus;
	locks: Locks;
	log: Logger;
	/** This node's commits (runtime.onCommitted): a wake-up that needs no bus. */
	onCommitted(listener: (events: StoredEvent[]) => void): () => void;
}

export interface Consumer {
	readonly name: string;
	/** Asks for a run soon (coalesced with a run already going). */
	wake(): void;
	/** Runs until the consumer has caught up with the log; false when another node leads it (or it is held). */
	catchUp(): Promise<boolean>;
	/**
	 * Holds the reaction on this node until every hold is released: wake-ups and polls are remembered,
	 * not run (a simulation writing a factory's past commits thousands of times in a row; the reaction
	 * takes all of it in afterwards, in pages). Answers the release, which runs a wake-up that came meanwhile.
	 */
	hold(): () => void;
	stop(): Promise<void>;
}

/** Another node moved the cursor since it was read: this page is theirs. */
class CursorMoved extends Error {}

export async function readCursor(q: Queryable, name: string): Promise<Cursor | null> {
	const r = await q.query<{ tx: string; seq: string }>('select tx::text as tx, seq::text as seq from consumer_cursors where name = $1', [name]);
	return r.rows[0] ? { tx: r.rows[0].tx, seq: Number(r.rows[0].seq) } : null;
}

/**
 * A reaction seen for the first time starts at the beginning, or for 'end' at the watermark: after the
 * newest event below the oldest transaction still open. Were it after the newest committed event, the
 * events of a transaction open at that moment (an older id) would commit behind the cursor and never
 * be handed over; this way a few events committed just before the start are handed over as well.
 */
async function ensureCursor(q: Queryable, reaction: Reaction): Promise<Cursor> {
	const newest = `from events where tx < pg_snapshot_xmin(pg_current_snapshot()) order by events.tx desc, events.seq desc limit 1`;
	const start = reaction.startAt === 'end' ? `coalesce((select tx ${newest}), '0'), coalesce((select seq ${newest}), 0)` : `'0', 0`;
	await q.query(`insert into consumer_cursors (name, tx, seq) values ($1, ${start}) on conflict (name) do nothing`, [reaction.name]);
	return (await readCursor(q, reaction.name))!;
}

export function startConsumer(deps: ConsumerDeps, reaction: Reaction, opts: { pollMs?: number } = {}): Consumer {
	const limit = reaction.batchSize ?? 500;
	const wanted = reaction.types ? new Set(reaction.types) : null;
	const concerns = (events: StoredEvent[]) => !wanted || events.some((e) => wanted.has(e.type));
	let lease: Lease | null = null;
	let stopped = false;
	let again = false;
	let running: Promise<boolean> | null = null;
	let recheck: NodeJS.Timeout | null = null;
	/** Doubles while something stays held back (a long transaction elsewhere), from 50 ms to 5 s. */
	let recheckMs = 50;

	/**
	 * Events committed behind a transaction that is still open elsewhere stay out of reach until it
	 * ends, and nobody will wake the reaction for them then: look again shortly instead of at the poll.
	 * Ordered by tx so that it reads the (tx, seq) index from the watermark on: the planner cannot know
	 * how few rows lie above it and, with a bare limit, would scan the whole log hoping to meet one soon.
	 */
	async function heldBack(): Promise<boolean> {
		const r = await deps.db.query(
			`select 1 from events where tx >= pg_snapshot_xmin(pg_current_snapshot())
			${reaction.types ? 'and type = any($1::text[])' : ''} order by tx limit 1`,
			reaction.types ? [reaction.types] : []
		);
		return r.rows.length > 0;
	}

	/** One page: false when there is nothing more to read now. */
	async function step(): Promise<boolean> {
		const cursor = (await readCursor(deps.db, reaction.name)) ?? (await ensureCursor(deps.db, reaction));
		// Only finished transactions (the cursor's watermark): an event never appears behind the cursor.
		const page = await readEvents(deps.db, { after: cursor, types: reaction.types, stable: true, limit });
		if (!page.last) return false;
		const last = page.last;
		await deps.events.transact(async (tx) => {
			const moved = await tx.query(
				`update consumer_cursors set tx = $2::xid8, seq = $3, updated_at = now()
				where name = $1 and tx = $4::xid8 and seq = $5`,
				[reaction.name, last.tx, last.seq, cursor.tx, cursor.seq]
			);
			if (moved.rowCount !== 1) throw new CursorMoved();
			return { events: (await reaction.handle(tx, page.events)) ?? [], result: null };
		});
		return page.events.length === limit;
	}

	async function lead(): Promise<boolean> {
		if (!lease?.held()) lease = await deps.locks.tryLock('reaction:' + reaction.name);
		return lease !== null;
	}

	async function loop(): Promise<boolean> {
		let led = false;
		while (again && !stopped) {
			again = false;
			try {
				if (!(await lead())) return false;
				led = true;
				while (!stopped && (await step()));
				if (stopped || recheck) continue;
				if (!(await heldBack())) {
					recheckMs = 50;
					continue;
				}
				recheck = setTimeout(() => {
					recheck = null;
					void run();
				}, recheckMs);
				recheck.unref();
				recheckMs = Math.min(recheckMs * 2, 5000);
			} catch (err) {
				if (err instanceof CursorMoved) continue;
				// Left for the next wake-up or poll; the cursor has not moved past the failing page.
				deps.log.error({ err, reaction: reaction.name }, 'reaction failed');
				return led;
			}
		}
		return led;
	}

	let holds = 0;
	let missed = false;

	function run(): Promise<boolean> {
		if (holds > 0) {
			missed = true;
			return running ?? Promise.resolve(false);
		}
		again = true;
		running ??= loop().finally(() => (running = null));
		return running;
	}

	const offLocal = deps.onCommitted((events) => concerns(events) && run());
	const offBus = deps.bus.subscribe(COMMITTED_CHANNEL, (m) => Array.isArray(m) && concerns(m as StoredEvent[]) && run());
	const poll = setInterval(() => void run(), opts.pollMs ?? 10_000);
	poll.unref();
	void run();

	return {
		name: reaction.name,
		wake: () => void run(),
		async catchUp() {
			// A run already going may have read its page before the latest commit: run once more after it.
			await running;
			return run();
		},
		hold() {
			holds++;
			let released = false;
			return () => {
				if (released) return;
				released = true;
				holds--;
				if (holds === 0 && missed && !stopped) {
					missed = false;
					void run();
				}
			};
		},
		async stop() {
			stopped = true;
			clearInterval(poll);
			if (recheck) clearTimeout(recheck);
			offLocal();
			await (await offBus)();
			await running;
			await lease?.release();
		}
	};
}

// Loading benchmark data the way the server stores events: each batch validated by the catalogue and
// appended by the event log's own path (server/events/append.ts: COPY into the stage on PostgreSQL,
// guards, projectors, counts), in transactions of at most CHUNK events that never span two of the
// history's blocks of days (the history counts the stock a block brings in from the next block on).
// The KPI ledger is left to one kpi-rebuild at the end, which gives the sums the live path would.
// Set-up, not measurement: a benchmark times what it reads or posts afterwards.
import { performance } from 'node:perf_hooks';
import type { Db } from '../../server/db/db.ts';
import { appendInTx } from '../../server/events/append.ts';
import type { Catalogue } from '../../server/events/catalogue.ts';
import type { ProjectorRegistry } from '../../server/events/projectors.ts';
import { validateBatch } from '../../server/events/validate.ts';
import { buildCatalogue, buildProjectors } from '../../server/runtime.ts';
import { ensureDefaultReasonCodes } from '../../server/sales/reason-codes.ts';
import { ensureDefaultApprovalRules } from '../../server/purchasing/projectors.ts';
import { ensureKpiTimeZone } from '../../server/kpi/rebuild.ts';
import type { BenchEvent } from '../../seed/bench/events.ts';
import { daysOf, setupOf, type BenchSet } from '../../seed/bench/sets.ts';

const CHUNK = 10_000;

export interface EventSink {
	db: Db;
	catalogue: Catalogue;
	projectors: ProjectorRegistry;
}

/** A migrated database made ready as the server makes it at start (reason codes, approval rules, the KPI time zone). */
export async function eventSink(db: Db, timeZone: string): Promise<EventSink> {
	await ensureDefaultReasonCodes(db);
	await ensureDefaultApprovalRules(db);
	await ensureKpiTimeZone(db, timeZone);
	return { db, catalogue: buildCatalogue(), projectors: buildProjectors(timeZone, { kpi: false }) };
}

/** Validates and appends, CHUNK events per transaction; a refused event stops the load with its reason. */
export async function appendEvents(sink: EventSink, events: readonly BenchEvent[]): Promise<void> {
	for (let i = 0; i < events.length; i += CHUNK) {
		const batch = events.slice(i, i + CHUNK);
		const valid = validateBatch(sink.catalogue, { events: batch });
		if (!valid.ok) {
			const issue = valid.issues[0];
			throw new Error(`benchmark event ${batch[issue.index]?.type} invalid at ${issue.path}: ${issue.message} (${JSON.stringify(batch[issue.index]?.data)})`);
		}
		try {
			const stored = await sink.db.transaction((tx) => appendInTx(tx, sink, valid.events));
			if (stored.length !== batch.length) throw new Error(`${batch.length - stored.length} of ${batch.length} benchmark events were stored already`);
		} catch (err) {
			const eventId = (err as { eventId?: string }).eventId;
			const refused = eventId ? batch.find((e) => e.id === eventId) : undefined;
			if (refused) throw new Error(`benchmark event refused: ${(err as Error).message} — ${refused.type} ${refused.occurredAt} ${JSON.stringify(refused.data)}`);
			throw err;
		}
	}
}

export interface Loaded {
	/** Events appended: setup and history. */
	events: number;
	seconds: number;
}

/**
 * The set's setup, then its history block by block (`onBlock` hears each block's end, for progress).
 * The KPI ledger is not built: call rebuildKpis after (the KPI benchmark times it).
 */
export async function loadSet(sink: EventSink, set: BenchSet, onBlock?: (day: number, events: number) => void): Promise<Loaded> {
	const t0 = performance.now();
	const setup = setupOf(set);
	await appendEvents(sink, setup);
	let events = setup.length;
	const block = set.history.blockDays ?? 1;
	let pending: BenchEvent[] = [];
	let current = 0;
	const flush = async (day: number) => {
		await appendEvents(sink, pending);
		events += pending.length;
		pending = [];
		onBlock?.(day, events);
	};
	let last = 0;
	for (const day of daysOf(set)) {
		if (Math.floor(day.day / block) !== current) {
			await flush(last);
			current = Math.floor(day.day / block);
		}
		pending.push(...day.events);
		last = day.day;
	}
	await flush(last);
	return { events, seconds: (performance.now() - t0) / 1000 };
}

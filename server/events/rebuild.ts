// Rebuilds every projection from the event log: the projections are a cache of the log, and this
// proves it. Events are replayed transaction by transaction in log order ((tx, seq)), each group
// through the same apply order as the live path; guards are skipped (the log holds only what passed).
import type { Db, Queryable } from '../db/db.ts';
import type { StoredEvent } from './envelope.ts';
import { groupByType, type ProjectorRegistry } from './projectors.ts';
import { readEvents, type Cursor } from './read.ts';

export type Resetter = (tx: Queryable) => Promise<void>;

export async function applyGroup(tx: Queryable, projectors: ProjectorRegistry, events: StoredEvent[]): Promise<void> {
	await projectors.applyAll(tx, groupByType(events), async (type, list) => {
		for (const p of projectors.for(type)) await p.apply(tx, list);
	});
}

/**
 * One transaction: readers see the old projections until the new ones are complete. The log is read
 * in pages of `pageSize` events by (tx, seq) cursor (tests page small to cross many page boundaries).
 */
export async function rebuildProjections(
	db: Db,
	projectors: ProjectorRegistry,
	resetters: Resetter[],
	opts: { pageSize?: number } = {}
): Promise<{ events: number }> {
	const pageSize = opts.pageSize ?? 5000;
	return db.transaction(async (tx) => {
		// Appends wait until the rebuild commits, so the log read here is the whole log.
		if (db.kind !== 'pglite') await tx.exec('lock table events in share mode');
		for (const reset of resetters) await reset(tx);
		let after: Cursor | undefined;
		let total = 0;
		let group: StoredEvent[] = [];
		let groupTx: string | null = null;
		for (;;) {
			const page = await readEvents(tx, { after, stable: true, noWatermark: true, limit: pageSize });
			for (const [i, e] of page.events.entries()) {
				const etx = page.txs[i];
				if (groupTx !== null && etx !== groupTx) {
					await applyGroup(tx, projectors, group);
					group = [];
				}
				groupTx = etx;
				group.push(e);
			}
			total += page.events.length;
			if (page.events.length < pageSize) break;
			after = page.last!;
		}
		if (group.length) await applyGroup(tx, projectors, group);
		await tx.exec('truncate event_counts');
		await tx.exec('insert into event_counts (type, n) select type, count(*) from events group by type');
		return { events: total };
	});
}

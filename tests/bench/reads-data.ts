// The reads benchmark's data set: the benchmark factory's two years of life (seed/bench/sets.ts
// readsSet) appended through the event log (load.ts), so the projections are the ones the server's own
// path makes: items on five BOM levels with routings and supplier terms, customers with three
// versions, suppliers with two, sales orders entered by ten sales users (shipped around their due
// dates, a few late, some cancelled), purchase orders for materials and approved requisitions with
// their receipts and inspections, production orders released, reported and completed, stock, and
// machine telemetry filling the log up to its size. The sales users' accounts come first; the KPI
// ledger (kpi-rebuild) and the statistics autovacuum would leave come last.
import { randomUUID } from 'node:crypto';
import { Rng } from '../../seed/bench/random.ts';
import type { Db } from '../../server/db/db.ts';
import { insertUser } from '../../server/auth/users.ts';
import { rebuildKpis } from '../../server/kpi/rebuild.ts';
import { iso, SOURCE, dayStartMs, type BenchEvent } from '../../seed/bench/events.ts';
import { DEFAULT_SEED, readsSet, readsSizes, SALES_USERS, type ReadsSizes } from '../../seed/bench/sets.ts';
import { appendEvents, eventSink, loadSet } from './load.ts';

export interface DataSet extends ReadsSizes {
	scale: number;
	/** Records the benchmark opens (recent ones, with histories). */
	sample: { orderId: string; itemId: string; customerId: string; supplierId: string; username: string };
}

export function dataSet(scale: number): DataSet {
	return { scale, ...readsSizes(scale), sample: { orderId: '', itemId: '', customerId: '', supplierId: '', username: 'bench' } };
}

/**
 * Fills a migrated database whose benchmark user (`bench`) exists already. `today` is the factory date
 * the server will run on: the history ends the day before, so the newest orders are due around it.
 */
export async function loadDataSet(db: Db, d: DataSet, today: string, timeZone: string): Promise<DataSet> {
	const set = readsSet(d.scale, today);
	const sink = await eventSink(db, timeZone);
	// The other sales users: accounts (no one signs in as them) and the events their creation left.
	const at = dayStartMs(set.history.start) - 12 * 3_600_000;
	const users: BenchEvent[] = [];
	const ids = new Rng(DEFAULT_SEED ^ 0x75736572);
	const bench = (await db.query<{ id: string }>(`select id from users where username = 'bench'`)).rows[0];
	for (const username of SALES_USERS) {
		const id = username === 'bench' ? bench.id : (await insertUser(db, { username, displayName: `Sales ${username}`, password: randomUUID(), roles: ['sales'] })).id;
		users.push(
			{ id: ids.uuid(), type: 'user.created', occurredAt: iso(at), source: SOURCE, actor: 'user:bench', data: { userId: id, username, displayName: `Sales ${username}`, roles: ['sales'] } },
			{ id: ids.uuid(), type: 'user.updated', occurredAt: iso(at + 86_400_000), source: SOURCE, actor: 'user:bench', data: { userId: id, username, locale: 'en' } }
		);
	}
	await appendEvents(sink, users);
	await loadSet(sink, set);
	await rebuildKpis(db, timeZone);
	// As autovacuum leaves a database at rest: statistics gathered, the visibility map set.
	await db.exec('vacuum analyze');
	const events = (await db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
	const recent = (
		await db.query<{ order_id: string; item_id: string }>(
			`select o.order_id, l.item_id from sales_orders o join sales_order_lines l on l.order_id = o.order_id
			where o.entered_by = 'user:bench' order by o.ordered_at desc, l.line_id limit 1`
		)
	).rows[0];
	return {
		...d,
		events,
		sample: { orderId: recent.order_id, itemId: recent.item_id, customerId: set.factory.customers[0], supplierId: set.factory.suppliers[0], username: 'bench' }
	};
}

// PostgreSQL via a pg Pool. Transactions are retried on deadlock and serialization failure, which
// concurrent ingest of overlapping batches can cause; the work inside must be safe to repeat.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { RetryTransaction, type Db, type Queryable, type QueryResult } from './db.ts';
import { eventsTableKind } from './timescale.ts';

const RETRYABLE = new Set(['40P01', '40001', '23505']);
// Concurrent batches that write the same projection rows (stock, order lines) in different orders can
// deadlock (the event log's own ids are taken in id order and cannot: events/insert.ts); PostgreSQL
// aborts one, and it is simply run again. A unique violation is run again too: two batches
// that both create the same projection row (the first stock of an item at a location, say) race, and
// the one that loses finds the row on its second try. (Duplicate events never get here: the event log
// skips them by id.) A genuine duplicate fails the same way after the last attempt. Large batches
// that share many projection rows on a busy server can deadlock again and again: each retry waits a
// little longer (jittered, up to about 2.5 s) before the sender gets an error.
const MAX_ATTEMPTS = 12;

function wrap(c: pg.Pool | pg.PoolClient): Queryable {
	const copy =
		c instanceof pg.Pool
			? undefined
			: async (sql: string, data: string) => {
					await pipeline(Readable.from([Buffer.from(data, 'utf8')]), c.query(copyFrom(sql)));
				};
	return {
		copyFrom: copy,
		async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
			const r = await c.query(sql, params);
			return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
		},
		async exec(sql: string) {
			await c.query(sql);
		}
	};
}

/** What a transaction that took long spent its time on (PostgresOptions.onSlow). */
export interface SlowTransaction {
	/** Waiting for a pooled connection, over all attempts. */
	waitMs: number;
	/** The rest: the attempts and the pauses between them. */
	runMs: number;
	attempts: number;
	/** Why the last failed attempt was run again: its SQLSTATE (deadlock, serialization, unique) or 'recheck'. */
	retriedOn: string | null;
	/** Connections in use and callers waiting for one, when it ended. */
	pool: { total: number; idle: number; waiting: number };
}

export interface PostgresOptions {
	/** Runs once on every new connection (session state such as temporary tables). */
	sessionSql?: string[];
	/** Told of every transaction that took at least `slowMs` in all (default 1,000 ms), for the log. */
	onSlow?: (t: SlowTransaction) => void;
	slowMs?: number;
}

export async function openPostgres(url: string, opts: PostgresOptions = {}): Promise<Db> {
	const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'liandong' });
	// Session setup runs once per connection, the first time a transaction uses it.
	const prepared = new WeakSet<pg.PoolClient>();
	async function prepare(client: pg.PoolClient) {
		if (prepared.has(client)) return;
		for (const sql of opts.sessionSql ?? []) await client.query(sql);
		prepared.add(client);
	}
	pool.on('error', () => {
		// An idle client lost its connection; the pool replaces it. Queries in flight report their own errors.
	});
	const probe = await pool.query<{ ok: number }>('select 1 as ok');
	if (probe.rows[0]?.ok !== 1) throw new Error('PostgreSQL did not answer select 1');
	const base = wrap(pool);

	const slowMs = opts.slowMs ?? 1000;

	/** One try in its own transaction; a failure that may be run again answers { retry } instead of throwing. */
	async function attempt<T>(client: pg.PoolClient, fn: (tx: Queryable) => Promise<T>, n: number): Promise<{ result: T } | { retry: string }> {
		await prepare(client);
		try {
			await client.query('begin');
			const result = await fn(wrap(client));
			await client.query('commit');
			return { result };
		} catch (err) {
			await client.query('rollback').catch(() => undefined);
			if (err instanceof RetryTransaction) {
				if (n < MAX_ATTEMPTS && (await err.recheck(wrap(client)))) return { retry: 'recheck' };
				throw err.failure;
			}
			const code = (err as { code?: string }).code;
			if (!(code && RETRYABLE.has(code) && n < MAX_ATTEMPTS)) throw err;
			return { retry: code };
		}
	}

	async function transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
		const asked = performance.now();
		let waitMs = 0;
		let retriedOn: string | null = null;
		let n = 1;
		try {
			for (; ; n++) {
				const before = performance.now();
				const client = await pool.connect();
				waitMs += performance.now() - before;
				let out: { result: T } | { retry: string };
				try {
					out = await attempt(client, fn, n);
				} finally {
					client.release();
				}
				if ('result' in out) return out.result;
				retriedOn = out.retry;
				// The pause before the next try is spent without a connection, so that a few batches backing
				// off from a deadlock do not leave everyone else (the next command, a probe) waiting for the pool.
				if (out.retry !== 'recheck') await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(n, 8)));
			}
		} finally {
			const end = performance.now();
			if (opts.onSlow && end - asked >= slowMs) {
				opts.onSlow({
					waitMs: Math.round(waitMs),
					runMs: Math.round(end - asked - waitMs),
					attempts: n,
					retriedOn,
					pool: { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
				});
			}
		}
	}

	return {
		// What `events` is now (a hypertable or not); the runtime looks again after its TimescaleDB setup.
		kind: await eventsTableKind(base),
		...base,
		transaction,
		async withLock<T>(key: bigint, fn: (q: Queryable) => Promise<T>): Promise<T> {
			const client = await pool.connect();
			try {
				await client.query('select pg_advisory_lock($1)', [key.toString()]);
				try {
					return await fn(wrap(client));
				} finally {
					await client.query('select pg_advisory_unlock($1)', [key.toString()]);
				}
			} finally {
				client.release();
			}
		},
		close: () => pool.end()
	};
}

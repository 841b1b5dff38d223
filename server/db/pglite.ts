// Embedded PostgreSQL (PGlite, WASM) persisted in a folder. One connection: PGlite runs one
// query at a time, so locks are process-local and transactions never deadlock.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './db.ts';

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
	return {
		async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
			const r = await q.query<T>(sql, params as never[]);
			return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
		},
		async exec(sql: string) {
			await q.exec(sql);
		}
	};
}

export async function openPglite(dataDir: string | undefined): Promise<Db> {
	if (dataDir) mkdirSync(dataDir, { recursive: true });
	const pg = await PGlite.create(dataDir ? { dataDir } : {});
	const base = wrap(pg);
	let chain: Promise<unknown> = Promise.resolve();
	return {
		kind: 'pglite',
		...base,
		transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
		withLock<T>(_key: bigint, fn: (q: Queryable) => Promise<T>): Promise<T> {
			const run = chain.then(() => fn(base));
			chain = run.catch(() => undefined);
			return run;
		},
		serialTransaction<T>(_key: bigint, fn: (tx: Queryable) => Promise<T>, afterCommit: (r: T) => Promise<void>): Promise<T> {
			const run = chain.then(async () => {
				const result = await pg.transaction((tx) => fn(wrap(tx)));
				await afterCommit(result);
				return result;
			});
			chain = run.catch(() => undefined);
			return run;
		},
		close: () => pg.close()
	};
}

// Embedded PostgreSQL (PGlite, WASM) persisted in a folder. One connection: PGlite runs one
// query at a time, so locks are process-local and transactions never deadlock.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult } from './db.ts';

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
	return {
		async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
			const r = await q.query<T>(sql, params as never[]);
			// PGlite counts affected rows only for writes (0 for a select): take whichever says more.
			return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
		},
		async exec(sql: string) {
			await q.exec(sql);
		}
	};
}

export class DataDirInUseError extends Error {
	constructor(dir: string, pid: number) {
		super(
			`the embedded database in ${dir} is in use by process ${pid}: stop it first, or share a PostgreSQL server (DATABASE_URL) between processes`
		);
		this.name = 'DataDirInUseError';
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return (err as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite has no locking of its own and two processes writing one folder corrupt it: a lock file
 * with the owner's pid keeps a second process (a CLI beside the server) out. A stale file (its
 * process gone) is taken over.
 */
function lockDataDir(dir: string): () => void {
	const file = join(dir, 'liandong.lock');
	for (let attempt = 0; ; attempt++) {
		try {
			const fd = openSync(file, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			const release = () => {
				try {
					if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
				} catch {
					/* already gone */
				}
			};
			process.once('exit', release);
			return () => {
				process.off('exit', release);
				release();
			};
		} catch (err) {
			if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
			const pid = Number(readFileSync(file, 'utf8').trim());
			if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new DataDirInUseError(resolve(dir), pid);
			unlinkSync(file);
		}
	}
}

export async function openPglite(dataDir: string | undefined): Promise<Db> {
	let unlock = () => {};
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		unlock = lockDataDir(dataDir);
	}
	let pg: PGlite;
	try {
		pg = await PGlite.create(dataDir ? { dataDir } : {});
	} catch (err) {
		unlock();
		throw err;
	}
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
		async close() {
			try {
				await pg.close();
			} finally {
				unlock();
			}
		}
	};
}

// Embedded PostgreSQL (PGlite, WASM) persisted in a folder. One connection: PGlite runs one
// query at a time, so locks are process-local and transactions never deadlock.
//
// Statements are prepared once per text and kept (a bounded cache, least recently used out): PGlite's
// own query() parses, analyses and plans every statement anew, which on the embedded database costs
// more than running most of ours. A prepared statement is bound and executed in one protocol round.
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Mutex, PGlite, parse, protocol, type Transaction } from '@electric-sql/pglite';
import { bindExecuteSync, decodeResponse, type ResultColumn } from './pglite-wire.ts';
import type { Db, Queryable, QueryResult } from './db.ts';

type RowDescriptionMessage = InstanceType<typeof protocol.messages.RowDescriptionMessage>;

/** Distinct statement texts kept prepared by default; ours are a few hundred, generated ones fall out first. */
export const STATEMENT_CACHE = 1000;

interface Prepared {
	name: string;
	/** Parameter type oids, as the server inferred them (they choose each value's serializer). */
	types: number[];
	/** The result's columns, as the statement's description gave them. */
	columns: ResultColumn[];
}

/** SQLSTATE of "cached plan must not change result type": a table under a kept statement changed shape. */
const PLAN_CHANGED = '0A000';

/**
 * The statements of one PGlite instance. Callers hold `queries` (one protocol exchange at a time) and
 * are either inside a transaction or hold the connection themselves.
 */
class StatementCache {
	private readonly kept = new Map<string, Prepared>();
	private next = 0;

	constructor(
		private readonly pg: PGlite,
		private readonly size: number
	) {}

	private concat(parts: Uint8Array[]): Uint8Array {
		const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
		let at = 0;
		for (const p of parts) {
			out.set(p, at);
			at += p.length;
		}
		return out;
	}

	private async prepare(sql: string): Promise<Prepared> {
		const hit = this.kept.get(sql);
		if (hit) {
			// Most recently used last: the map's order is the eviction order.
			this.kept.delete(sql);
			this.kept.set(sql, hit);
			return hit;
		}
		if (this.kept.size >= this.size) await this.forget(this.kept.keys().next().value as string);
		const name = `ld_${++this.next}`;
		// Parse, describe and sync in one exchange; an error comes back after the sync, so the
		// connection is ready for the next statement either way.
		const r = await this.pg.execProtocol(
			this.concat([protocol.serialize.parse({ name, text: sql }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()]),
			{ syncToFs: false }
		);
		const row = r.messages.find((m): m is RowDescriptionMessage => m.name === 'rowDescription');
		const columns = (row?.fields ?? []).map((f) => ({ name: f.name, oid: f.dataTypeID, parse: this.pg.parsers[f.dataTypeID] }));
		const st = { name, types: parse.parseDescribeStatementResults(r.messages), columns };
		this.kept.set(sql, st);
		return st;
	}

	/**
	 * Runs a statement; `alone` (no transaction around it) also syncs the files, and a statement whose
	 * table changed shape is prepared again and run once more (inside a transaction the error aborts it).
	 */
	async run<T>(sql: string, params: unknown[] = [], alone: boolean): Promise<QueryResult<T>> {
		try {
			return await this.once<T>(sql, params, alone);
		} catch (err) {
			if (!alone || (err as { code?: string }).code !== PLAN_CHANGED) throw err;
			return await this.once<T>(sql, params, alone);
		}
	}

	private async once<T>(sql: string, params: unknown[], syncToFs: boolean): Promise<QueryResult<T>> {
		const st = await this.prepare(sql);
		const values = params.map((v, i) => {
			if (v === null || v === undefined) return null;
			const serialize = this.pg.serializers[st.types[i]];
			return String(serialize ? serialize(v) : v);
		});
		const chunks: Uint8Array[] = [];
		await this.pg.execProtocolRawStream(bindExecuteSync(st.name, values), {
			syncToFs,
			// A view of the database's memory, valid only during the call: copied.
			onRawData: (data) => void chunks.push(data.slice())
		});
		const { rows, tagCount, error } = decodeResponse(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), st.columns);
		if (error) {
			// Prepared again on its next use (this use fails: inside a transaction it cannot be retried).
			if (error.code === PLAN_CHANGED) await this.forget(sql);
			throw error;
		}
		// Writes count affected rows; a select, the rows it answered.
		return { rows: rows as T[], rowCount: Math.max(tagCount ?? 0, rows.length) };
	}

	/** Closes a kept statement. Its name is never used again, so a close that fails leaves nothing wrong behind. */
	private async forget(sql: string): Promise<void> {
		const st = this.kept.get(sql);
		if (!st) return;
		this.kept.delete(sql);
		await this.pg
			.execProtocol(this.concat([protocol.serialize.close({ type: 'S', name: st.name }), protocol.serialize.sync()]), { syncToFs: false })
			.catch(() => undefined);
	}
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

export interface PgliteOptions {
	/** How many statement texts stay prepared (STATEMENT_CACHE). */
	statementCache?: number;
	/**
	 * A database folder made and migrated ahead (by the build: scripts/build.js), copied into a new
	 * data folder instead of creating the database there, which takes PGlite 2-3 s (initdb). Used only
	 * when it was made by the PGlite installed now (TEMPLATE_MARKER); otherwise the database is created.
	 */
	template?: string;
}

/** The file in a template folder that says which PGlite made it: {"pglite": "<version>"}. */
export const TEMPLATE_MARKER = 'liandong-template.json';

/** The installed PGlite's version (its package.json beside the module PGlite resolves to). */
export function pgliteVersion(): string {
	const main = createRequire(import.meta.url).resolve('@electric-sql/pglite');
	for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
		const file = join(dir, 'package.json');
		if (!existsSync(file)) continue;
		const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
		if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
	}
	throw new Error('cannot find the version of @electric-sql/pglite');
}

/**
 * Fills a new data folder (no PG_VERSION yet) from the template when the template suits this PGlite;
 * answers whether it did. A copy that fails part-way is removed again, and the database is created as
 * without a template.
 */
function seedFromTemplate(dataDir: string, template: string): boolean {
	if (existsSync(join(dataDir, 'PG_VERSION')) || !existsSync(join(template, 'PG_VERSION'))) return false;
	try {
		const marker = JSON.parse(readFileSync(join(template, TEMPLATE_MARKER), 'utf8')) as { pglite?: string };
		if (marker.pglite !== pgliteVersion()) return false;
	} catch {
		return false;
	}
	const skip = new Set([TEMPLATE_MARKER, 'liandong.lock']);
	try {
		for (const entry of readdirSync(template)) {
			if (!skip.has(entry)) cpSync(join(template, entry), join(dataDir, entry), { recursive: true });
		}
		return true;
	} catch {
		for (const entry of readdirSync(dataDir)) if (entry !== 'liandong.lock') rmSync(join(dataDir, entry), { recursive: true, force: true });
		return false;
	}
}

export async function openPglite(dataDir: string | undefined, opts: PgliteOptions = {}): Promise<Db> {
	let unlock = () => {};
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		unlock = lockDataDir(dataDir);
		if (opts.template) seedFromTemplate(dataDir, opts.template);
	}
	let pg: PGlite;
	try {
		pg = await PGlite.create(dataDir ? { dataDir } : {});
	} catch (err) {
		unlock();
		throw err;
	}
	const statements = new StatementCache(pg, opts.statementCache ?? STATEMENT_CACHE);
	// `connection`: a transaction, or one statement outside any, at a time. `queries`: one protocol
	// exchange at a time, also among a transaction's own statements run side by side.
	const connection = new Mutex();
	const queries = new Mutex();
	const base: Queryable = {
		query: <T>(sql: string, params?: unknown[]) => connection.runExclusive(() => queries.runExclusive(() => statements.run<T>(sql, params, true))),
		async exec(sql: string) {
			await connection.runExclusive(() => pg.exec(sql));
		}
	};
	const inTx = (tx: Transaction): Queryable => ({
		query: <T>(sql: string, params?: unknown[]) => queries.runExclusive(() => statements.run<T>(sql, params, false)),
		async exec(sql: string) {
			await queries.runExclusive(() => tx.exec(sql));
		}
	});
	let chain: Promise<unknown> = Promise.resolve();
	return {
		kind: 'pglite',
		...base,
		transaction: (fn) => connection.runExclusive(() => pg.transaction((tx) => fn(inTx(tx)))),
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

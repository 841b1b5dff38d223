// Named locks that every node sharing the database respects, taken without waiting: whoever holds a
// job's or a reaction's lock is its leader, and keeps it until it stops or its node goes away.
// PostgreSQL: session advisory locks on one connection per node, kept out of the pool (a pooled
// connection would carry its locks to the next borrower, and a transaction-level lock would hold an
// xid open and stall every event cursor); when the node dies or that connection drops, PostgreSQL
// frees its locks and another node takes over. PGlite belongs to one process: locks live in memory.
import { createHash } from 'node:crypto';
import pg from 'pg';

export interface Lease {
	readonly name: string;
	/** False once released, or once the connection holding it was lost (another node may hold it now). */
	held(): boolean;
	release(): Promise<void>;
}

export interface Locks {
	/** The lock if nobody holds it (this node included), else null. Never waits for a holder. */
	tryLock(name: string): Promise<Lease | null>;
	/** Releases every lock this node holds. */
	close(): Promise<void>;
}

/** A stable 63-bit advisory-lock key for a name (the fixed keys in server/db/db.ts stay apart). */
export function lockKey(name: string): bigint {
	const h = createHash('sha256').update('liandong:lock:' + name).digest();
	return h.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
}

export function memoryLocks(): Locks {
	const held = new Set<string>();
	return {
		async tryLock(name) {
			if (held.has(name)) return null;
			held.add(name);
			let mine = true;
			return {
				name,
				held: () => mine,
				async release() {
					if (!mine) return;
					mine = false;
					held.delete(name);
				}
			};
		},
		async close() {
			held.clear();
		}
	};
}

export function postgresLocks(url: string, onError: (err: Error) => void): Locks {
	let client: pg.Client | null = null;
	let connecting: Promise<pg.Client> | null = null;
	/** Names this node holds or is asking for, with the connection that holds them. */
	const held = new Map<string, pg.Client | null>();
	let closed = false;

	function lost(c: pg.Client) {
		if (client === c) client = null;
		for (const [name, holder] of held) if (holder === c) held.delete(name);
	}

	function connection(): Promise<pg.Client> {
		if (client) return Promise.resolve(client);
		connecting ??= (async () => {
			const c = new pg.Client({ connectionString: url, application_name: 'liandong-locks', keepAlive: true });
			c.on('error', (err) => {
				onError(err);
				lost(c);
			});
			c.on('end', () => lost(c));
			await c.connect();
			client = c;
			return c;
		})().finally(() => (connecting = null));
		return connecting;
	}

	return {
		async tryLock(name) {
			// Session locks are re-entrant within a session: this node must not take one twice.
			if (closed || held.has(name)) return null;
			held.set(name, null);
			let c: pg.Client;
			try {
				c = await connection();
				const r = await c.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [lockKey(name).toString()]);
				if (!r.rows[0]?.ok || closed) {
					if (r.rows[0]?.ok) await c.query('select pg_advisory_unlock($1::bigint)', [lockKey(name).toString()]);
					held.delete(name);
					return null;
				}
			} catch (err) {
				held.delete(name);
				throw err;
			}
			held.set(name, c);
			return {
				name,
				held: () => held.get(name) === c && client === c,
				async release() {
					if (held.get(name) !== c) return;
					held.delete(name);
					await c.query('select pg_advisory_unlock($1::bigint)', [lockKey(name).toString()]).catch(() => undefined);
				}
			};
		},
		async close() {
			closed = true;
			held.clear();
			const c = client ?? (connecting ? await connecting.catch(() => null) : null);
			client = null;
			// Ending the session frees every lock it holds.
			await c?.end().catch(() => undefined);
		}
	};
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { backendLabel, openTestRuntime, usesPostgres, type TestRuntime } from '../../support/backend.ts';
import { postgresLocks, type Lease, type Locks } from '../../../server/jobs/lock.ts';

let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
});
afterAll(async () => t?.close());

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const v = await probe();
		if (ok(v)) return v;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

describe(`locks (${backendLabel})`, () => {
	it('give a name to one holder at a time, this node included, until it is released', async () => {
		const first = await t.rt.locks.tryLock('test:one');
		expect(first?.held()).toBe(true);
		expect(await t.rt.locks.tryLock('test:one')).toBeNull();
		const other = await t.rt.locks.tryLock('test:other');
		expect(other?.held()).toBe(true);
		await first!.release();
		expect(first!.held()).toBe(false);
		const again = await t.rt.locks.tryLock('test:one');
		expect(again?.held()).toBe(true);
		await Promise.all([again!.release(), other!.release()]);
	});

	it('hand a name to one of many concurrent callers', async () => {
		const leases = await Promise.all(Array.from({ length: 8 }, () => t.rt.locks.tryLock('test:race')));
		expect(leases.filter(Boolean)).toHaveLength(1);
		await leases.find(Boolean)!.release();
	});
});

describe.skipIf(!usesPostgres)('locks across nodes (PostgreSQL)', () => {
	const url = () => t.database.env.DATABASE_URL;
	const nodes: Locks[] = [];
	const node = () => {
		const l = postgresLocks(url(), () => undefined);
		nodes.push(l);
		return l;
	};
	afterAll(async () => {
		for (const l of nodes) await l.close();
	});

	it('make one node the leader, and the next one when the leader closes', async () => {
		const [a, b] = [node(), node()];
		const leader = await a.tryLock('test:leader');
		expect(leader).not.toBeNull();
		expect(await b.tryLock('test:leader')).toBeNull();
		await a.close();
		const next = await until(() => b.tryLock('test:leader'), (l) => l !== null, 'the lock to pass to the other node');
		expect(next!.held()).toBe(true);
		await next!.release();
	});

	it('free the locks of a node whose connection is lost, and tell it that it lost them', async () => {
		const [a, b] = [node(), node()];
		const lease = (await a.tryLock('test:lost')) as Lease;
		expect(lease.held()).toBe(true);
		const admin = new pg.Client({ connectionString: url() });
		await admin.connect();
		try {
			// The only advisory locks in this database are this node's.
			await admin.query(
				`select pg_terminate_backend(l.pid) from pg_locks l join pg_database d on d.oid = l.database
				where l.locktype = 'advisory' and d.datname = current_database() and l.granted`
			);
		} finally {
			await admin.end();
		}
		await until(async () => lease.held(), (held) => !held, 'the holder to notice');
		const taken = await until(() => b.tryLock('test:lost'), (l) => l !== null, 'the lock to be free');
		expect(taken!.held()).toBe(true);
		// The node that lost it can take locks again on a new connection.
		expect(await a.tryLock('test:again')).not.toBeNull();
	});
});

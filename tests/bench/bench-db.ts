// A scratch PostgreSQL database `ld_bench_<random>` for one benchmark run, created through the admin
// connection (DATABASE_URL, else the local trust-auth server as postgres, then as root) and dropped after.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchDatabase {
	name: string;
	/** Connection string of the scratch database (same server and credentials as the admin one). */
	url: string;
	drop(): Promise<void>;
}

const LOCAL_CANDIDATES = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

async function canConnect(url: string): Promise<boolean> {
	const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await c.connect();
		return true;
	} catch {
		return false;
	} finally {
		await c.end().catch(() => undefined);
	}
}

/** The admin connection: DATABASE_URL when set (and it must work), else the first local role that answers. */
export async function adminUrl(env: NodeJS.ProcessEnv = process.env): Promise<string> {
	if (env.DATABASE_URL) {
		if (!(await canConnect(env.DATABASE_URL))) throw new Error('DATABASE_URL is set but PostgreSQL cannot be reached');
		return env.DATABASE_URL;
	}
	for (const url of LOCAL_CANDIDATES) if (await canConnect(url)) return url;
	throw new Error(`PostgreSQL not reachable: tried ${LOCAL_CANDIDATES.join(', ')}; set DATABASE_URL`);
}

async function onAdmin(admin: string, sql: string): Promise<void> {
	const c = new pg.Client({ connectionString: admin });
	await c.connect();
	try {
		await c.query(sql);
	} finally {
		await c.end();
	}
}

export async function createBenchDatabase(admin: string): Promise<BenchDatabase> {
	const name = 'ld_bench_' + randomBytes(6).toString('hex');
	await onAdmin(admin, `create database ${name}`);
	const url = new URL(admin);
	url.pathname = '/' + name;
	return {
		name,
		url: url.toString(),
		// BENCH_KEEP=1 keeps the database for a look afterwards (its name is printed).
		drop: () => (process.env.BENCH_KEEP === '1' ? Promise.resolve() : onAdmin(admin, `drop database if exists ${name} with (force)`))
	};
}

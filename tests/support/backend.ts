// Test backends: the embedded pair (PGlite cloned from the prepared template, memory bus) or, when
// DATABASE_URL / REDIS_URL are set, a fresh PostgreSQL database per call and the real Redis.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/config.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../server/runtime.ts';
import { createLogger } from '../../server/log.ts';
import { inject } from 'vitest';

export const usesPostgres = Boolean(process.env.DATABASE_URL);
export const usesRedis = Boolean(process.env.REDIS_URL);
export const backendLabel = `${usesPostgres ? 'postgres' : 'pglite'}/${usesRedis ? 'redis' : 'memory'}`;

export interface TestDatabase {
	/** Environment for a Runtime or a server process using this database. */
	env: Record<string, string>;
	drop(): Promise<void>;
}

/** A fresh, empty database: a cloned PGlite folder or a new PostgreSQL database. */
export async function freshDatabase(opts: { migrated?: boolean } = {}): Promise<TestDatabase> {
	if (usesPostgres) {
		const admin = new URL(process.env.DATABASE_URL!);
		const name = 'ld_test_' + randomBytes(6).toString('hex');
		const c = new pg.Client({ connectionString: admin.toString() });
		await c.connect();
		await c.query(`create database ${name}`);
		await c.end();
		const url = new URL(admin);
		url.pathname = '/' + name;
		return {
			env: { DATABASE_URL: url.toString(), ...(usesRedis ? { REDIS_URL: process.env.REDIS_URL! } : {}) },
			async drop() {
				const c2 = new pg.Client({ connectionString: admin.toString() });
				await c2.connect();
				await c2.query(`drop database if exists ${name} with (force)`);
				await c2.end();
			}
		};
	}
	const dir = mkdtempSync(join(tmpdir(), 'liandong-test-'));
	if (opts.migrated !== false) cpSync(inject('pgliteTemplate'), dir, { recursive: true });
	return {
		env: { LIANDONG_DATA_DIR: dir, DATABASE_URL: '', ...(usesRedis ? { REDIS_URL: process.env.REDIS_URL! } : { REDIS_URL: '' }) },
		async drop() {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export function testConfig(env: Record<string, string>): Config {
	return loadConfig({ LIANDONG_LOG_LEVEL: 'warn', LIANDONG_DEMO: '0', ...env });
}

export interface TestRuntime {
	rt: Runtime;
	database: TestDatabase;
	close(): Promise<void>;
}

export async function openTestRuntime(opts: RuntimeOptions & { env?: Record<string, string> } = {}): Promise<TestRuntime> {
	const database = await freshDatabase();
	const config = testConfig({ ...database.env, ...opts.env });
	// Timed jobs run only when a test asks (rt.jobs.run): a tick must not change what a test sees.
	const rt = await createRuntime(config, { log: createLogger('warn'), jobs: false, ...opts });
	return {
		rt,
		database,
		async close() {
			await rt.close();
			await database.drop();
		}
	};
}

// Prepares, once per run, a migrated PGlite data folder that test files clone (PGlite's first open
// of a fresh folder runs initdb, ~10 s here), and checks that configured servers can be reached:
// when DATABASE_URL or REDIS_URL is set the run fails rather than skipping.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { openPglite } from '../../server/db/pglite.ts';
import { migrate } from '../../server/db/migrate.ts';
import type { TestProject } from 'vitest/node';
import { templateDirFor } from './paths.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
	}
}

export default async function setup(project: TestProject) {
	const TEMPLATE_DIR = templateDirFor(`${process.pid}`);
	if (existsSync(TEMPLATE_DIR)) rmSync(TEMPLATE_DIR, { recursive: true, force: true });
	mkdirSync(TEMPLATE_DIR, { recursive: true });
	const db = await openPglite(TEMPLATE_DIR);
	await migrate(db);
	await db.close();
	project.provide('pgliteTemplate', TEMPLATE_DIR);

	if (process.env.DATABASE_URL) {
		const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
		await c.connect().catch((err) => {
			throw new Error(`DATABASE_URL is set but PostgreSQL cannot be reached: ${err.message}`);
		});
		await c.end();
	}
	if (process.env.REDIS_URL) {
		const r = new Redis(process.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
		await r.connect().catch((err) => {
			throw new Error(`REDIS_URL is set but Redis cannot be reached: ${err.message}`);
		});
		r.disconnect();
	}
	return () => rmSync(TEMPLATE_DIR, { recursive: true, force: true });
}

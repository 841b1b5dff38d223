// Applies server/db/migrations/<timestamp>_<name>.sql in order, each in its own transaction,
// recorded in schema_migrations. Holds an advisory lock so nodes starting together apply each once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOCKS, type Db } from './db.ts';

const FILE = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

/** Source tree: beside this file; production bundle: copied next to the bundle by scripts/build.js. */
export function migrationsDir(): string {
	const candidates = [new URL('./migrations/', import.meta.url), new URL('../migrations/', import.meta.url)];
	for (const c of candidates) {
		const dir = fileURLToPath(c);
		if (existsSync(dir) && readdirSync(dir).some((f) => FILE.test(f))) return dir;
	}
	throw new Error('migrations folder not found next to ' + fileURLToPath(import.meta.url));
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
	return readdirSync(dir)
		.filter((f) => FILE.test(f))
		.sort()
		.map((f) => {
			const [, version, name] = FILE.exec(f)!;
			return { version, name, sql: readFileSync(dir + '/' + f, 'utf8') };
		});
}

export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
	return db.withLock(LOCKS.migrations, async (q) => {
		await q.exec(`create table if not exists schema_migrations (
			version text primary key,
			name text not null,
			applied_at timestamptz not null default now()
		)`);
		const done = new Set(
			(await q.query<{ version: string }>('select version from schema_migrations')).rows.map((r) => r.version)
		);
		const applied: string[] = [];
		for (const m of migrations) {
			if (done.has(m.version)) continue;
			await db.transaction(async (tx) => {
				await tx.exec(m.sql);
				await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
			});
			applied.push(`${m.version}_${m.name}`);
		}
		return applied;
	});
}

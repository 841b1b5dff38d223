import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, usesPostgres, testConfig, type TestDatabase } from '../../support/backend.ts';
import { openDatabase } from '../../../server/runtime.ts';
import { loadMigrations, migrate } from '../../../server/db/migrate.ts';

const dbs: TestDatabase[] = [];
afterAll(async () => {
	for (const d of dbs) await d.drop();
});

async function empty() {
	const d = await freshDatabase({ migrated: false });
	dbs.push(d);
	return d;
}

describe(`migrations (${backendLabel})`, () => {
	it('applies every migration in order to an empty database, then nothing the second time', async () => {
		const d = await empty();
		const db = await openDatabase(testConfig(d.env));
		try {
			const all = loadMigrations();
			expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort());
			const applied = await migrate(db);
			expect(applied).toEqual(all.map((m) => `${m.version}_${m.name}`));
			expect(await migrate(db)).toEqual([]);
			const recorded = await db.query<{ version: string }>('select version from schema_migrations order by version');
			expect(recorded.rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
			for (const table of ['events', 'event_counts', 'api_tokens', 'items', 'sales_order_lines', 'purchase_order_lines', 'production_reports']) {
				const r = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
				expect(r.rows[0].n).toBe(0);
			}
		} finally {
			await db.close();
		}
	}, 60_000);

	it('rolls back a failing migration and records nothing for it', async () => {
		const d = await empty();
		const db = await openDatabase(testConfig(d.env));
		try {
			const good = { version: '20990101000000', name: 'good', sql: 'create table mig_good (x int);' };
			const bad = { version: '20990101000001', name: 'bad', sql: 'create table mig_bad (x int); select * from no_such_table;' };
			await expect(migrate(db, [good, bad])).rejects.toThrow(/no_such_table/);
			const rows = await db.query<{ version: string }>('select version from schema_migrations');
			expect(rows.rows.map((r) => r.version)).toEqual(['20990101000000']);
			const t = await db.query("select 1 from information_schema.tables where table_name = 'mig_bad'");
			expect(t.rowCount).toBe(0);
		} finally {
			await db.close();
		}
	}, 60_000);

	it.skipIf(!usesPostgres)('applies each migration once when two nodes migrate at the same moment', async () => {
		const d = await empty();
		const [a, b] = await Promise.all([openDatabase(testConfig(d.env)), openDatabase(testConfig(d.env))]);
		try {
			const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
			expect([...ra, ...rb].sort()).toEqual(loadMigrations().map((m) => `${m.version}_${m.name}`));
			const r = await a.query<{ n: number }>('select count(*)::int as n from schema_migrations');
			expect(r.rows[0].n).toBe(loadMigrations().length);
		} finally {
			await Promise.all([a.close(), b.close()]);
		}
	});
});

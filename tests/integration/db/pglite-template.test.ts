import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, pgliteVersion, TEMPLATE_MARKER } from '../../../server/db/pglite.ts';

// A first start on the embedded database copies the database the build made (build/pglite-template)
// into its new data folder instead of creating one (server/db/pglite.ts `template`). Always PGlite,
// whatever backend the suite runs on.
let root: string;
let template: string;
beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'liandong-template-'));
	template = join(root, 'template');
	const db = await openPglite(template);
	await db.exec(`create table made_by_the_build (n int); insert into made_by_the_build values (42)`);
	await db.close();
	writeFileSync(join(template, TEMPLATE_MARKER), JSON.stringify({ pglite: pgliteVersion() }));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const fromBuild = async (dir: string) => {
	const db = await openPglite(dir, { template });
	try {
		const r = await db.query<{ n: number }>(`select case when to_regclass('made_by_the_build') is null then null else 1 end as n`);
		return r.rows[0].n === 1;
	} finally {
		await db.close();
	}
};

describe('embedded database from the build', () => {
	it('fills a new data folder from the template, without its marker, and leaves a folder with a database alone', async () => {
		const dir = join(root, 'new');
		expect(await fromBuild(dir)).toBe(true);
		expect(readdirSync(dir)).not.toContain(TEMPLATE_MARKER);
		const db = await openPglite(dir, { template });
		await db.exec('drop table made_by_the_build');
		await db.close();
		// Opened again: its own database, not the template once more.
		expect(await fromBuild(dir)).toBe(false);
	});

	it('creates the database as usual when the template was made by another PGlite', async () => {
		writeFileSync(join(template, TEMPLATE_MARKER), JSON.stringify({ pglite: '0.0.0-other' }));
		try {
			const dir = join(root, 'other');
			expect(await fromBuild(dir)).toBe(false);
			expect(existsSync(join(dir, 'PG_VERSION'))).toBe(true);
		} finally {
			writeFileSync(join(template, TEMPLATE_MARKER), JSON.stringify({ pglite: pgliteVersion() }));
		}
	}, 60_000);
});

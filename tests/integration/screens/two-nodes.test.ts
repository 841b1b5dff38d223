import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, freshDatabase, testConfig, usesPostgres, usesRedis, type TestDatabase } from '../../support/backend.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import type { Actor } from '../../../server/commands/command.ts';
import { restoreScreen, saveScreen } from '../../../server/screens/commands.ts';
import { screenHistory } from '../../../server/screens/versions.ts';
import { ev } from '../../support/events.ts';

// Several nodes, each with its own screens folder, on one database: a screen saved or rolled back
// through the editor on one node reaches the others (and their live topic), and a node started later
// serves what was saved while it was down. Embedded: two runtimes in one process sharing one PGlite and
// the in-process bus; with DATABASE_URL and REDIS_URL: two runtimes on PostgreSQL and Redis.
// PostgreSQL without Redis has no bus between the nodes: skipped.
const runs = !usesPostgres || usesRedis;
const boss: Actor = { kind: 'user', id: 'u-boss', name: 'user:boss', roles: ['manager'] };
const floor = (title: string, w = 6) => ({
	schemaVersion: 1,
	title: { 'zh-CN': title, en: 'Floor' },
	widgets: [{ id: 'otd', type: 'kpi', kpi: 'otd', x: 0, y: 0, w, h: 3 }]
});
/** A point well before any save of this test. */
const longAgo = new Date(Date.now() - 3600_000);

let database: TestDatabase;
const nodes: Runtime[] = [];
const dirs: string[] = [];

function folder(title: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'liandong-screens-'));
	writeFileSync(join(dir, 'floor.json'), JSON.stringify(floor(title)));
	utimesSync(join(dir, 'floor.json'), longAgo, longAgo);
	dirs.push(dir);
	return dir;
}

async function node(dir: string): Promise<Runtime> {
	const opts: RuntimeOptions = { log: createLogger('silent'), jobs: false, planning: false, alerts: false, screenPollMs: 3_600_000 };
	const config = testConfig({ ...database.env, LIANDONG_SCREENS_DIR: dir });
	// The embedded database opens once per process: later nodes share the first one's, and its bus.
	const shared = !usesPostgres && nodes.length ? { db: nodes[0].db, bus: nodes[0].bus } : undefined;
	const rt = await createRuntime(config, { ...opts, shared });
	nodes.push(rt);
	return rt;
}

/** The titles a node's live topic `screen:floor` carried, as its hub was told them. */
function published(rt: Runtime): string[] {
	const seen: string[] = [];
	rt.screens.onChange((id, entry) => id === 'floor' && seen.push(entry?.screen?.title['zh-CN'] ?? '(none)'));
	return seen;
}

const title = (rt: Runtime) => rt.screens.get('floor')?.screen?.title['zh-CN'];

async function until(what: string, ok: () => boolean, ms = 5_000) {
	const end = Date.now() + ms;
	while (!ok()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

beforeAll(async () => {
	if (!runs) return;
	database = await freshDatabase();
}, 60_000);
afterAll(async () => {
	// The owner of a shared database closes last.
	for (const n of nodes.reverse()) await n.close();
	await database?.drop();
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(!runs)(`screens saved on one node, shown on every node (${backendLabel})`, () => {
	it('a save, a roll back and a later node: every node serves the latest version; a file edited after it wins on its own node', async () => {
		const a = await node(folder('一号车间'));
		const b = await node(folder('一号车间'));
		expect([title(a), title(b)]).toEqual(['一号车间', '一号车间']);
		expect(b.screens.get('floor')).toMatchObject({ source: 'file', savedVersion: null });
		const onB = published(b);

		// Saved on A: B learns of it by the commit, not by a poll (an hour here), and pushes it.
		const v1 = await saveScreen(a, 'floor', floor('二号车间'), boss);
		expect(v1.version).toBe(1);
		await until('B to show the save', () => title(b) === '二号车间');
		expect(b.screens.get('floor')).toMatchObject({ source: 'saved', savedVersion: 1, problems: [] });
		// A's own copy, written after the save, is dated as the save: A serves the saved version too.
		expect(a.screens.get('floor')).toMatchObject({ source: 'saved', savedVersion: 1 });
		expect(onB).toEqual(['二号车间']);
		// B's own folder is untouched: the database, not a file, carried the save.
		expect(JSON.parse(readFileSync(join(dirs[1], 'floor.json'), 'utf8')).title['zh-CN']).toBe('一号车间');
		expect(JSON.parse(readFileSync(join(dirs[0], 'floor.json'), 'utf8')).title['zh-CN']).toBe('二号车间');

		await saveScreen(b, 'floor', floor('三号车间', 12), boss);
		await until('A to show the second save', () => title(a) === '三号车间');
		expect(a.screens.get('floor')?.screen?.widgets[0].w).toBe(12);

		// Rolled back on B to version 1: a new version, on both nodes.
		const back = await restoreScreen(b, 'floor', 1, boss);
		expect(back.version).toBe(3);
		await until('A to show the roll back', () => title(a) === '二号车间' && a.screens.get('floor')?.savedVersion === 3);
		expect(title(b)).toBe('二号车间');
		expect(onB).toEqual(['二号车间', '三号车间', '二号车间']);
		const history = await screenHistory(a.db, 'floor');
		expect(history.map((h) => [h.version, h.restoredFrom, h.title?.['zh-CN'], h.actor])).toEqual([
			[3, 1, '二号车间', 'user:boss'],
			[2, null, '三号车间', 'user:boss'],
			[1, null, '二号车间', 'user:boss']
		]);

		// A node started after the saves, its folder holding the old file, serves the latest version.
		const c = await node(folder('一号车间'));
		expect(c.screens.get('floor')).toMatchObject({ source: 'saved', savedVersion: 3, screen: { title: { 'zh-CN': '二号车间' } } });

		// Someone edits B's file after the save: B shows the file, the others keep the saved version…
		writeFileSync(join(dirs[1], 'floor.json'), JSON.stringify(floor('手改车间')));
		b.screens.reload();
		expect(b.screens.get('floor')).toMatchObject({ source: 'file', savedVersion: 3, screen: { title: { 'zh-CN': '手改车间' } } });
		expect([title(a), title(c)]).toEqual(['二号车间', '二号车间']);
		// …until the next save through the editor, which wins everywhere again.
		await saveScreen(a, 'floor', floor('四号车间'), boss);
		await until('every node to show the next save', () => [a, b, c].every((n) => title(n) === '四号车间'));
		expect(b.screens.get('floor')).toMatchObject({ source: 'saved', savedVersion: 4 });
	});

	it('a bad roll back names its field and records nothing', async () => {
		const [a] = nodes;
		const count = async () => (await a.db.query<{ n: number }>(`select count(*)::int as n from events where type = 'screen.saved'`)).rows[0].n;
		const before = await count();
		await expect(restoreScreen(a, 'floor', 99, boss)).rejects.toMatchObject({ code: 'ERR_VALIDATION', details: { issues: [{ path: 'version', message: 'screen floor has no version 99' }] } });
		await expect(restoreScreen(a, 'floor', 'two', boss)).rejects.toMatchObject({ details: { issues: [{ path: 'version' }] } });
		await expect(restoreScreen(a, 'nowhere', 1, boss)).rejects.toMatchObject({ details: { issues: [{ path: 'version' }] } });
		await expect(saveScreen(a, 'floor', { ...floor('坏'), widgets: [{ id: 'otd', type: 'kpi', kpi: 'otd', x: 20, y: 0, w: 6, h: 3 }] }, boss)).rejects.toMatchObject({ details: { issues: [{ path: 'widgets.0.w' }] } });
		expect(await count()).toBe(before);
		expect(nodes.every((n) => title(n) === '四号车间')).toBe(true);
	});

	it('a saved version that no longer passes the checks: nodes up keep the last good one, a node starting shows its file, and both say why', async () => {
		const [a] = nodes;
		// As recorded before a KPI left the catalogue.
		const retired = { ...floor('旧指标'), widgets: [{ id: 'x', type: 'kpi', kpi: 'retired_kpi', x: 0, y: 0, w: 6, h: 3 }] };
		await a.append([{ ...ev.extension(), type: 'screen.saved', actor: 'user:boss', data: { screenId: 'floor', widgets: 1, version: 5, screen: retired } }]);
		const why = ['widgets.0.kpi: no KPI is called retired_kpi (GET /api/kpis lists them)'];
		await until('A to read version 5', () => a.screens.get('floor')?.savedVersion === 5);
		expect(a.screens.get('floor')).toMatchObject({ source: 'saved', screen: { title: { 'zh-CN': '四号车间' } }, problems: why });
		const d = await node(folder('一号车间'));
		expect(d.screens.get('floor')).toMatchObject({ source: 'saved', savedVersion: 5, screen: { title: { 'zh-CN': '一号车间' } }, problems: why });
	});
});

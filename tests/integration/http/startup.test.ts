import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, usesPostgres, type TestDatabase } from '../../support/backend.ts';
import { ROOT } from '../../support/paths.ts';
import { startServer } from '../../support/server.ts';

const dbs: TestDatabase[] = [];
afterAll(async () => {
	for (const d of dbs) await d.drop();
});

function run(file: string, args: string[], env: Record<string, string>) {
	return spawnSync(process.execPath, [join(ROOT, file), ...args], {
		cwd: ROOT,
		env: { ...process.env, LIANDONG_LOG_LEVEL: 'warn', ...env },
		encoding: 'utf8',
		timeout: 60_000
	});
}

describe(`start-up and CLI (${backendLabel})`, () => {
	it('refuses to start with one message naming every bad variable', () => {
		const r = run('build/liandong.js', [], { PORT: 'x', REDIS_URL: 'nope', LIANDONG_TIMEZONE: 'Nowhere/City' });
		expect(r.status).toBe(2);
		for (const v of ['PORT', 'REDIS_URL', 'LIANDONG_TIMEZONE']) expect(r.stderr).toContain(v);
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('migrates from the CLI and creates a token, printing JSON', async () => {
		const d = await freshDatabase({ migrated: false });
		dbs.push(d);
		const m = run('build/cli.js', ['migrate'], d.env);
		expect(m.status, m.stderr).toBe(0);
		expect(JSON.parse(m.stdout).applied.length).toBeGreaterThan(0);
		const again = run('build/cli.js', ['migrate'], d.env);
		expect(JSON.parse(again.stdout).applied).toEqual([]);
		const t = run('build/cli.js', ['token', 'create', '--name', 'mes', '--types', 'production.reported'], d.env);
		expect(t.status, t.stderr).toBe(0);
		expect(JSON.parse(t.stdout)).toMatchObject({ kind: 'api', token: expect.stringMatching(/^ld_/) });
	}, 90_000);

	it('prints help and exits 0', () => {
		const r = run('build/cli.js', ['help'], {});
		expect(r.status).toBe(0);
		expect(r.stderr).toContain('token create');
	});

	it('refuses event types that do not exist when creating a token (exit 2)', async () => {
		const d = await freshDatabase();
		dbs.push(d);
		const r = run('build/cli.js', ['token', 'create', '--name', 'x', '--types', 'goods.received,no_such.type'], d.env);
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('--types');
		expect(r.stderr).toContain('not a known event type');
	});

	it.skipIf(usesPostgres)('keeps a second process out of an embedded database in use, with a clear message', async () => {
		const d = await freshDatabase();
		dbs.push(d);
		const server = await startServer(d.env);
		try {
			const r = run('build/cli.js', ['token', 'create', '--name', 'beside-the-server', '--types', '*'], d.env);
			expect(r.status).toBe(1);
			expect(r.stderr).toContain(`in use by process ${server.proc.pid}`);
		} finally {
			await server.stop();
		}
		const after = run('build/cli.js', ['token', 'create', '--name', 'after-the-server', '--read', 'sales'], d.env);
		expect(after.status, after.stderr).toBe(0);
		expect(JSON.parse(after.stdout)).toMatchObject({ kind: 'api', reads: ['sales'] });
		const none = run('build/cli.js', ['token', 'create', '--name', 'no-scope'], d.env);
		expect(none.status).toBe(2);
		expect(none.stderr).toContain('--types: an API token needs event types to post or areas to read');
	}, 90_000);

	it('replaces the LIANDONG_ADMIN_TOKEN token when the variable changes, and drops it when unset', async () => {
		const d = await freshDatabase();
		dbs.push(d);
		const A = 'first-admin-token-0123456789';
		const B = 'second-admin-token-0123456789';
		const status = (url: string, token: string) =>
			fetch(url + '/api/tokens', { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
		let s = await startServer({ ...d.env, LIANDONG_ADMIN_TOKEN: A });
		expect(await status(s.url, A)).toBe(200);
		await s.stop();
		s = await startServer({ ...d.env, LIANDONG_ADMIN_TOKEN: B });
		expect([await status(s.url, A), await status(s.url, B)]).toEqual([401, 200]);
		await s.stop();
		s = await startServer({ ...d.env, LIANDONG_ADMIN_TOKEN: '' });
		expect(await status(s.url, B)).toBe(401);
		await s.stop();
	}, 120_000);

	it('exits 2 with a message on bad CLI input', () => {
		const r = run('build/cli.js', ['frobnicate'], {});
		expect(r.status).toBe(2);
		expect(r.stderr).toContain('unknown command');
		expect(r.stdout).toBe('');
		const r2 = run('build/cli.js', ['token', 'create'], {});
		expect(r2.status).toBe(2);
		expect(r2.stderr).toContain('--name');
	});
});

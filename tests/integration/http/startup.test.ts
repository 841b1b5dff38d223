import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, backendLabel, type TestDatabase } from '../../support/backend.ts';
import { ROOT } from '../../support/paths.ts';

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

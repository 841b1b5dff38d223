// The `mrp` and `atp` commands as a user runs them: JSON file in, JSON on stdout, exit 2 on bad input.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'mrp-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(command: string, input: unknown | string) {
	const file = join(dir, `${command}-${Math.random().toString(36).slice(2)}.json`);
	writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
	// No database settings: these commands must not need one.
	const env = { ...process.env, DATABASE_URL: '', REDIS_URL: '', LIANDONG_DATA_DIR: join(dir, 'no-db') };
	const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', command, '--input', file], { encoding: 'utf8', env });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli mrp and atp', () => {
	it('answers the contract example with dense records and exits 0', () => {
		const r = cli('mrp', {
			periods: 8,
			items: [{ id: 'A', leadTime: 1, onHand: 10, safetyStock: 0, lotSizing: { rule: 'LFL' }, scheduledReceipts: { 2: 5 } }],
			bom: [{ parent: 'A', child: 'B', qty: 2 }],
			grossRequirements: { A: { 4: 50, 8: 20 } }
		});
		expect(r.status).toBe(0);
		const out = JSON.parse(r.stdout);
		expect(out.items.A.plannedOrderReleases).toEqual([0, 0, 35, 0, 0, 0, 20, 0]);
		expect(out.items.B.grossRequirements).toEqual([0, 0, 70, 0, 0, 0, 40, 0]);
		expect(Array.isArray(out.exceptions)).toBe(true);
	});

	it('exits 2 with the field path on bad input, and on a file that is not JSON', () => {
		const bad = cli('mrp', { periods: 3, items: [{ id: 'A', leadTime: 0, lotSizing: { rule: 'POQ' } }] });
		expect(bad.status).toBe(2);
		expect(bad.stderr).toContain('items.0.lotSizing.periods');
		expect(bad.stdout).toBe('');
		expect(cli('atp', '{"onHand":').status).toBe(2);
	});

	it('answers atp', () => {
		const r = cli('atp', { onHand: 50, mps: [0, 100, 0, 100], orders: [30, 20, 60, 10] });
		expect([r.status, JSON.parse(r.stdout)]).toEqual([0, { atp: [20, 20, 0, 90] }]);
	});
});

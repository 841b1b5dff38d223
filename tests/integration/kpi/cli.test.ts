// `npm run -s cli -- kpi-rebuild` as an operator runs it on a stopped server's database: JSON on
// stdout with what it recomputed, and the ledger it leaves equal to the one the appends built.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { backendLabel, freshDatabase, testConfig, type TestDatabase } from '../../support/backend.ts';
import { createRuntime } from '../../../server/runtime.ts';
import { openDatabase } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import { appendMasterData, ev } from '../../support/events.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import { ledgerSnapshot } from './ledger-support.ts';

let database: TestDatabase;
let before: Awaited<ReturnType<typeof ledgerSnapshot>>;

beforeAll(async () => {
	database = await freshDatabase();
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('warn'), jobs: false });
	try {
		await appendMasterData(rt);
		const events = [
			ev.salesOrder({ orderId: 'SO-1', lines: [{ lineId: '10', itemId: 'ITEM-1', qty: 2, requestedDate: '2026-10-05' }] }, { occurredAt: '2026-10-01T09:00:00+08:00' }),
			ev.shipment({ orderId: 'SO-1', lineId: '10', qty: 2 }, { occurredAt: '2026-10-05T09:00:00+08:00' })
		];
		const v = validateBatch(rt.catalogue, { events });
		if (!v.ok) throw new Error(JSON.stringify(v.issues));
		await rt.append(v.events);
		before = await ledgerSnapshot(rt.db);
	} finally {
		await rt.close();
	}
}, 120_000);
afterAll(async () => database?.drop());

describe(`cli kpi-rebuild (${backendLabel})`, () => {
	it('recomputes every subject and prints what it did', async () => {
		const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'kpi-rebuild'], {
			encoding: 'utf8',
			env: { ...process.env, LIANDONG_LOG_LEVEL: 'warn', ...database.env }
		});
		expect(r.status, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout);
		// otd, otd_requested and otif of the one order (no promise: no response time).
		expect(out).toMatchObject({ kpis: 3, subjects: 1 });
		expect(out.buckets).toBe(before.buckets.length);
		expect(typeof out.ms).toBe('number');
		const db = await openDatabase(testConfig(database.env));
		try {
			expect(await ledgerSnapshot(db)).toEqual(before);
		} finally {
			await db.close();
		}
	});
});

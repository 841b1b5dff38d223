// Two nodes on one PostgreSQL database and Redis: the alerts reaction raises each alert once whichever
// node took the commit, and the alerts job run on both nodes at once escalates once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, freshDatabase, testConfig, usesPostgres, usesRedis, type TestDatabase } from '../../support/backend.ts';
import { createRuntime, type Runtime } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import { execute, systemActor } from '../../../server/commands/command.ts';
import { COMMANDS } from '../../../server/commands/registry.ts';
import { ALERTS_JOB } from '../../../server/alerts/evaluate.ts';
import { alertsSettled, handClock } from './settle.ts';

const both = usesPostgres && usesRedis;
let database: TestDatabase;
const nodes: Runtime[] = [];
const clock = handClock('2026-12-07T02:00:00.000Z');
const calendar = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] };

beforeAll(async () => {
	if (!both) return;
	database = await freshDatabase();
	for (let i = 0; i < 2; i++) nodes.push(await createRuntime(testConfig(database.env), { log: createLogger('silent'), jobs: false, planning: false, alerts: true, clock }));
}, 60_000);
afterAll(async () => {
	for (const n of nodes) await n.close();
	await database?.drop();
});

const count = async (type: string) => (await nodes[0].db.query<{ n: number }>('select count(*)::int as n from events where type = $1', [type])).rows[0].n;

describe(`alerts on two nodes (${backendLabel})`, () => {
	it.skipIf(!both)('raise each alert once and escalate once, whichever node runs them', async () => {
		const [a, b] = nodes;
		for (const [i, id] of ['W1', 'W2', 'W3', 'W4'].entries()) {
			const node = i % 2 ? b : a;
			await execute(node, COMMANDS['work_center.save'].command, { workCenterId: id, name: id, calendar }, systemActor);
			await execute(node, COMMANDS['work_center.set_status'].command, { workCenterId: id, status: 'down', reasonCode: 'BREAKDOWN' }, systemActor);
		}
		await Promise.all([alertsSettled(a), alertsSettled(b)]);
		expect(await count('alert.raised')).toBe(4);
		clock.advanceMinutes(31);
		// One node leads the job; the other skips the tick, or finds nothing left to do.
		await Promise.all([a.jobs.run(ALERTS_JOB), b.jobs.run(ALERTS_JOB), a.jobs.run(ALERTS_JOB)]);
		await b.jobs.run(ALERTS_JOB);
		expect(await count('alert.escalated')).toBe(4);
		expect(await count('alert.raised')).toBe(4);
	});
});

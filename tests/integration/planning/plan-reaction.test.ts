import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, freshDatabase, openTestRuntime, testConfig, usesPostgres, type TestDatabase } from '../../support/backend.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../../server/runtime.ts';
import { createLogger } from '../../../server/log.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { replaceBom, saveCustomer, saveItem } from '../../../server/masterdata/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { listPlannedOrders } from '../../../server/planning/plan.queries.ts';
import { NET_CHANGE_REACTION } from '../../../server/planning/net-change.reaction.ts';
import { netChangeSettled } from '../../support/net-change.ts';
import { REGENERATE_JOB } from '../../../server/planning/regenerate.job.ts';
import type { AfterPlanStep } from '../../../server/planning/run.ts';
import { loadConfig } from '../../../server/config.ts';
import type { Queryable } from '../../../server/db/db.ts';

const NOW = new Date('2026-12-07T09:00:00+08:00');
const clock = { now: () => NOW };
const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };

let database: TestDatabase;
const open: Runtime[] = [];

beforeAll(async () => {
	database = await freshDatabase();
});
afterEach(async () => {
	// The embedded database admits one runtime at a time: a failed test must not leave its own open.
	for (const rt of open.splice(0)) await rt.close().catch(() => undefined);
});
afterAll(async () => database?.drop());

async function node(opts: RuntimeOptions = {}): Promise<Runtime> {
	const rt = await createRuntime(testConfig(database.env), { log: createLogger('silent'), jobs: false, clock, ...opts });
	open.push(rt);
	return rt;
}

async function close(rt: Runtime) {
	open.splice(open.indexOf(rt), 1);
	await rt.close();
}

/** Waits for a condition on the database (runs happen on their own); fails after a while. */
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
	const deadline = Date.now() + 40_000;
	for (;;) {
		const v = await probe();
		if (ok(v)) return v;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 300)}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}

async function generated(q: Queryable) {
	return (await q.query<{ data: { planId: string; mode: string; trigger?: string; items: number } }>(`select data from events where type = 'plan.generated' order by tx, seq`)).rows.map((r) => r.data);
}

async function masterData(rt: Runtime) {
	await execute(rt, saveCustomer, { customerId: 'C-1', name: '客户' }, admin);
	for (const [itemId, makeOrBuy] of [['CART', 'make'], ['AXLE', 'buy']] as const) {
		await execute(rt, saveItem, { itemId, name: itemId, kind: makeOrBuy === 'make' ? 'product' : 'material', uom: 'pcs', unitCost: 1, makeOrBuy, leadTimeDays: 2 }, admin);
	}
	await execute(rt, replaceBom, { parentItemId: 'CART', lines: [{ childItemId: 'AXLE', qtyPer: 2 }] }, admin);
}

const order = (rt: Runtime, orderId: string, qty: number, requestedDate = '2026-12-20') =>
	execute(rt, createSalesOrder, { orderId, customerId: 'C-1', lines: [{ lineId: '10', itemId: 'CART', qty, requestedDate }] }, admin);

describe(`planning runs by itself (${backendLabel})`, { timeout: 120_000 }, () => {
	it('plans after commits that change its inputs (a burst of requests makes one run), and at start', async () => {
		const rt = await node({ planning: true });
		// Nothing to plan in a factory without items: no plan, no event.
		expect(await rt.planning.regenerate()).toMatchObject({ planId: null, outcome: 'unchanged' });
		expect(await generated(rt.db)).toEqual([]);

		await masterData(rt);
		// Let the runs asked for by the master data finish first: a run that started late could
		// otherwise read the orders too, and the orders' own run would then find nothing to change.
		await netChangeSettled(rt);
		await rt.planning.settle();
		for (let i = 1; i <= 5; i++) await order(rt, `SO-A${i}`, i);
		const plan = await until(
			() => listPlannedOrders(rt.db, { itemId: 'CART' }),
			(p) => p.plannedOrders.reduce((n, o) => n + o.qty, 0) === 15,
			'the planned carts'
		);
		expect(plan.plannedOrders[0].pegs.map((p) => p.demand)).toContainEqual({ kind: 'sales_order_line', orderId: 'SO-A5', lineId: '10' });
		// However the orders' commits fell into runs, the run that planned them was asked for by them.
		expect((await generated(rt.db)).some((g) => g.trigger?.includes('sales_order.created'))).toBe(true);
		await netChangeSettled(rt);
		await rt.planning.settle();
		// The stored plan has taken in every request.
		const v = (await rt.db.query<{ req: number; plan: number }>(
			`select (select version from plan_requests)::int as req, (select input_version from plan_state)::int as plan`
		)).rows[0];
		expect(v.plan).toBe(v.req);

		// Requests in a burst make one run. (Stock written behind the event log's back, so that only
		// these requests ask for a run.)
		await rt.db.query(`insert into stock (item_id, location_id, on_hand, value) values ('AXLE', 'MAIN', 1, 0)`);
		const before = (await generated(rt.db)).length;
		for (const type of ['stock.adjusted', 'shipment.shipped', 'stock.adjusted', 'goods.received']) rt.planning.request([type]);
		await rt.planning.settle();
		const after = await generated(rt.db);
		expect(after.length).toBe(before + 1);
		expect(after.at(-1)).toMatchObject({ mode: 'net_change', trigger: 'goods.received,shipment.shipped,stock.adjusted', items: 1 });
		await close(rt);

		// A node that starts plans the data as it is.
		const again = await node({ planning: true });
		const startup = await until(() => generated(again.db), (g) => g.some((x) => x.trigger === 'startup'), 'the plan at start');
		expect(startup.at(-1)).toMatchObject({ mode: 'regenerative', trigger: 'startup' });
		await close(again);
	});

	it('holds automatic runs while a bulk load holds them, and runs once after the last release', async () => {
		const rt = await node({ planning: true });
		await masterData(rt);
		await netChangeSettled(rt);
		await rt.planning.settle();
		const before = (await generated(rt.db)).length;
		const first = rt.planning.hold();
		const second = rt.planning.hold();
		// Stock written behind the event log's back, so that only these requests ask for a run.
		await rt.db.query(`insert into stock (item_id, location_id, on_hand, value) values ('AXLE', 'MAIN', 7, 0)
			on conflict (item_id, location_id) do update set on_hand = stock.on_hand + 7`);
		rt.planning.request(['stock.adjusted']);
		rt.planning.request(['goods.received']);
		// Longer than the longest wait before a requested run (1 s).
		await new Promise((r) => setTimeout(r, 1500));
		expect((await generated(rt.db)).length).toBe(before);
		first();
		first(); // a release counts once
		await new Promise((r) => setTimeout(r, 1500));
		expect((await generated(rt.db)).length).toBe(before);
		second();
		const after = await until(() => generated(rt.db), (g) => g.length > before, 'the run after the hold');
		expect(after.length).toBe(before + 1);
		expect(after.at(-1)).toMatchObject({ mode: 'net_change', trigger: 'goods.received,stock.adjusted' });
		await close(rt);
	});

	it('plans regeneratively when its memory is not the stored plan: after a restart, and when another run stored a plan', async () => {
		const a = await node();
		await order(a, 'SO-B1', 2);
		await a.reactions.get(NET_CHANGE_REACTION)!.catchUp();
		expect(await a.planning.netChange()).toMatchObject({ mode: 'regenerative', outcome: 'stored' });
		await order(a, 'SO-B2', 3);
		expect(await a.planning.netChange()).toMatchObject({ mode: 'net_change', outcome: 'stored' });
		await close(a);

		const b = await node();
		expect(b.planning.hasPlan()).toBe(false);
		expect(await b.planning.netChange()).toMatchObject({ mode: 'regenerative' });
		// The job by name (what the nightly tick runs).
		expect(await b.jobs.run(REGENERATE_JOB)).toMatchObject({ ran: true, result: { outcome: 'stored' } });
		// A run elsewhere stored a newer plan: this node's memory is no base for a net change.
		await b.db.query(`update plan_state set plan_id = gen_random_uuid()`);
		await order(b, 'SO-B3', 1);
		expect(await b.planning.netChange()).toMatchObject({ mode: 'regenerative', outcome: 'stored' });
		// A plan of newer inputs is stored already: this run's is dropped.
		await b.db.query(`update plan_state set input_version = input_version + 1000`);
		const before = (await b.db.query(`select plan_id from plan_state`)).rows[0];
		expect(await b.planning.regenerate()).toMatchObject({ outcome: 'superseded' });
		expect((await b.db.query(`select plan_id from plan_state`)).rows[0]).toEqual(before);
		await b.db.query(`update plan_state set input_version = input_version - 1000`);
		await close(b);
	});

	it.runIf(usesPostgres)('two nodes: a net change after the other node planned is regenerative, and both end on the same plan', async () => {
		const a = await node();
		const b = await node();
		await order(a, 'SO-C1', 4);
		await a.planning.regenerate();
		await b.planning.regenerate();
		await order(a, 'SO-C2', 1);
		expect(await a.planning.netChange()).toMatchObject({ mode: 'regenerative' });
		const plan = (await listPlannedOrders(a.db)).plannedOrders;
		expect(await b.planning.netChange()).toMatchObject({ mode: 'regenerative' });
		expect((await listPlannedOrders(b.db)).plannedOrders).toEqual(plan);
		await close(a);
		await close(b);
	});

	it('appends the events of after-plan steps with the plan, and projects line risks (kept through a rebuild); a failing step is left out', async () => {
		let step = 0;
		const risks: AfterPlanStep = async ({ calendar }) => {
			step++;
			if (step === 1) return [{ type: 'sales_order_line.at_risk', data: { orderId: 'SO-B1', lineId: '10', dueDate: '2026-12-20', expectedDate: '2026-12-22', daysLate: 2, causes: [{ code: 'RISK_NO_SUPPLY', message: 'no supply', params: { item: 'AXLE', date: calendar.startDate } }] } }];
			if (step === 2) return [{ type: 'sales_order_line.at_risk', data: { orderId: 'SO-B1', lineId: '10', dueDate: '2026-12-20', expectedDate: '2026-12-25', daysLate: 5, causes: [] } }];
			return [{ type: 'sales_order_line.risk_cleared', data: { orderId: 'SO-B1', lineId: '10' } }];
		};
		let now = NOW;
		const rt = await node({ planSteps: [risks], clock: { now: () => now } });
		const row = async () => (await rt.db.query(`select expected_date::text as expected, days_late, since, updated_at, causes from sales_order_line_risks where order_id = 'SO-B1'`)).rows[0];
		await rt.planning.regenerate();
		const first = await row();
		expect(first).toMatchObject({ expected: '2026-12-22', days_late: 2, causes: [{ code: 'RISK_NO_SUPPLY', params: { item: 'AXLE' } }] });
		now = new Date(NOW.getTime() + 60_000);
		await rt.planning.regenerate();
		const second = await row();
		expect(second).toMatchObject({ expected: '2026-12-25', days_late: 5 });
		expect(new Date(second.since as string)).toEqual(new Date(first.since as string));
		expect(new Date(second.updated_at as string)).toEqual(now);
		await rt.rebuildProjections();
		expect(await row()).toEqual(second);
		await rt.planning.regenerate();
		expect(await row()).toBeUndefined();
		await rt.rebuildProjections();
		expect(await row()).toBeUndefined();
		await close(rt);

		// A step that fails leaves its writes and events out, not the plan.
		const failing = await node({
			planSteps: [
				async ({ tx }) => {
					await tx.query(`delete from sales_order_line_risks`);
					throw new Error('step broke');
				},
				async ({ tx }) => {
					await tx.query(`select no_such_column from plan_state`);
					return [];
				}
			]
		});
		const events = (await failing.db.query<{ n: number }>(`select count(*)::int as n from events`)).rows[0].n;
		const run = await failing.planning.regenerate();
		expect(run.outcome).toBe('stored');
		expect((await failing.db.query(`select plan_id from plan_state`)).rows).toEqual([{ plan_id: run.planId }]);
		expect((await failing.db.query<{ n: number }>(`select count(*)::int as n from events`)).rows[0].n).toBe(events + 1);
		// Only the planner (or an admin token) sends these.
		for (const type of ['plan.generated', 'sales_order_line.at_risk', 'sales_order_line.risk_cleared']) expect(failing.catalogue.get(type)?.commandOnly).toBe(true);
		await close(failing);
	});
});

describe('planning settings', () => {
	it('plans by itself unless LIANDONG_PLANNING=0; the horizon is 120 days unless LIANDONG_PLANNING_HORIZON_DAYS says otherwise, a whole number of days', () => {
		expect(loadConfig({}).planningHorizonDays).toBe(120);
		expect(loadConfig({ LIANDONG_PLANNING_HORIZON_DAYS: '30' }).planningHorizonDays).toBe(30);
		expect(() => loadConfig({ LIANDONG_PLANNING_HORIZON_DAYS: '2.5' })).toThrow(/LIANDONG_PLANNING_HORIZON_DAYS/);
		expect(loadConfig({}).planning).toBe(true);
		expect(loadConfig({ LIANDONG_PLANNING: '0' }).planning).toBe(false);
	});

	it('sets the stored plan\'s length', async () => {
		const t = await openTestRuntime({ clock, env: { LIANDONG_PLANNING_HORIZON_DAYS: '30' } });
		try {
			await execute(t.rt, saveItem, { itemId: 'SPOKE', name: 'Spoke', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 2 }, admin);
			await t.rt.planning.regenerate();
			expect((await t.rt.db.query(`select buckets, start_date::text as start from plan_state`)).rows[0]).toEqual({ buckets: 30, start: '2026-12-07' });
		} finally {
			await t.close();
		}
	});
});

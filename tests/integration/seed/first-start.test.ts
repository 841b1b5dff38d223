import { afterEach, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { startDemo } from '../../../seed/demo/first-start.ts';
import type { DemoSimulation, HistoryOptions, SimulatorOptions } from '../../../seed/demo/simulation.ts';
import { demoProfile, DEMO_USERS } from '../../../seed/plant/index.ts';
import { readDemoState, setDemoProgress } from '../../../server/demo/state.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveItem } from '../../../server/masterdata/commands.ts';
import { createSalesOrder } from '../../../server/sales/commands.ts';
import { settableClock } from '../../../server/clock.ts';

// The preparation of the demo in-process, one fresh database per test (the demo claims it). The
// simulation passed in is the seam's contract seen from this side: what the first start hands the
// history and the simulator, and when.
const open: TestRuntime[] = [];
afterEach(async () => {
	for (const t of open.splice(0)) await t.close().catch(() => undefined);
});

async function fresh(env: Record<string, string> = {}): Promise<TestRuntime> {
	// The server's clock: settable, as the built-in history needs (server/index.ts).
	const t = await openTestRuntime({ clock: settableClock(), env: { LIANDONG_DEMO: '1', ...env } });
	open.push(t);
	return t;
}

const planner: Actor = { kind: 'user', id: 'p', name: 'user:someone', roles: ['planner'] };

describe(`first start in demo mode (${backendLabel})`, { timeout: 120_000 }, () => {
	it('prepares the plant, hands the history its days, seed and profile under a held planner, then plans and starts the simulator', async () => {
		const t = await fresh({ LIANDONG_ADMIN_PASSWORD: 'an-admin-pass' });
		const calls: string[] = [];
		const percents: number[] = [];
		let simulatorStopped = false;
		const simulation: DemoSimulation = {
			async generateHistory(rt, opts: HistoryOptions) {
				calls.push(`history ${opts.days} ${opts.seed} ${opts.profile === demoProfile}`);
				// The plant is there when the history begins, its accounts listed already.
				expect(Number((await rt.db.query<{ n: number }>('select count(*)::int as n from items')).rows[0].n)).toBe(222);
				// Commits during the history start no plan: the planner is held until the plan step.
				await execute(rt, createSalesOrder, { orderId: 'SO-HIST-1', customerId: 'C101', lines: [{ lineId: '10', itemId: 'BC-101', qty: 5000, requestedDate: '2026-12-31' }] }, { kind: 'user', id: 'x', name: 'user:li.na', roles: ['sales'] });
				for (const f of [0.25, 0.5, 0.75]) {
					opts.onProgress?.(f);
					await new Promise((r) => setTimeout(r, 300));
					percents.push((await readDemoState(rt.db))!.percent);
				}
				expect(Number((await rt.db.query<{ n: number }>(`select count(*)::int as n from events where type = 'plan.generated'`)).rows[0].n)).toBe(0);
			},
			startSimulator(rt, opts: SimulatorOptions) {
				calls.push(`simulator ${opts.speed} ${opts.seed} ${opts.profile === demoProfile}`);
				return { stop: () => void (simulatorStopped = true) };
			}
		};
		const demo = startDemo(t.rt, { simulation });
		expect(await demo.done).toBe('loaded');
		expect(calls).toEqual(['history 90 1 true', 'simulator 60 1 true']);
		// Step weights: the plant a little, the history most; the progress grows within the step.
		expect(percents[0]).toBeGreaterThan(8);
		expect(percents[0]).toBeLessThan(percents[1]);
		expect(percents[1]).toBeLessThan(percents[2]);
		expect(percents[2]).toBeLessThan(90);
		const state = (await readDemoState(t.rt.db))!;
		expect(state).toMatchObject({ status: 'ready', percent: 100, step: 'plan' });
		// The administrator of LIANDONG_ADMIN_PASSWORD stays as it was and is not offered as a demo account.
		expect(state.accounts.map((a) => a.username)).toEqual(DEMO_USERS.map((u) => u.username).filter((u) => u !== 'admin'));
		// One plan at the end, with the history's order in it.
		const plans = await t.rt.db.query<{ data: { trigger?: string } }>(`select data from events where type = 'plan.generated'`);
		expect(plans.rows.map((r) => r.data.trigger)).toEqual(['demo']);
		expect(Number((await t.rt.db.query<{ n: number }>(`select count(*)::int as n from planned_orders`)).rows[0].n)).toBeGreaterThan(0);

		await demo.stop();
		expect(simulatorStopped).toBe(true);
		// A later start on the same data continues the simulation and loads nothing.
		const events = Number((await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n);
		calls.length = 0;
		const again = startDemo(t.rt, { simulation });
		expect(await again.done).toBe('continued');
		expect(calls).toEqual(['simulator 60 1 true']);
		expect(Number((await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n)).toBe(events);
		await again.stop();
	});

	it("a newcomer's first start with the built-in history and simulator: a ready factory with a past, whose data then moves", async () => {
		const t = await fresh();
		const count = async (sql: string) => Number((await t.rt.db.query<{ n: number }>(`select (${sql})::int as n`)).rows[0].n);
		const started = Date.now();
		// A short history (the server writes 90 days), and a fast simulator: a factory hour a second.
		const demo = startDemo(t.rt, { historyDays: 4, speed: 3600 });
		expect(await demo.done).toBe('loaded');
		expect(await readDemoState(t.rt.db)).toMatchObject({ status: 'ready', percent: 100 });
		// The past: orders, production and purchasing by the demo's people, stamped over the last days.
		const past = `occurred_at < now() - interval '1 day' and occurred_at > now() - interval '6 days'`;
		expect(await count(`select count(*) from events where type = 'sales_order.created' and ${past}`)).toBeGreaterThan(5);
		expect(await count(`select count(*) from events where type = 'sales_order.promised' and ${past}`)).toBeGreaterThan(5);
		// The planner's morning runs, one a simulated day.
		expect(await count(`select count(*) from events where type = 'plan.generated' and data->>'trigger' = 'simulation' and ${past}`)).toBeGreaterThanOrEqual(3);
		expect(await count(`select count(*) from events where type = 'sales_order.created' and actor not like 'user:%'`)).toBe(0);
		// The clock follows the system clock again, and the plan is today's.
		expect(Math.abs(t.rt.clock.now().getTime() - Date.now())).toBeLessThan(1000);
		expect(await count(`select count(*) from events where type = 'plan.generated' and occurred_at >= to_timestamp(${started / 1000})`)).toBeGreaterThan(0);
		// That plan is the history's last act: the first start does not make the same one again.
		expect(await count(`select count(*) from events where type = 'plan.generated' and data->>'trigger' = 'demo'`)).toBe(0);
		// The simulator is running: new work arrives, stamped now.
		const now = `occurred_at >= to_timestamp(${Date.now() / 1000}) - interval '1 second'`;
		const deadline = Date.now() + 60_000;
		while ((await count(`select count(*) from events where source = 'simulator' and ${now}`)) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
		expect(await count(`select count(*) from events where source = 'simulator' and ${now}`)).toBeGreaterThan(0);
		await demo.stop();
		// A second start continues without loading anything again.
		const items = await count('select count(*) from items');
		const again = startDemo(t.rt, { historyDays: 4, speed: 3600 });
		expect(await again.done).toBe('continued');
		expect(await count('select count(*) from items')).toBe(items);
		await again.stop();
	}, 600_000);

	it('records a preparation stopped half-way as interrupted, and never loads on top of it', async () => {
		const t = await fresh();
		let began!: () => void;
		const inHistory = new Promise<void>((r) => (began = r));
		const simulation: DemoSimulation = {
			generateHistory: (_rt, opts) =>
				new Promise((_, reject) => {
					began();
					opts.signal!.addEventListener('abort', () => reject(opts.signal!.reason));
				}),
			startSimulator: () => {
				throw new Error('no simulator after a failed preparation');
			}
		};
		const demo = startDemo(t.rt, { simulation });
		await inHistory;
		expect((await readDemoState(t.rt.db))!.status).toBe('loading');
		await demo.stop();
		expect(await demo.done).toBe('failed');
		expect(await readDemoState(t.rt.db)).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
		const events = Number((await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n);
		const again = startDemo(t.rt, { simulation });
		expect(await again.done).toBe('failed');
		expect(Number((await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n)).toBe(events);
		await again.stop();
	});

	it('leaves a database with real data alone, and does nothing unless in demo mode', async () => {
		const t = await fresh();
		await execute(t.rt, saveItem, { itemId: 'REAL-1', name: '真实物料', kind: 'material', uom: 'pcs', unitCost: 1, makeOrBuy: 'buy', leadTimeDays: 1 }, planner);
		const demo = startDemo(t.rt, { simulation: {} });
		expect(await demo.done).toBe('not_empty');
		expect(await readDemoState(t.rt.db)).toBeNull();
		await demo.stop();

		const off = startDemo({ ...t.rt, config: { ...t.rt.config, demo: false } }, { simulation: {} });
		expect(await off.done).toBe('off');
		await off.stop();
	});

	it('finds a preparation another node died in as interrupted (that node held the lock; now nobody does)', async () => {
		const t = await fresh();
		await t.rt.db.query(`insert into demo_state (id, status) values (1, 'loading')`);
		await setDemoProgress(t.rt.db, 'history', { 'zh-CN': '历史', en: 'History' }, 40);
		const demo = startDemo(t.rt, { simulation: {} });
		expect(await demo.done).toBe('failed');
		expect(await readDemoState(t.rt.db)).toMatchObject({ status: 'failed', percent: 40, error: expect.stringMatching(/interrupted/) });
		expect(Number((await t.rt.db.query<{ n: number }>('select count(*)::int as n from items')).rows[0].n)).toBe(0);
		await demo.stop();
	});
});

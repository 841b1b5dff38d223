// The simulator's history on a small hand-made factory: two runs with the same seed write the same
// event log (ids aside); a month of history obeys every rule (nothing refused), reads like a factory's
// (each action by a user of the right role) and gives plausible figures, with the unreliable supplier
// visible in its KPIs; and the projections rebuilt from the simulated log equal the live ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { settableClock, type SettableClock } from '../../../server/clock.ts';
import { generateHistory, historyStart, type HistorySummary } from '../../../seed/sim/index.ts';
import { kpiTotal } from '../../../server/kpi/queries.ts';
import { compactKpis } from '../../../server/kpi/compaction.ts';
import { loadSmallFactory, smallProfile } from './small-factory.ts';

const HOUR = 3_600_000;
// A fixed end (the last whole hour), so that two runs cover the same hours.
const until = new Date(Math.floor(Date.now() / HOUR) * HOUR);

async function factoryWithHistory(days: number, seed: number): Promise<{ t: TestRuntime; summary: HistorySummary }> {
	const clock = settableClock();
	const t = await openTestRuntime({ clock });
	clock.set(historyStart(until, days, t.rt.config.timeZone));
	await loadSmallFactory(t.rt);
	clock.set(null);
	const summary = await generateHistory(t.rt, { days, seed, profile: smallProfile, until });
	return { t, summary };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The event log up to the history's end as comparable rows: ids replaced, a plan's run time left out. */
async function log(t: TestRuntime): Promise<unknown[]> {
	const r = await t.rt.db.query<{ type: string; actor: string | null; source: string; at: string; data: Record<string, unknown> }>(
		`select type, actor, source, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as at, data from events
		where occurred_at < $1 order by tx, seq`,
		[until.toISOString()]
	);
	return r.rows.map((e) => {
		const data = { ...e.data };
		if (e.type === 'plan.generated') delete data.ms;
		return JSON.parse(JSON.stringify({ ...e, data }).replace(UUID, 'uuid'));
	});
}

describe(`simulated history (${backendLabel})`, { timeout: 600_000 }, () => {
	describe('determinism', () => {
		let a: { t: TestRuntime; summary: HistorySummary };
		let b: { t: TestRuntime; summary: HistorySummary };
		beforeAll(async () => {
			a = await factoryWithHistory(8, 42);
			b = await factoryWithHistory(8, 42);
		}, 600_000);
		afterAll(async () => {
			await a?.t.close();
			await b?.t.close();
		});

		it('writes the same event log for the same seed and start, apart from ids', async () => {
			const [la, lb] = [await log(a.t), await log(b.t)];
			expect(la.length).toBeGreaterThan(100);
			expect(lb).toEqual(la);
			expect(b.summary.byCommand).toEqual(a.summary.byCommand);
		});
	});

	describe('a month of a small factory', () => {
		let t: TestRuntime;
		let summary: HistorySummary;
		let from: number;
		beforeAll(async () => {
			({ t, summary } = await factoryWithHistory(35, 7));
			from = historyStart(until, 35, t.rt.config.timeZone).getTime();
		}, 600_000);
		afterAll(async () => t?.close());
		const kpi = async (id: string, dim?: string) => {
			const v = await kpiTotal(t.rt.db, { kpi: id, from, to: Date.now(), timeZone: t.rt.config.timeZone, dim });
			return { value: v.den ? v.num / v.den : null, den: v.den };
		};

		it('runs every kind of work through the commands, and none is refused', () => {
			expect(summary.refused, JSON.stringify(summary.refusals)).toBe(0);
			for (const name of [
				'sales_order.create',
				'sales_order.promise',
				'shipment.ship',
				'planned_order.firm',
				'requisition.approve',
				'purchase_order.place',
				'purchase_order.confirm',
				'goods.receive',
				'inspection.record',
				'production_order.release',
				'operation.start',
				'production.report',
				'production_order.complete',
				'stock.issue',
				'work_center.set_status'
			]) {
				expect(summary.byCommand[name] ?? 0, name).toBeGreaterThan(0);
			}
			expect(summary.hours).toBeGreaterThanOrEqual(35 * 24 - 24);
		});

		it('has every simulated action done by a user who holds the role for it', async () => {
			const roleOf: Record<string, string[]> = {
				'sales_order.created': ['sales'],
				'sales_order.promised': ['sales'],
				'shipment.shipped': ['warehouse'],
				'requisition.approved': ['manager', 'purchasing', 'planner'],
				'purchase_order.placed': ['purchasing'],
				'purchase_order.confirmed': ['purchasing'],
				'purchase_order.delayed': ['purchasing'],
				'goods.received': ['warehouse'],
				'inspection.recorded': ['quality'],
				'production_order.released': ['production'],
				'operation.started': ['production'],
				'production.reported': ['production'],
				'production_order.completed': ['production'],
				'work_center.status_changed': ['production'],
				'requisition.created': ['planner'],
				'production_order.created': ['planner']
			};
			const users = new Map(
				(await t.rt.db.query<{ username: string; roles: string[] }>('select username, roles from users')).rows.map((u) => [`user:${u.username}`, u.roles])
			);
			const events = (
				await t.rt.db.query<{ type: string; actor: string; source: string }>(`select type, actor, source from events where source in ('simulator', 'planning')`)
			).rows;
			expect(events.length).toBeGreaterThan(500);
			for (const e of events) {
				if (e.actor === 'system:planner') {
					// The planning's own firming (categories in auto).
					expect(e.source).toBe('planning');
					continue;
				}
				const wanted = roleOf[e.type];
				if (!wanted) continue;
				expect(users.get(e.actor)?.some((r) => wanted.includes(r)), `${e.type} by ${e.actor}`).toBe(true);
			}
		});

		it('gives plausible figures: deliveries mostly on time, good yield, the unreliable supplier exposed', async () => {
			const shipped = (await t.rt.db.query<{ n: number }>(`select count(*)::int as n from events where type = 'shipment.shipped'`)).rows[0].n;
			expect(shipped).toBeGreaterThan(40);
			const otd = await kpi('otd');
			expect(otd.den).toBeGreaterThan(30);
			expect(otd.value).toBeGreaterThan(0.7);
			expect(otd.value).toBeLessThanOrEqual(1);
			const yieldOf = await kpi('production_yield');
			expect(yieldOf.value).toBeGreaterThan(0.9);
			expect(yieldOf.value).toBeLessThan(1);
			const response = await kpi('order_response_time');
			expect(response.value).toBeGreaterThan(0.5);
			expect(response.value).toBeLessThan(48);
			const bad = await kpi('supplier_otd', 'supplier:S-BAD');
			const good = await kpi('supplier_otd', 'supplier:S-STEEL');
			expect(bad.den).toBeGreaterThan(3);
			expect(good.value!).toBeGreaterThan(bad.value!);
			const badQuality = await kpi('supplier_quality', 'supplier:S-BAD');
			const goodQuality = await kpi('supplier_quality', 'supplier:S-STEEL');
			expect(goodQuality.value!).toBeGreaterThan(badQuality.value!);
			const oee = await kpi('oee');
			expect(oee.value).toBeGreaterThan(0.05);
			expect(oee.value).toBeLessThan(1);
			// Setups and breakdowns cost availability; each work centre runs at about its speed (the
			// CNC cell at 0.8, the rest at the default 0.92), which is what OEE performance reads.
			expect((await kpi('oee_availability')).value).toBeLessThan(0.98);
			const cnc = (await kpi('oee_performance', 'workCenter:WC-CNC')).value!;
			const assembly = (await kpi('oee_performance', 'workCenter:WC-ASM')).value!;
			expect(cnc).toBeGreaterThan(0.72);
			expect(cnc).toBeLessThan(0.86);
			expect(assembly).toBeGreaterThan(0.85);
			expect(assembly).toBeLessThan(0.98);
		});

		it('leaves a plan for today, the clock following the system clock again and the database planning statements as usual', async () => {
			const plan = (await t.rt.db.query<{ at: Date | string }>('select generated_at as at from plan_state')).rows[0];
			expect(Date.now() - new Date(plan.at).getTime()).toBeLessThan(10 * 60_000);
			expect(Math.abs(t.rt.clock.now().getTime() - Date.now())).toBeLessThan(1000);
			// The embedded database keeps each statement's first plan during the history only.
			expect((await t.rt.db.query<{ mode: string }>(`select current_setting('plan_cache_mode') as mode`)).rows[0].mode).toBe('auto');
		});

		it('rebuilds the same projections and KPI sums from the simulated event log', async () => {
			const tables: Record<string, string> = {
				sales_order_lines: 'order_id, line_id',
				purchase_order_lines: 'po_id, line_id',
				requisitions: 'requisition_id',
				production_orders: 'production_order_id',
				production_operations: 'production_order_id, seq',
				production_reports: 'event_id',
				// What the span is, not when its last change happened (live and rebuilt batches differ).
				'(select production_order_id, work_center_id, started_at, ended_at, setup_minutes from production_spans)': 'production_order_id, work_center_id',
				work_centers: 'work_center_id',
				stock: 'item_id, location_id'
			};
			const snapshot = async () => {
				const out: Record<string, unknown[]> = {};
				for (const [table, key] of Object.entries(tables)) {
					out[table] = (await t.rt.db.query(`select to_jsonb(x) as row from ${table} x order by ${key}`)).rows.map((r) => (r as { row: unknown }).row);
				}
				await compactKpis(t.rt.db);
				out.kpis = (
					await t.rt.db.query(
						`select kpi, dim, bucket, round(sum(num), 6)::text as num, round(sum(den), 6)::text as den from kpi_buckets
						group by kpi, dim, bucket having sum(num) <> 0 or sum(den) <> 0 order by kpi, dim, bucket`
					)
				).rows;
				return out;
			};
			const live = await snapshot();
			expect(live.kpis.length).toBeGreaterThan(100);
			await t.rt.rebuildProjections();
			expect(await snapshot()).toEqual(live);
		});
	});
});

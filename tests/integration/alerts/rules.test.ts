// Alert rules over the database: each kind raises when its condition holds and resolves by itself
// when it no longer does; one open alert per rule and record; escalation on the injected clock;
// quiet hours; who may acknowledge and resolve; a bad rule names its field.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { execute, systemActor, type Actor } from '../../../server/commands/command.ts';
import { COMMANDS } from '../../../server/commands/registry.ts';
import type { Runtime } from '../../../server/runtime.ts';
import { ALERTS_JOB } from '../../../server/alerts/evaluate.ts';
import { alertsOpenValue, countOpenAlerts, getAlert, listAlertRules, listAlerts, openAlerts, type AlertView } from '../../../server/alerts/alert.queries.ts';
import { DEFAULT_ALERT_RULES } from '../../../server/alerts/rules.ts';
import type { KpiReader } from '../../../server/alerts/triggers.queries.ts';
import { alertsSettled, handClock } from './settle.ts';

let t: TestRuntime;
let rt: Runtime;
// Monday 2026-12-07, 10:00 in Shanghai.
const clock = handClock('2026-12-07T02:00:00.000Z');
let kpi: { value: number | null; status: 'ok' | 'warn' | 'bad' } = { value: 0.97, status: 'ok' };
const kpiReads: string[] = [];
const reader: KpiReader = async (_q, id, window) => {
	kpiReads.push(`${id}:${window}`);
	return kpi;
};

const calendar = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5, 6, 7], holidays: [] };

async function run(name: string, input: unknown, actor: Actor = systemActor) {
	const out = await execute(rt, COMMANDS[name].command, input, actor);
	await alertsSettled(rt);
	return out;
}

async function refusal(name: string, input: unknown, actor: Actor = systemActor) {
	try {
		await execute(rt, COMMANDS[name].command, input, actor);
	} catch (err) {
		return err as { code: string; status: number; details: { issues?: { path: string; code?: string }[] } };
	}
	throw new Error(`${name} was not refused`);
}

const alertsOf = async (rule: string, status?: 'open' | 'acknowledged' | 'resolved'): Promise<AlertView[]> =>
	(await listAlerts(rt.db, status ? { status } : {})).filter((a) => a.rule === rule);

async function saveRule(ruleId: string, change: Record<string, unknown>) {
	const rule = (await listAlertRules(rt.db)).find((r) => r.ruleId === ruleId)!;
	// A rule keeps the change latest by business time: each change a minute after the one before.
	clock.advanceMinutes(1);
	await run('alert_rule.save', { ...rule, ...change });
}

const user = (username: string, roles: string[], department: string | null = null): Actor => ({ kind: 'user', id: randomUUID(), name: `user:${username}`, roles, department });

beforeAll(async () => {
	t = await openTestRuntime({ clock, planning: false, alerts: true, kpiReader: reader });
	rt = t.rt;
	await execute(rt, COMMANDS['item.save'].command, { itemId: 'BIKE', name: 'Bike', kind: 'product', uom: 'pcs', unitCost: 100, makeOrBuy: 'make', leadTimeDays: 10 }, systemActor);
	await execute(rt, COMMANDS['item.save'].command, { itemId: 'STEEL', name: 'Steel', kind: 'material', uom: 'kg', unitCost: 5, makeOrBuy: 'buy', leadTimeDays: 5 }, systemActor);
	await execute(rt, COMMANDS['supplier.save'].command, { supplierId: 'S1', name: 'Steel Co' }, systemActor);
	await execute(rt, COMMANDS['customer.save'].command, { customerId: 'C1', name: 'Shop' }, systemActor);
}, 60_000);
afterAll(async () => t?.close());

describe(`alert rules (${backendLabel})`, () => {
	it('starts with one rule per kind, named in both languages', async () => {
		const rules = await listAlertRules(rt.db);
		expect(rules.map((r) => r.kind).sort()).toEqual(['capacity_overload', 'kpi_threshold', 'line_at_risk', 'po_late', 'shortage', 'work_center_down']);
		expect(rules.find((r) => r.ruleId === 'shortage')).toEqual(DEFAULT_ALERT_RULES.find((r) => r.ruleId === 'shortage'));
		for (const r of rules) expect(r.name['zh-CN'] && r.name.en).toBeTruthy();
	});

	it('raises one alert for a work centre going down, none for a second stop, and resolves it when it is back up', async () => {
		await run('work_center.save', { workCenterId: 'WELD', name: 'Welding', calendar });
		expect(await alertsOf('work-center-down')).toEqual([]);
		await run('work_center.set_status', { workCenterId: 'WELD', status: 'down', reasonCode: 'BREAKDOWN' });
		const [a] = await alertsOf('work-center-down', 'open');
		expect(a).toMatchObject({ kind: 'work_center_down', severity: 'critical', ref: { kind: 'work_center', id: 'WELD' }, owner: { kind: 'role', id: 'production' }, link: '/production/work-centers#wc-WELD' });
		expect(a.messages['zh-CN']).toContain('停机');
		expect(a.message).toContain('Welding');
		await run('work_center.set_status', { workCenterId: 'WELD', status: 'maintenance', reasonCode: 'MAINTENANCE' });
		expect(await alertsOf('work-center-down')).toHaveLength(1);
		await run('work_center.set_status', { workCenterId: 'WELD', status: 'up' });
		expect(await alertsOf('work-center-down')).toEqual([expect.objectContaining({ id: a.id, status: 'resolved', autoResolved: true })]);
		// The events tell the whole story.
		const types = (await rt.db.query<{ type: string }>(`select type from events where type like 'alert.%' order by tx, seq`)).rows.map((r) => r.type);
		expect(types).toEqual(['alert.raised', 'alert.resolved']);
	});

	it('counts every open alert on the live topic, and carries the most severe first up to its cap', async () => {
		for (const id of ['LATHE', 'PRESS']) {
			await run('work_center.save', { workCenterId: id, name: id, calendar });
			await run('work_center.set_status', { workCenterId: id, status: 'down', reasonCode: 'BREAKDOWN' });
		}
		const all = await alertsOpenValue(rt.db);
		expect(all).toMatchObject({ count: 2, bySeverity: { critical: 2, warning: 0, info: 0 } });
		expect(all.alerts.map((x) => x.ref.id).sort()).toEqual(['LATHE', 'PRESS']);
		const capped = await alertsOpenValue(rt.db, 1);
		expect(capped).toMatchObject({ count: 2, bySeverity: { critical: 2, warning: 0, info: 0 } });
		expect(capped.alerts).toHaveLength(1);
		for (const id of ['LATHE', 'PRESS']) await run('work_center.set_status', { workCenterId: id, status: 'up' });
		expect(await alertsOpenValue(rt.db)).toMatchObject({ count: 0, alerts: [] });
	});

	it('raises for a purchase order line once its expected date has passed (timed job), once, and resolves on full receipt', async () => {
		await run('purchase_order.place', { poId: 'PO-1', supplierId: 'S1', lines: [{ lineId: '1', itemId: 'STEEL', qty: 100, unitPrice: 5, expectedDate: '2026-12-08' }] });
		await rt.jobs.run(ALERTS_JOB);
		expect(await alertsOf('po-late')).toEqual([]);
		clock.set('2026-12-09T02:00:00.000Z');
		await rt.jobs.run(ALERTS_JOB);
		await rt.jobs.run(ALERTS_JOB);
		const late = await alertsOf('po-late', 'open');
		expect(late).toEqual([expect.objectContaining({ ref: { kind: 'purchase_order', id: 'PO-1', lineId: '1' }, link: '/purchasing/orders/PO-1', dedupeKey: 'po-late:purchase_order:PO-1:1' })]);
		expect(late[0].message).toContain('1 day late');
		await run('goods.receive', { poId: 'PO-1', lineId: '1', qty: 40 });
		expect(await alertsOf('po-late', 'open')).toHaveLength(1);
		await run('goods.receive', { poId: 'PO-1', lineId: '1', qty: 60 });
		expect(await alertsOf('po-late', 'open')).toEqual([]);
		expect((await alertsOf('po-late'))[0]).toMatchObject({ status: 'resolved', autoResolved: true });
	});

	it('raises at once when the supplier delays a line', async () => {
		await run('purchase_order.place', { poId: 'PO-2', supplierId: 'S1', lines: [{ lineId: '1', itemId: 'STEEL', qty: 10, unitPrice: 5, expectedDate: '2026-12-20' }] });
		expect((await alertsOf('po-late', 'open')).filter((a) => a.ref.id === 'PO-2')).toEqual([]);
		await run('purchase_order.delay', { poId: 'PO-2', lineId: '1', expectedDate: '2026-12-30', reasonCode: 'LOGISTICS' });
		const [a] = (await alertsOf('po-late', 'open')).filter((x) => x.ref.id === 'PO-2');
		expect(a.message).toBe('The supplier delayed purchase order PO-2 line 1 (STEEL) to 2026-12-30 (reason LOGISTICS)');
		await run('purchase_order.delay', { poId: 'PO-2', lineId: '1', expectedDate: '2026-12-31', reasonCode: 'LOGISTICS' });
		expect((await alertsOf('po-late')).filter((x) => x.ref.id === 'PO-2')).toHaveLength(1);
	});

	it('raises for a sales order line at risk and resolves when planning clears it', async () => {
		await execute(rt, COMMANDS['sales_order.create'].command, { orderId: 'SO-1', customerId: 'C1', lines: [{ lineId: '10', itemId: 'BIKE', qty: 2, requestedDate: '2026-12-12' }] }, systemActor);
		const at = (type: string, data: Record<string, unknown>) => ({ id: randomUUID(), type, occurredAt: clock.now().toISOString(), source: 'planning', data });
		const risk = { orderId: 'SO-1', lineId: '10', dueDate: '2026-12-12', expectedDate: '2026-12-19', daysLate: 7, causes: [] };
		await rt.append([at('sales_order_line.at_risk', risk)]);
		await alertsSettled(rt);
		await rt.append([at('sales_order_line.at_risk', { ...risk, expectedDate: '2026-12-20', daysLate: 8 })]);
		await alertsSettled(rt);
		const open = await alertsOf('line-at-risk', 'open');
		expect(open).toEqual([expect.objectContaining({ ref: { kind: 'sales_order', id: 'SO-1', lineId: '10' }, link: '/sales/SO-1', owner: { kind: 'role', id: 'sales' } })]);
		expect(open[0].messages['zh-CN']).toContain('预计延误 7 天');
		await rt.append([at('sales_order_line.risk_cleared', { orderId: 'SO-1', lineId: '10' })]);
		await alertsSettled(rt);
		expect(await alertsOf('line-at-risk', 'open')).toEqual([]);
	});

	it('raises for a work centre loaded above its threshold and resolves when the load goes', async () => {
		await run('routing.replace', { itemId: 'BIKE', operations: [{ seq: 10, workCenterId: 'WELD', setupMinutes: 0, runMinutesPerUnit: 60 }] });
		await run('production_order.create', { productionOrderId: 'MO-1', itemId: 'BIKE', qty: 4, dueDate: '2026-12-12' });
		expect(await alertsOf('capacity-overload', 'open')).toEqual([]);
		// 40 hours of welding due in two days of 8-hour shifts.
		await run('production_order.create', { productionOrderId: 'MO-2', itemId: 'BIKE', qty: 40, dueDate: '2026-12-11' });
		const [a] = await alertsOf('capacity-overload', 'open');
		expect(a).toMatchObject({ ref: { kind: 'work_center', id: 'WELD' }, severity: 'warning' });
		expect(a.message).toMatch(/Welding \(WELD\) is loaded \d+% on 2026-12-09, above 100%/);
		await run('production_order.create', { productionOrderId: 'MO-3', itemId: 'BIKE', qty: 40, dueDate: '2026-12-11' });
		expect(await alertsOf('capacity-overload')).toHaveLength(1);
		await run('production_order.cancel', { productionOrderId: 'MO-2', reasonCode: 'CUSTOMER_CANCELLED' });
		expect(await alertsOf('capacity-overload', 'open')).toHaveLength(1);
		await run('production_order.cancel', { productionOrderId: 'MO-3', reasonCode: 'CUSTOMER_CANCELLED' });
		expect(await alertsOf('capacity-overload', 'open')).toEqual([]);
	});

	it('raises for a shortage before its need date from the plan, and resolves when stock covers it', async () => {
		await execute(rt, COMMANDS['item.save'].command, { itemId: 'WHEEL', name: 'Wheel', kind: 'semi', uom: 'pcs', unitCost: 10, makeOrBuy: 'make', leadTimeDays: 10 }, systemActor);
		await execute(rt, COMMANDS['sales_order.create'].command, { orderId: 'SO-2', customerId: 'C1', lines: [{ lineId: '10', itemId: 'WHEEL', qty: 50, requestedDate: '2026-12-11' }] }, systemActor);
		await rt.planning.regenerate('test');
		await alertsSettled(rt);
		const open = await alertsOf('shortage', 'open');
		expect(open.length).toBeGreaterThan(0);
		expect(open.every((a) => a.ref.kind === 'item' || a.ref.kind === 'purchase_order' || a.ref.kind === 'production_order')).toBe(true);
		expect(open.some((a) => a.ref.id === 'WHEEL')).toBe(true);
		const count = open.length;
		await rt.planning.regenerate('test');
		await alertsSettled(rt);
		expect(await alertsOf('shortage', 'open')).toHaveLength(count);
		await execute(rt, COMMANDS['stock.adjust'].command, { itemId: 'WHEEL', locationId: 'MAIN', qty: 100, reasonCode: 'OPENING' }, systemActor);
		await rt.planning.regenerate('test');
		await alertsSettled(rt);
		expect((await alertsOf('shortage', 'open')).filter((a) => a.ref.id === 'WHEEL')).toEqual([]);
	});

	it('raises for a KPI past its threshold through the reader it is given, and resolves when it recovers', async () => {
		await rt.jobs.run(ALERTS_JOB);
		expect(kpiReads).toContain('otd:7d');
		expect(await alertsOf('kpi-otd')).toEqual([]);
		kpi = { value: 0.8, status: 'warn' };
		await rt.jobs.run(ALERTS_JOB);
		expect(await alertsOf('kpi-otd')).toEqual([]); // the default rule waits for "bad"
		kpi = { value: 0.6, status: 'bad' };
		await rt.jobs.run(ALERTS_JOB);
		await rt.jobs.run(ALERTS_JOB);
		const [a] = await alertsOf('kpi-otd', 'open');
		expect(a).toMatchObject({ ref: { kind: 'kpi', id: 'otd' }, owner: { kind: 'role', id: 'manager' } });
		expect(a.message).toBe('KPI otd (7d) is 0.6: bad');
		kpi = { value: 0.97, status: 'ok' };
		await rt.jobs.run(ALERTS_JOB);
		expect(await alertsOf('kpi-otd', 'open')).toEqual([]);
	});

	it('escalates an unacknowledged alert to the next role after its minutes, once per step, on the injected clock', async () => {
		clock.set('2026-12-09T03:00:00.000Z'); // 11:00 in Shanghai
		await run('work_center.save', { workCenterId: 'PAINT', name: 'Painting', calendar });
		await run('work_center.set_status', { workCenterId: 'PAINT', status: 'down', reasonCode: 'BREAKDOWN' });
		const [a] = (await alertsOf('work-center-down', 'open')).filter((x) => x.ref.id === 'PAINT');
		clock.advanceMinutes(29);
		await rt.jobs.run(ALERTS_JOB);
		expect((await getAlert(rt.db, a.id))!.alert).toMatchObject({ level: 0, owner: { kind: 'role', id: 'production' } });
		clock.advanceMinutes(1);
		await rt.jobs.run(ALERTS_JOB);
		await rt.jobs.run(ALERTS_JOB);
		expect((await getAlert(rt.db, a.id))!.alert).toMatchObject({ level: 1, owner: { kind: 'role', id: 'manager' } });
		// The manager it reached sees it among their open alerts.
		expect((await openAlerts(rt.db, { owner: { username: 'wang', roles: ['manager'] } })).map((x) => x.id)).toContain(a.id);
		clock.advanceMinutes(30);
		await rt.jobs.run(ALERTS_JOB);
		clock.advanceMinutes(30);
		await rt.jobs.run(ALERTS_JOB);
		const record = (await getAlert(rt.db, a.id))!;
		expect(record.alert).toMatchObject({ level: 2, owner: { kind: 'role', id: 'admin' } });
		expect(record.history.map((h) => [h.action, h.detail.to ?? null])).toEqual([
			['raised', null],
			['escalated', { kind: 'role', id: 'manager' }],
			['escalated', { kind: 'role', id: 'admin' }]
		]);
		// The production role that had it may still act on it.
		await run('alert.acknowledge', { alertId: a.id, comment: 'on it' }, user('li', ['production']));
		expect((await getAlert(rt.db, a.id))!.alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'user:li' });
		clock.advanceMinutes(120);
		await rt.jobs.run(ALERTS_JOB);
		expect((await getAlert(rt.db, a.id))!.history.filter((h) => h.action === 'escalated')).toHaveLength(2);
	});

	it('raises alerts in quiet hours without pushing them', async () => {
		await saveRule('work-center-down', { quietHours: { start: '22:00', end: '07:00' } });
		clock.set('2026-12-09T16:30:00.000Z'); // 00:30 in Shanghai
		await run('work_center.save', { workCenterId: 'CUT', name: 'Cutting', calendar });
		await run('work_center.set_status', { workCenterId: 'CUT', status: 'down', reasonCode: 'BREAKDOWN' });
		const [quiet] = (await alertsOf('work-center-down', 'open')).filter((x) => x.ref.id === 'CUT');
		expect(quiet.quiet).toBe(true);
		const raised = await rt.db.query<{ data: { quiet?: boolean } }>(`select data from events where type = 'alert.raised' and data->>'alertId' = $1`, [quiet.id]);
		expect(raised.rows[0].data.quiet).toBe(true);
		clock.set('2026-12-09T23:30:00.000Z'); // 07:30 in Shanghai
		await run('work_center.save', { workCenterId: 'DRILL', name: 'Drilling', calendar });
		await run('work_center.set_status', { workCenterId: 'DRILL', status: 'down', reasonCode: 'BREAKDOWN' });
		const [loud] = (await alertsOf('work-center-down', 'open')).filter((x) => x.ref.id === 'DRILL');
		expect(loud.quiet).toBe(false);
	});

	it('lets only the owner or an administrator acknowledge and resolve, with a comment', async () => {
		const [a] = (await alertsOf('work-center-down', 'open')).filter((x) => x.ref.id === 'DRILL');
		const sales = await refusal('alert.acknowledge', { alertId: a.id }, user('zhao', ['sales']));
		expect([sales.code, sales.status]).toEqual(['ERR_ALERT_NOT_OWNER', 403]);
		expect((await refusal('alert.resolve', { alertId: a.id, comment: 'x' }, user('zhao', ['sales']))).code).toBe('ERR_ALERT_NOT_OWNER');
		expect(await countOpenAlerts(rt.db, { username: 'li', roles: ['production'] })).toBeGreaterThan(0);
		await run('alert.acknowledge', { alertId: a.id }, user('li', ['production']));
		expect((await refusal('alert.acknowledge', { alertId: a.id }, user('li', ['production']))).details.issues?.[0]).toMatchObject({ code: 'ERR_ALERT_ACKNOWLEDGED', path: 'alertId' });
		await run('alert.resolve', { alertId: a.id, comment: 'spindle replaced' }, user('li', ['production']));
		expect((await getAlert(rt.db, a.id))!.alert).toMatchObject({ status: 'resolved', resolution: 'spindle replaced', resolvedBy: 'user:li', autoResolved: false });
		expect((await refusal('alert.resolve', { alertId: a.id }, systemActor)).details.issues?.[0]).toMatchObject({ code: 'ERR_ALERT_RESOLVED', path: 'alertId' });
		const unknown = await refusal('alert.resolve', { alertId: randomUUID() }, systemActor);
		expect(unknown.details.issues?.[0]).toMatchObject({ code: 'ERR_ALERT_UNKNOWN', path: 'alertId' });
		// An alert owned by a department or a user: its people, nobody else.
		await saveRule('work-center-down', { owner: { kind: 'department', id: 'PLANT-2' } });
		await run('work_center.set_status', { workCenterId: 'PAINT', status: 'up' });
		await run('work_center.set_status', { workCenterId: 'PAINT', status: 'down', reasonCode: 'BREAKDOWN' });
		const [d] = (await alertsOf('work-center-down', 'open')).filter((x) => x.ref.id === 'PAINT');
		expect(d.owner).toEqual({ kind: 'department', id: 'PLANT-2' });
		expect((await refusal('alert.resolve', { alertId: d.id }, user('li', ['production'], 'PLANT-1'))).code).toBe('ERR_ALERT_NOT_OWNER');
		await run('alert.resolve', { alertId: d.id, comment: 'handled' }, user('chen', ['viewer'], 'PLANT-2'));
		expect((await getAlert(rt.db, d.id))!.alert.status).toBe('resolved');
	});

	it('refuses a bad rule naming the field, and writes nothing', async () => {
		const rule = (await listAlertRules(rt.db)).find((r) => r.ruleId === 'capacity-overload')!;
		const before = (await rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
		const cases: [Record<string, unknown>, string][] = [
			[{ params: { thresholdPct: -5, horizonDays: 7 } }, 'params.thresholdPct'],
			[{ params: { thresholdPct: 100 } }, 'params.horizonDays'],
			[{ dedupeKey: '{rule}:{order}' }, 'dedupeKey'],
			[{ severity: 'panic' }, 'severity'],
			[{ owner: { kind: 'role', id: 'boss' } }, 'owner.id'],
			[{ quietHours: { start: '25:00', end: '07:00' } }, 'quietHours.start'],
			[{ escalation: { afterMinutes: 0, chain: ['manager'] } }, 'escalation.afterMinutes'],
			[{ kind: 'weather' }, 'kind']
		];
		for (const [change, path] of cases) {
			const err = await refusal('alert_rule.save', { ...rule, ...change });
			expect([err.code, err.details.issues?.map((i) => i.path)], JSON.stringify(change)).toEqual(['ERR_VALIDATION', [path]]);
		}
		expect((await refusal('alert_rule.save', { ...rule, dedupeKey: '{rule}:{order}' })).details.issues?.[0].code).toBe('ERR_ALERT_PLACEHOLDER');
		expect((await refusal('alert_rule.save', { ...rule, name: { 'zh-CN': 'x', en: 'y' } }, user('li', ['production']))).code).toBe('ERR_FORBIDDEN');
		expect((await rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n).toBe(before);
	});

	it('resolves the open alerts of a rule that is switched off', async () => {
		await run('work_center.set_status', { workCenterId: 'CUT', status: 'up' });
		await run('work_center.set_status', { workCenterId: 'CUT', status: 'down', reasonCode: 'BREAKDOWN' });
		expect((await alertsOf('work-center-down', 'open')).length).toBeGreaterThan(0);
		await saveRule('work-center-down', { active: false });
		expect(await alertsOf('work-center-down', 'open')).toEqual([]);
	});
});

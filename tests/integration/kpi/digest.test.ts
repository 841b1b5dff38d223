// The standup digest from the live data: yesterday's KPIs from the ledger against target, what moved
// since the day before, the open alerts with owners — and the 08:30 job sending it to a channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { execute, systemActor } from '../../../server/commands/command.ts';
import { COMMANDS } from '../../../server/commands/registry.ts';
import { KPI_CLOCK_JOB } from '../../../server/kpi/clock.job.ts';
import { digestData } from '../../../server/kpi/digest.ts';
import { STANDUP_DIGEST_JOB } from '../../../server/alerts/channels/digest.job.ts';
import { startHttpReceiver, type HttpReceiver } from '../channels/receivers.ts';
import { alertsSettled, handClock } from '../alerts/settle.ts';

const TZ = 'Asia/Shanghai';
const clock = handClock('2026-12-05T02:00:00.000Z');
let t: TestRuntime;
let robots: HttpReceiver;

const run = async (name: string, input: unknown) => {
	const out = await execute(t.rt, COMMANDS[name].command, input, systemActor);
	await alertsSettled(t.rt);
	return out;
};

beforeAll(async () => {
	robots = await startHttpReceiver();
	t = await openTestRuntime({ clock, planning: false, alerts: true, env: { LIANDONG_WEBHOOK_HOSTS: robots.host } });
	await run('item.save', { itemId: 'PUMP', name: '水泵 Water pump', kind: 'product', uom: 'pcs', unitCost: 80, makeOrBuy: 'make', leadTimeDays: 3 });
	await run('customer.save', { customerId: 'C-D', name: '一汽配套' });
	await run('stock.adjust', { itemId: 'PUMP', locationId: 'MAIN', qty: 10, reasonCode: 'OPENING' });
	// Due Monday the 7th and never shipped; due Tuesday the 8th and shipped that morning.
	await run('sales_order.create', { orderId: 'SO-D1', customerId: 'C-D', lines: [{ lineId: '10', itemId: 'PUMP', qty: 2, requestedDate: '2026-12-07' }] });
	await run('sales_order.create', { orderId: 'SO-D2', customerId: 'C-D', lines: [{ lineId: '10', itemId: 'PUMP', qty: 3, requestedDate: '2026-12-08' }] });
	clock.set('2026-12-08T02:00:00.000Z');
	await run('shipment.ship', { orderId: 'SO-D2', lineId: '10', qty: 3 });
	// Wednesday the 9th, 08:30 in Shanghai: the KPI clock has counted the line that missed its day.
	clock.set('2026-12-09T00:30:00.000Z');
	await t.rt.jobs.run(KPI_CLOCK_JOB);
	await run('work_center.save', { workCenterId: 'ASSY', name: '装配线 Assembly', calendar: { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: [] } });
	await run('work_center.set_status', { workCenterId: 'ASSY', status: 'down', reasonCode: 'BREAKDOWN' });
}, 60_000);
afterAll(async () => {
	await t?.close();
	await robots?.close();
});

describe(`standup digest (${backendLabel})`, () => {
	it("holds yesterday's KPIs against target, what moved since the day before, and the open alerts", async () => {
		const d = await digestData(t.rt.db, clock.now(), TZ);
		expect(d.date).toBe('2026-12-08');
		// Yesterday the one line due shipped on time; the day before the one due did not.
		expect(d.kpis.find((k) => k.id === 'otd')).toMatchObject({ value: 1, target: 0.95, unit: '%', status: 'ok' });
		expect(d.changes).toContainEqual({ 'zh-CN': '准时交货率：0.0% → 100.0%', en: 'On-time delivery: 0.0% → 100.0%' });
		expect(d.exceptions).toContainEqual(expect.objectContaining({ severity: 'critical', owner: 'production', ref: { kind: 'work_center', id: 'ASSY' } }));
		expect(d.link).toBe('/standup');
	});

	it('is sent by the 08:30 job to a channel that takes the digest, once a day', async () => {
		await run('alert_channel.save', { channelId: 'wecom-leads', kind: 'wecom', url: `${robots.origin}/wecom?key=leads`, digest: true });
		const out = await t.rt.jobs.run(STANDUP_DIGEST_JOB);
		expect(out).toMatchObject({ ran: true, result: { channels: ['wecom-leads'] } });
		const content = JSON.parse(robots.on('/wecom').at(-1)!.body).markdown.content as string;
		expect(content).toContain('站会日报 2026-12-08');
		expect(content).toContain('准时交货率: 100.0% / 目标 95.0%');
		expect(content).toContain('装配线');
		expect(await t.rt.jobs.run(STANDUP_DIGEST_JOB)).toMatchObject({ ran: true, result: { channels: [] } });
	});
});

// From a supplier's delay to the robots, end to end on the runtime: the buyer records that the supplier
// delayed a purchase order line; the alert rules raise an alert; the channels push it to a WeCom group
// robot and a signed DingTalk robot (local receivers standing in for their hosts); nobody acknowledges
// it, and on the injected clock it escalates to the next role, which the robots hear about too.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { execute, systemActor } from '../../../server/commands/command.ts';
import { COMMANDS } from '../../../server/commands/registry.ts';
import type { Runtime } from '../../../server/runtime.ts';
import { ALERTS_JOB } from '../../../server/alerts/evaluate.ts';
import { listAlerts } from '../../../server/alerts/alert.queries.ts';
import { ALERT_DELIVERY_REACTION, ALERT_EVENT_TYPES } from '../../../server/alerts/channels/reaction.ts';
import { reactionSettled } from '../../support/settle.ts';
import { startHttpReceiver, type HttpReceiver } from '../channels/receivers.ts';
import { alertsSettled, handClock } from './settle.ts';

const DING_SECRET = 'SEC-ding-robot-secret';
// Monday 2026-12-07, 10:00 in Shanghai: outside the po-late rule's quiet hours (22:00–07:00).
const clock = handClock('2026-12-07T02:00:00.000Z');
let t: TestRuntime;
let rt: Runtime;
let robots: HttpReceiver;

async function run(name: string, input: unknown) {
	const out = await execute(rt, COMMANDS[name].command, input, systemActor);
	await alertsSettled(rt);
	return out;
}

/** Lets the channels take in the alert events so far and send what they queued. */
async function pushed() {
	await reactionSettled(rt, ALERT_DELIVERY_REACTION, ALERT_EVENT_TYPES);
	await rt.deliveries.drain();
}

beforeAll(async () => {
	robots = await startHttpReceiver();
	t = await openTestRuntime({ clock, planning: false, alerts: true, env: { LIANDONG_WEBHOOK_HOSTS: robots.host, ORIGIN: 'https://liandong.factory.example' } });
	rt = t.rt;
	await execute(rt, COMMANDS['item.save'].command, { itemId: 'CAST-01', name: '卡钳铸件 Caliper casting', kind: 'material', uom: 'pcs', unitCost: 35, makeOrBuy: 'buy', leadTimeDays: 12 }, systemActor);
	await execute(rt, COMMANDS['supplier.save'].command, { supplierId: 'S-FOUNDRY', name: '宁波铸造厂' }, systemActor);
	await execute(rt, COMMANDS['alert_channel.save'].command, { channelId: 'wecom-buyers', kind: 'wecom', url: `${robots.origin}/wecom?key=buyers-robot-key` }, systemActor);
	await execute(rt, COMMANDS['alert_channel.save'].command, { channelId: 'ding-plant', kind: 'dingtalk', url: `${robots.origin}/dingtalk?access_token=plant-token`, secret: DING_SECRET }, systemActor);
}, 60_000);
afterAll(async () => {
	await t?.close();
	await robots?.close();
});

describe(`a delayed purchase order reaches the robots and escalates when ignored (${backendLabel})`, () => {
	it('raises, pushes to WeCom and signed DingTalk, and escalates to the next role', async () => {
		await run('purchase_order.place', { poId: 'PO-CAST', supplierId: 'S-FOUNDRY', lines: [{ lineId: '1', itemId: 'CAST-01', qty: 400, unitPrice: 35, expectedDate: '2026-12-15' }] });
		await run('purchase_order.delay', { poId: 'PO-CAST', lineId: '1', expectedDate: '2026-12-22', reasonCode: 'LOGISTICS' });
		const [alert] = (await listAlerts(rt.db, { status: 'open' })).filter((a) => a.ref.id === 'PO-CAST');
		expect(alert).toMatchObject({ kind: 'po_late', ref: { kind: 'purchase_order', id: 'PO-CAST', lineId: '1' }, link: '/purchasing/orders/PO-CAST' });
		await pushed();

		// WeCom group robot: its own Markdown message, with the record's link.
		const [wecom] = robots.on('/wecom');
		expect(wecom.url.searchParams.get('key')).toBe('buyers-robot-key');
		const w = JSON.parse(wecom.body);
		expect(w.msgtype).toBe('markdown');
		expect(w.markdown.content).toContain('PO-CAST');
		expect(w.markdown.content).toContain('https://liandong.factory.example/purchasing/orders/PO-CAST');

		// DingTalk robot: timestamp and sign in the query, sign = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
		const [ding] = robots.on('/dingtalk');
		const timestamp = ding.url.searchParams.get('timestamp')!;
		expect(ding.url.searchParams.get('access_token')).toBe('plant-token');
		expect(ding.url.searchParams.get('sign')).toBe(createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64'));
		const d = JSON.parse(ding.body);
		expect(d.msgtype).toBe('markdown');
		expect(d.markdown.text).toContain('PO-CAST');
		expect(d.markdown.text).toContain('https://liandong.factory.example/purchasing/orders/PO-CAST');

		// Nobody acknowledges it: after the rule's minutes it goes to the next role, and the robots say so.
		const rule = (await rt.db.query<{ escalation: { afterMinutes: number; chain: string[] } }>(`select escalation from alert_rules where rule_id = 'po-late'`)).rows[0].escalation;
		clock.advanceMinutes(rule.afterMinutes - 1);
		await rt.jobs.run(ALERTS_JOB);
		await pushed();
		expect(robots.on('/wecom')).toHaveLength(1);
		clock.advanceMinutes(1);
		await rt.jobs.run(ALERTS_JOB);
		await pushed();
		const [escalated] = (await listAlerts(rt.db, { status: 'open' })).filter((a) => a.ref.id === 'PO-CAST');
		expect(escalated).toMatchObject({ level: 1, owner: { kind: 'role', id: rule.chain[0] } });
		expect(robots.on('/wecom')).toHaveLength(2);
		expect(robots.on('/dingtalk')).toHaveLength(2);
		expect(JSON.parse(robots.on('/wecom')[1].body).markdown.content).toContain(rule.chain[0]);
	});
});

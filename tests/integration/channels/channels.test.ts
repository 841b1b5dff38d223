// Alert channels end to end: alert_channel.save (hosts, fields, sealed secrets), the delivery reaction
// and worker pushing alerts to local receivers in each service's format (signatures recomputed here),
// retries after a 500 and after an errcode body, the delivery log, the test message and the digest job.
import { createHmac, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { AppError } from '../../../server/errors.ts';
import { validateBatch } from '../../../server/events/validate.ts';
import type { Runtime } from '../../../server/runtime.ts';
import { getChannel, listChannels } from '../../../server/alerts/channels/channel.queries.ts';
import { saveAlertChannel } from '../../../server/alerts/channels/channel.commands.ts';
import { deliverAlert, deliveryLog, sendTestMessage, type DeliveryDeps } from '../../../server/alerts/channels/deliver.ts';
import { ALERT_DELIVERY_REACTION, ALERT_EVENT_TYPES } from '../../../server/alerts/channels/reaction.ts';
import { reactionSettled as settled } from '../../support/settle.ts';
import { standupDigestJob, STANDUP_DIGEST_JOB } from '../../../server/alerts/channels/digest.job.ts';
import type { DigestSource } from '../../../server/alerts/channels/digest.ts';
import type { AlertMessage } from '../../../server/alerts/channels/channel.ts';
import { startJobs } from '../../../server/jobs/scheduler.ts';
import { claimDue, enqueue, settle } from '../../../server/alerts/channels/outbox.ts';
import { startHttpReceiver, startSmtpReceiver, type HttpReceiver, type SmtpReceiver } from './receivers.ts';

const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
const ORIGIN = 'https://erp.example.com';
const DING_SECRET = 'SECdingtalk-0123456789abcdef';
const FEISHU_SECRET = 'feishu-secret-5f3a9c';
const HOOK_SECRET = 'generic-hook-secret-77';
const SECRETS = [DING_SECRET, FEISHU_SECRET, HOOK_SECRET];

let http: HttpReceiver;
let smtp: SmtpReceiver;
let t: TestRuntime;
let rt: Runtime;
const logLines: string[] = [];
/** The runtime's clock: tests move it to let retries fall due. */
const clock = { at: Date.parse('2026-12-07T01:00:00Z'), now: () => new Date(clock.at) };

async function save(input: Record<string, unknown>) {
	// The latest save by business time wins: each save a millisecond after the last.
	clock.at += 1;
	return execute(rt, saveAlertChannel, input, admin);
}

async function refusal(input: Record<string, unknown>): Promise<{ code: string; issues: { path: string; code?: string; params?: Record<string, unknown> }[] }> {
	try {
		await save(input);
	} catch (err) {
		if (err instanceof AppError) return { code: err.code, issues: err.details.issues as never };
		throw err;
	}
	throw new Error('accepted');
}

async function appendAlert(type: 'alert.raised' | 'alert.escalated', data: Record<string, unknown>): Promise<void> {
	const v = validateBatch(rt.catalogue, { events: [{ id: randomUUID(), type, occurredAt: clock.now().toISOString(), source: 'alerts', data }] });
	if (!v.ok) throw new Error(JSON.stringify(v.issues));
	await rt.append(v.events);
	await reactionSettled();
	// The reaction queued in its transaction; the worker sends after that commit.
	await rt.deliveries.drain();
}

/**
 * Once the delivery reaction has taken in every alert event committed so far. On a shared PostgreSQL
 * server an open transaction anywhere holds its cursor back, so one catch-up may not be enough.
 */
async function reactionSettled(): Promise<void> {
	await settled(rt, ALERT_DELIVERY_REACTION, ALERT_EVENT_TYPES);
}

function raised(over: Record<string, unknown> = {}) {
	const alertId = randomUUID();
	// As the alert rules raise it (server/alerts/schemas.ts); the rule's name heads the message.
	return {
		alertId,
		rule: 'po-late',
		kind: 'po_late',
		severity: 'critical',
		ref: { kind: 'purchase_order', id: 'PO-7', lineId: '2' },
		message: { 'zh-CN': '供应商将 PO-7 第 2 行推迟到 2026-12-20', en: 'The supplier moved PO-7 line 2 to 2026-12-20' },
		owner: { kind: 'role', id: 'buyer' },
		link: '/purchasing/orders/PO-7',
		dedupeKey: `po-late:${alertId}`,
		...over
	};
}

beforeAll(async () => {
	http = await startHttpReceiver();
	smtp = await startSmtpReceiver();
	const sink = new Writable({
		write(chunk, _enc, done) {
			logLines.push(String(chunk));
			done();
		}
	});
	t = await openTestRuntime({
		clock,
		log: pino({ level: 'debug' }, sink),
		env: { LIANDONG_WEBHOOK_HOSTS: http.host, LIANDONG_SMTP_URL: smtp.url, LIANDONG_SMTP_FROM: 'Liandong <alerts@factory.example>', ORIGIN }
	});
	rt = t.rt;
	const base = http.origin;
	await save({ channelId: 'wecom-ops', kind: 'wecom', url: `${base}/wecom?key=abc-123-wecom-key`, minSeverity: 'warning' });
	await save({ channelId: 'ding-plant', kind: 'dingtalk', url: `${base}/dingtalk?access_token=tok123`, secret: DING_SECRET, minSeverity: 'warning' });
	await save({ channelId: 'feishu-buyers', kind: 'feishu', url: `${base}/feishu/hook/abc`, secret: FEISHU_SECRET, minSeverity: 'info', locale: 'en' });
	await save({ channelId: 'slack-ops', kind: 'slack', url: `${base}/slack/T000/B000/XXXX`, minSeverity: 'critical', locale: 'en' });
	await save({ channelId: 'hook-mes', kind: 'webhook', url: `${base}/webhook/mes`, secret: HOOK_SECRET, minSeverity: 'warning' });
	await save({ channelId: 'mail-leads', kind: 'email', to: ['lead@factory.example', 'planner@factory.example'], minSeverity: 'critical' });
}, 60_000);

afterAll(async () => {
	await t?.close();
	await http?.close();
	await smtp?.close();
});

describe(`alert channels (${backendLabel})`, () => {
	it('refuses a webhook host outside the robot hosts and LIANDONG_WEBHOOK_HOSTS, naming the field, and writes nothing', async () => {
		const before = await rt.db.query<{ n: number }>(`select count(*)::int as n from events where type = 'alert_channel.saved'`);
		const r = await refusal({ channelId: 'evil', kind: 'webhook', url: 'https://attacker.example.net/collect' });
		expect(r.code).toBe('ERR_VALIDATION');
		expect(r.issues).toEqual([expect.objectContaining({ path: 'url', code: 'ERR_WEBHOOK_HOST', params: { host: 'attacker.example.net' } })]);
		// An allowed host on another port is another host.
		const port = Number(http.host.split(':')[1]) + 1;
		expect((await refusal({ channelId: 'evil', kind: 'dingtalk', url: `http://127.0.0.1:${port}/x` })).issues[0]).toMatchObject({ path: 'url', code: 'ERR_WEBHOOK_HOST' });
		// Official hosts only over https.
		expect((await refusal({ channelId: 'evil', kind: 'wecom', url: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' })).issues[0]).toMatchObject({ path: 'url', code: 'ERR_WEBHOOK_HTTPS' });
		const after = await rt.db.query<{ n: number }>(`select count(*)::int as n from events where type = 'alert_channel.saved'`);
		expect(after.rows[0].n).toBe(before.rows[0].n);
		expect(await getChannel(rt.db, 'evil')).toBeNull();
	});

	it('accepts the official robot hosts over https', async () => {
		await save({ channelId: 'official-wecom', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx', active: false });
		await save({ channelId: 'official-lark', kind: 'feishu', url: 'https://open.larksuite.com/open-apis/bot/v2/hook/xyz', active: false });
		expect((await getChannel(rt.db, 'official-wecom'))?.urlMasked).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=••••7xxx');
	});

	it('names the missing field: url for webhook kinds, to for email', async () => {
		expect((await refusal({ channelId: 'x', kind: 'dingtalk' })).issues).toEqual([expect.objectContaining({ path: 'url', code: 'ERR_REQUIRED' })]);
		expect((await refusal({ channelId: 'x', kind: 'email' })).issues).toEqual([expect.objectContaining({ path: 'to', code: 'ERR_REQUIRED' })]);
		expect((await refusal({ channelId: 'x', kind: 'email', to: ['not-an-address'] })).issues).toEqual([expect.objectContaining({ path: 'to.0', code: 'ERR_INVALID_FORMAT' })]);
		expect((await refusal({ channelId: 'x', kind: 'slack', url: 'ftp://hooks.slack.com/x' })).issues[0]).toMatchObject({ path: 'url', code: 'ERR_WEBHOOK_URL' });
		expect((await refusal({ channelId: 'x', kind: 'sms', url: 'https://hooks.slack.com/x' })).issues[0]).toMatchObject({ path: 'kind' });
	});

	it('keeps secrets out of events, reads and logs: only sealed, and reads say secretSet', async () => {
		const events = await rt.db.query<{ data: string }>(`select data::text as data from events where type = 'alert_channel.saved'`);
		expect(events.rows.length).toBeGreaterThan(5);
		const all = events.rows.map((r) => r.data).join('\n');
		for (const s of SECRETS) expect(all).not.toContain(s);
		expect(all).toMatch(/"secretSealed": ?"v1\./);
		const list = await listChannels(rt.db);
		expect(list.find((c) => c.channelId === 'ding-plant')).toMatchObject({ kind: 'dingtalk', secretSet: true, minSeverity: 'warning', active: true });
		expect(list.find((c) => c.channelId === 'wecom-ops')).toMatchObject({ secretSet: false, urlMasked: expect.stringContaining('key=••••-key') });
		const read = JSON.stringify(list);
		for (const s of SECRETS) expect(read).not.toContain(s);
		expect(read).not.toContain('secretSealed');
		expect(read).not.toContain('abc-123-wecom-key');
		// A save without `secret` keeps the one set; null removes it.
		await save({ channelId: 'ding-plant', kind: 'dingtalk', url: `${http.origin}/dingtalk?access_token=tok123`, minSeverity: 'warning' });
		expect((await getChannel(rt.db, 'ding-plant'))?.secretSet).toBe(true);
		await save({ channelId: 'tmp', kind: 'webhook', url: `${http.origin}/webhook/tmp`, secret: 'to-be-removed', active: false });
		await save({ channelId: 'tmp', kind: 'webhook', url: `${http.origin}/webhook/tmp`, secret: null, active: false });
		expect((await getChannel(rt.db, 'tmp'))?.secretSet).toBe(false);
	});

	it('pushes a critical alert to every active channel it reaches, each in its own format, signed, linking back to the record', async () => {
		const before = http.requests.length;
		const mailsBefore = smtp.mails.length;
		const data = raised();
		await appendAlert('alert.raised', data);
		const got = http.requests.slice(before);
		const paths = got.map((r) => r.path.split('/')[1]).sort();
		expect(paths).toEqual(['dingtalk', 'feishu', 'slack', 'webhook', 'wecom']);

		const wecom = got.find((r) => r.path === '/wecom')!;
		const wb = JSON.parse(wecom.body);
		expect(wb.msgtype).toBe('markdown');
		expect(wb.markdown.content).toContain('严重');
		expect(wb.markdown.content).toContain('采购订单 PO-7 行 2');
		expect(wb.markdown.content).toContain(`(${ORIGIN}/purchasing/orders/PO-7)`);
		expect(wecom.url.searchParams.get('key')).toBe('abc-123-wecom-key');

		const ding = got.find((r) => r.path === '/dingtalk')!;
		const ts = ding.url.searchParams.get('timestamp')!;
		expect(ts).toBe(String(clock.at));
		const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
		expect(ding.url.searchParams.get('sign')).toBe(expected);
		// URL-encoded in the query as sent: "+", "/" and "=" escaped.
		expect(ding.url.search).toContain(`sign=${encodeURIComponent(expected)}`);
		expect(ding.url.searchParams.get('access_token')).toBe('tok123');
		const db = JSON.parse(ding.body);
		expect(db).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('采购单逾期或供应商延期') } });
		expect(db.markdown.text).toContain(`${ORIGIN}/purchasing/orders/PO-7`);

		const feishu = JSON.parse(got.find((r) => r.path.startsWith('/feishu'))!.body);
		expect(feishu.msg_type).toBe('interactive');
		expect(feishu.timestamp).toBe(String(Math.floor(clock.at / 1000)));
		expect(feishu.sign).toBe(createHmac('sha256', `${feishu.timestamp}\n${FEISHU_SECRET}`).update('').digest('base64'));
		expect(feishu.card.header.title.content).toBe('[Critical] Purchase order late or delayed by the supplier');
		expect(feishu.card.header.template).toBe('red');
		expect(JSON.stringify(feishu.card.elements)).toContain(`${ORIGIN}/purchasing/orders/PO-7`);

		const slack = JSON.parse(got.find((r) => r.path.startsWith('/slack'))!.body);
		expect(slack.text).toContain('[Critical] Purchase order late');
		expect(slack.text).toContain('Purchase order PO-7, line 2');
		expect(slack.blocks.at(-1).elements[0].url).toBe(`${ORIGIN}/purchasing/orders/PO-7`);

		const hook = got.find((r) => r.path === '/webhook/mes')!;
		const hb = JSON.parse(hook.body);
		expect(hb).toMatchObject({ type: 'alert', severity: 'critical', link: `${ORIGIN}/purchasing/orders/PO-7`, alert: { alertId: data.alertId, rule: 'po-late', ref: data.ref } });
		const sig = createHmac('sha256', HOOK_SECRET).update(`${hook.headers['x-liandong-timestamp']}.${hook.body}`).digest('hex');
		expect(hook.headers['x-liandong-signature']).toBe(`sha256=${sig}`);

		// Email over a real SMTP socket.
		expect(smtp.mails.length).toBe(mailsBefore + 1);
		const mail = smtp.mails.at(-1)!;
		expect(mail.from).toBe('alerts@factory.example');
		expect(mail.to.sort()).toEqual(['lead@factory.example', 'planner@factory.example']);
		expect(mail.data).toMatch(/^Subject: /m);
		expect(mail.data).toContain('text/html');
		expect(mail.data).toContain('PO-7');

		const log = await deliveryLog(rt.db, { alertId: data.alertId });
		expect(log.map((l) => `${l.channelId}:${l.status}`).sort()).toEqual(['ding-plant:sent', 'feishu-buyers:sent', 'hook-mes:sent', 'mail-leads:sent', 'slack-ops:sent', 'wecom-ops:sent']);
		expect(log.find((l) => l.channelId === 'wecom-ops')?.httpStatus).toBe(200);

		// Nothing goes out twice: the reaction and worker run again and send nothing more.
		const n = http.requests.length;
		await reactionSettled();
		await rt.deliveries.drain();
		expect(http.requests.length).toBe(n);
	});

	it('sends an info alert only to channels whose threshold is info', async () => {
		const before = http.requests.length;
		await appendAlert('alert.raised', raised({ severity: 'info', rule: 'kpi_threshold', ref: { kind: 'kpi', id: 'otd' } }));
		expect(http.requests.slice(before).map((r) => r.path)).toEqual(['/feishu/hook/abc']);
	});

	it('pushes an escalation worded as the alert it escalates, and holds a suppressed raise back', async () => {
		const data = raised({ severity: 'warning', quiet: true });
		const before = http.requests.length;
		await appendAlert('alert.raised', data);
		expect(http.requests.length).toBe(before);
		expect((await deliveryLog(rt.db, { alertId: data.alertId })).every((l) => l.status === 'suppressed')).toBe(true);
		await appendAlert('alert.escalated', { alertId: data.alertId, to: { kind: 'role', id: 'manager' }, level: 1 });
		const wecom = http.requests.slice(before).find((r) => r.path === '/wecom')!;
		expect(JSON.parse(wecom.body).markdown.content).toContain('已升级至 manager（第 1 级）');
	});

	it('retries after a 500 and after an errcode body, with backoff, and gives up after the last try', async () => {
		const deps: DeliveryDeps = { db: rt.db, clock, log: rt.log, config: rt.config };
		http.script('/wecom', [{ status: 500, body: 'boom' }]);
		http.script('/dingtalk', [
			{ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' },
			{ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' }
		]);
		http.script('/webhook/mes', [500, 502, 503, 504].map((status) => ({ status, body: 'down' })));
		const message: AlertMessage = {
			alertId: 'AL-retry',
			rule: 'wc_down',
			severity: 'critical',
			status: 'open',
			ref: { kind: 'work_center', id: 'WC-1' },
			title: { 'zh-CN': '工作中心停机', en: 'Work centre down' },
			message: { 'zh-CN': 'WC-1 停机', en: 'WC-1 is down' },
			link: '/production/work-centers/WC-1',
			raisedAt: clock.now().toISOString()
		};
		const first = await deliverAlert(deps, message, { channelIds: ['wecom-ops', 'ding-plant', 'hook-mes'] });
		expect(first.channels).toEqual(['ding-plant', 'hook-mes', 'wecom-ops']);
		expect(first.result).toMatchObject({ sent: 0, retrying: 3 });
		expect(first.result.next?.getTime()).toBe(clock.at + 1000);
		// Not due yet: nothing is sent again.
		expect((await rt.deliveries.drain()).sent).toBe(0);
		clock.at += 1000;
		const second = await rt.deliveries.drain();
		expect(second).toMatchObject({ sent: 1, retrying: 2 });
		clock.at += 5000;
		expect(await rt.deliveries.drain()).toMatchObject({ sent: 1, retrying: 1 });
		clock.at += 30_000;
		expect(await rt.deliveries.drain()).toMatchObject({ sent: 0, failed: 1 });
		const log = await deliveryLog(rt.db, { alertId: 'AL-retry' });
		const by = (c: string) => log.filter((l) => l.channelId === c).map((l) => `${l.attempt}:${l.status}:${l.httpStatus}`);
		expect(by('wecom-ops')).toEqual(['1:error:500', '2:sent:200']);
		expect(by('ding-plant')).toEqual(['1:error:200', '2:error:200', '3:sent:200']);
		expect(log.find((l) => l.channelId === 'ding-plant')?.error).toContain('errcode 310000');
		expect(by('hook-mes')).toEqual(['1:error:500', '2:error:502', '3:error:503', '4:failed:504']);
	});

	it('takes over a delivery whose worker died after claiming it, once its lease ran out', async () => {
		const message = { ...raised(), owner: 'buyer', title: { 'zh-CN': '采购单逾期', en: 'PO late' }, alertId: 'AL-crash', status: 'open', raisedAt: clock.now().toISOString() } as unknown as AlertMessage;
		await rt.db.transaction((tx) => enqueue(tx, { sourceKey: 'crash-test', alertId: 'AL-crash', message: { type: 'alert', alert: message }, severity: 'critical', channelIds: ['wecom-ops'] }));
		// A worker claims it and dies before sending.
		const [claimed] = await claimDue(rt.db, clock.now(), 120_000, 20);
		expect(claimed).toMatchObject({ alertId: 'AL-crash', channelId: 'wecom-ops', attempts: 1 });
		const before = http.on('/wecom').length;
		expect((await rt.deliveries.drain()).sent).toBe(0);
		clock.at += 120_001;
		expect((await rt.deliveries.drain()).sent).toBe(1);
		expect(http.on('/wecom').length).toBe(before + 1);
		// The dead worker's late settlement no longer counts.
		expect(await settle(rt.db, claimed, { status: 'sent' }, clock.now())).toBe(false);
		expect((await deliveryLog(rt.db, { alertId: 'AL-crash' })).map((l) => `${l.attempt}:${l.status}`)).toEqual(['2:sent']);
	});

	it('sends a test message to one channel and logs it', async () => {
		const before = http.requests.length;
		const out = await sendTestMessage({ db: rt.db, clock, log: rt.log, config: rt.config }, 'ding-plant');
		expect(out).toMatchObject({ ok: true, httpStatus: 200 });
		const req = http.requests.slice(before);
		expect(req.map((r) => r.path)).toEqual(['/dingtalk']);
		expect(req[0].url.searchParams.get('sign')).toBe(createHmac('sha256', DING_SECRET).update(`${req[0].url.searchParams.get('timestamp')}\n${DING_SECRET}`).digest('base64'));
		expect(await deliveryLog(rt.db, { alertId: 'test:ding-plant' })).toEqual([expect.objectContaining({ status: 'sent', httpStatus: 200 })]);
		expect(await sendTestMessage({ db: rt.db, clock, log: rt.log, config: rt.config }, 'no-such')).toBeNull();
	});

	it('sends the standup digest once a day to every active channel taking it', async () => {
		const source: DigestSource = async (_q, now) => ({
			date: new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10),
			kpis: [
				{ id: 'otd', name: { 'zh-CN': '准时交货率', en: 'On-time delivery' }, value: 0.92, target: 0.95, unit: '%' },
				{ id: 'wip', name: { 'zh-CN': '在制品', en: 'WIP' }, value: 120, target: 150, unit: 'pcs', direction: 'lower' }
			],
			changes: [{ 'zh-CN': '新增 3 个销售订单', en: '3 new sales orders' }],
			exceptions: [{ title: { 'zh-CN': 'PO-7 延迟', en: 'PO-7 late' }, severity: 'critical', owner: '张伟', ref: { kind: 'purchase_order', id: 'PO-7' } }]
		});
		await save({ channelId: 'slack-ops', kind: 'slack', url: `${http.origin}/slack/T000/B000/XXXX`, minSeverity: 'critical', locale: 'en', digest: false });
		const jobs = startJobs({ db: rt.db, clock, log: rt.log, locks: rt.locks, timeZone: rt.config.timeZone }, [standupDigestJob({ source, at: rt.config.standupTime, drain: () => rt.deliveries.drain() })], { schedule: false });
		try {
			const before = http.requests.length;
			const mails = smtp.mails.length;
			const out = await jobs.run(STANDUP_DIGEST_JOB);
			expect(out).toMatchObject({ ran: true, result: { channels: ['ding-plant', 'feishu-buyers', 'hook-mes', 'mail-leads', 'wecom-ops'] } });
			const got = http.requests.slice(before);
			expect(got.map((r) => r.path.split('/')[1]).sort()).toEqual(['dingtalk', 'feishu', 'webhook', 'wecom']);
			const wecom = JSON.parse(got.find((r) => r.path === '/wecom')!.body).markdown.content as string;
			expect(wecom).toContain('站会日报');
			expect(wecom).toContain('准时交货率: 92.0% / 目标 95.0% ✗ 未达标');
			expect(wecom).toContain('新增 3 个销售订单');
			expect(wecom).toContain('负责人: 张伟');
			expect(wecom).toContain(`${ORIGIN}/standup`);
			const feishu = JSON.stringify(JSON.parse(got.find((r) => r.path.startsWith('/feishu'))!.body));
			expect(feishu).toContain('On-time delivery: 92.0% / target 95.0%');
			expect(smtp.mails.length).toBe(mails + 1);
			// A second run the same day queues nothing.
			const again = await jobs.run(STANDUP_DIGEST_JOB);
			expect(again).toMatchObject({ ran: true, result: { channels: [] } });
		} finally {
			await jobs.stop();
		}
	});

	it('never wrote a secret to the log', () => {
		const text = logLines.join('');
		expect(text.length).toBeGreaterThan(0);
		for (const s of [...SECRETS, 'to-be-removed']) expect(text).not.toContain(s);
	});
});

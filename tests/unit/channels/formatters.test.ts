// Formatters and rules of alert channels, pure: each service's payload, its signature recomputed
// independently, the host rules, the digest's wording, sealing.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkTarget, maskUrl, atOrAbove, type AlertMessage } from '../../../server/alerts/channels/channel.ts';
import { alertNotice } from '../../../server/alerts/channels/notice.ts';
import { format } from '../../../server/alerts/channels/formatters/index.ts';
import { wecomPayload } from '../../../server/alerts/channels/formatters/wecom.ts';
import { feishuPayload } from '../../../server/alerts/channels/formatters/feishu.ts';
import { bodyVerdict } from '../../../server/alerts/channels/send.ts';
import { digestNotice, onTarget, type DigestData } from '../../../server/alerts/channels/digest.ts';
import { dailyAt } from '../../../server/alerts/channels/digest.job.ts';
import { keyFrom, seal, unseal, UnsealError } from '../../../server/alerts/channels/secrets.ts';

const alert: AlertMessage = {
	alertId: 'AL-1',
	rule: 'shortage',
	severity: 'warning',
	status: 'open',
	ref: { kind: 'sales_order', id: 'SO-9', lineId: '1' },
	title: { 'zh-CN': '缺料', en: 'Shortage' },
	message: { 'zh-CN': 'M-100 在 12-10 前缺 40 件', en: 'M-100 is 40 short before 12-10' },
	owner: 'planner',
	link: 'https://erp.example.com/sales/SO-9',
	raisedAt: '2026-12-07T01:30:00.000Z'
};
const now = new Date('2026-12-07T02:00:00.000Z');

describe('formatters', () => {
	it('writes a WeCom markdown message with severity, record, owner and link; text on request', () => {
		const n = alertNotice(alert, 'zh-CN', 'Asia/Shanghai');
		const p = wecomPayload(n) as { msgtype: string; markdown: { content: string } };
		expect(p.msgtype).toBe('markdown');
		expect(p.markdown.content).toContain('### [警告] 缺料');
		expect(p.markdown.content).toContain('<font color="warning">警告</font>');
		expect(p.markdown.content).toContain('销售订单 SO-9 行 1');
		expect(p.markdown.content).toContain('**负责人**: planner');
		expect(p.markdown.content).toContain('2026-12-07 09:30');
		expect(p.markdown.content).toContain('[查看记录](https://erp.example.com/sales/SO-9)');
		const text = wecomPayload(n, 'text') as { msgtype: string; text: { content: string } };
		expect(text.msgtype).toBe('text');
		expect(text.text.content).toContain('查看记录: https://erp.example.com/sales/SO-9');
	});

	it('keeps a WeCom message within 4096 bytes', () => {
		const long = { ...alert, message: { 'zh-CN': '缺'.repeat(5000), en: 'x' } };
		const p = wecomPayload(alertNotice(long, 'zh-CN', 'Asia/Shanghai')) as { markdown: { content: string } };
		expect(Buffer.byteLength(p.markdown.content)).toBeLessThanOrEqual(4096);
	});

	it('signs DingTalk in the query: timestamp in ms, sign = URL-encoded Base64 HMAC-SHA256(secret, ts\\nsecret)', () => {
		const out = format({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=T', to: [], secret: 'SEC123' }, alertNotice(alert, 'zh-CN', 'UTC'), now);
		if (out.via !== 'http') throw new Error('http expected');
		const u = new URL(out.http.url);
		expect(u.searchParams.get('access_token')).toBe('T');
		expect(u.searchParams.get('timestamp')).toBe(String(now.getTime()));
		const sign = createHmac('sha256', 'SEC123').update(`${now.getTime()}\nSEC123`).digest('base64');
		expect(u.searchParams.get('sign')).toBe(sign);
		expect(out.http.url.endsWith(`&sign=${encodeURIComponent(sign)}`)).toBe(true);
		const body = JSON.parse(out.http.body);
		expect(body).toMatchObject({ msgtype: 'markdown', markdown: { title: '[警告] 缺料' } });
	});

	it('leaves DingTalk unsigned without a secret', () => {
		const out = format({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=T', to: [], secret: null }, alertNotice(alert, 'zh-CN', 'UTC'), now);
		expect(out.via === 'http' && new URL(out.http.url).searchParams.has('sign')).toBe(false);
	});

	it('signs Feishu/Lark in the body: timestamp in s, sign = Base64 HMAC-SHA256(key ts\\nsecret, "")', () => {
		const out = format({ kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', to: [], secret: 'fs' }, alertNotice(alert, 'en', 'UTC'), now);
		if (out.via !== 'http') throw new Error('http expected');
		const body = JSON.parse(out.http.body);
		const ts = Math.floor(now.getTime() / 1000);
		expect(body.timestamp).toBe(String(ts));
		expect(body.sign).toBe(createHmac('sha256', `${ts}\nfs`).update('').digest('base64'));
		expect(body.msg_type).toBe('interactive');
		expect(body.card.header).toEqual({ title: { tag: 'plain_text', content: '[Warning] Shortage' }, template: 'orange' });
		expect(feishuPayload(alertNotice(alert, 'en', 'UTC'), 'text')).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining('Sales order SO-9, line 1') } });
	});

	it('writes Slack text with blocks and a button to the record, escaping <>&', () => {
		const a = { ...alert, message: { ...alert.message, en: 'A <b> & C' } };
		const out = format({ kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X', to: [], secret: null }, alertNotice(a, 'en', 'UTC'), now);
		if (out.via !== 'http') throw new Error('http expected');
		const body = JSON.parse(out.http.body);
		expect(body.text).toContain('[Warning] Shortage');
		expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '[Warning] Shortage', emoji: true } });
		expect(body.blocks[1].text.text).toContain('A &lt;b&gt; &amp; C');
		expect(body.blocks[2].elements[0].url).toBe('https://erp.example.com/sales/SO-9');
	});

	it('writes an email with subject, text and escaped HTML', () => {
		const a = { ...alert, message: { ...alert.message, en: '<script>x</script>' } };
		const out = format({ kind: 'email', url: null, to: ['a@b.example'], secret: null }, alertNotice(a, 'en', 'UTC'), now);
		if (out.via !== 'email') throw new Error('email expected');
		expect(out.email.subject).toBe('[Warning] Shortage');
		expect(out.email.text).toContain('Open the record: https://erp.example.com/sales/SO-9');
		expect(out.email.html).toContain('&lt;script&gt;');
		expect(out.email.html).not.toContain('<script>');
		expect(out.email.html).toContain('href="https://erp.example.com/sales/SO-9"');
	});

	it('reads the robots\' refusals in a 200 body', () => {
		expect(bodyVerdict('{"errcode":0,"errmsg":"ok"}')).toBeNull();
		expect(bodyVerdict('{"code":0,"msg":"success"}')).toBeNull();
		expect(bodyVerdict('{"errcode":93000,"errmsg":"invalid webhook url"}')).toBe('errcode 93000: invalid webhook url');
		expect(bodyVerdict('{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}')).toContain('code 19021');
		expect(bodyVerdict('ok')).toBeNull();
	});
});

describe('channel rules', () => {
	it('allows https to the official robot hosts and the configured hosts (http too for those)', () => {
		expect(checkTarget('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', [])).toBeNull();
		expect(checkTarget('https://oapi.dingtalk.com/robot/send?access_token=t', [])).toBeNull();
		expect(checkTarget('https://open.feishu.cn/open-apis/bot/v2/hook/x', [])).toBeNull();
		expect(checkTarget('https://open.larksuite.com/open-apis/bot/v2/hook/x', [])).toBeNull();
		expect(checkTarget('https://hooks.slack.com/services/T/B/X', [])).toBeNull();
		expect(checkTarget('http://hooks.slack.com/services/T/B/X', [])).toEqual({ code: 'ERR_WEBHOOK_HTTPS', host: 'hooks.slack.com' });
		expect(checkTarget('https://hooks.slack.com.evil.example/x', [])).toEqual({ code: 'ERR_WEBHOOK_HOST', host: 'hooks.slack.com.evil.example' });
		expect(checkTarget('https://qyapi.weixin.qq.com:8443/x', [])).toEqual({ code: 'ERR_WEBHOOK_HOST', host: 'qyapi.weixin.qq.com:8443' });
		expect(checkTarget('http://mes.local:8080/hook', ['mes.local:8080'])).toBeNull();
		expect(checkTarget('http://mes.local:8081/hook', ['mes.local:8080'])).toEqual({ code: 'ERR_WEBHOOK_HOST', host: 'mes.local:8081' });
		expect(checkTarget('https://mes.local/hook', ['mes.local'])).toBeNull();
		expect(checkTarget('https://mes.local/hook', ['mes.local:443'])).toBeNull();
		expect(checkTarget('https://user:pw@hooks.slack.com/x', [])).toEqual({ code: 'ERR_WEBHOOK_URL' });
		expect(checkTarget('file:///etc/passwd', [])).toEqual({ code: 'ERR_WEBHOOK_URL' });
	});

	it('orders severities info < warning < critical', () => {
		expect(atOrAbove('critical', 'warning')).toBe(true);
		expect(atOrAbove('warning', 'warning')).toBe(true);
		expect(atOrAbove('info', 'warning')).toBe(false);
	});

	it('hides robot keys in lists', () => {
		expect(maskUrl('https://hooks.slack.com/services/T0001/B0002/abcdefghijkl')).toBe('https://hooks.slack.com/services/••••0001/••••0002/••••ijkl');
		expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=0123456789')).toBe('https://oapi.dingtalk.com/robot/send?access_token=••••6789');
	});

	it('seals and opens a secret with its key, and says so when the key changed', () => {
		const k = keyFrom('11'.repeat(32));
		const sealed = seal('SECabc', k);
		expect(sealed).not.toContain('SECabc');
		expect(unseal(sealed, k)).toBe('SECabc');
		expect(seal('SECabc', k)).not.toBe(sealed);
		expect(() => unseal(sealed, keyFrom('22'.repeat(32)))).toThrow(UnsealError);
		const tampered = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
		expect(() => unseal(tampered, k)).toThrow(UnsealError);
	});
});

describe('standup digest', () => {
	const d: DigestData = {
		date: '2026-12-06',
		kpis: [
			{ id: 'otd', name: { 'zh-CN': '准时交货率', en: 'On-time delivery' }, value: 0.971, target: 0.95, unit: '%' },
			{ id: 'dos', name: { 'zh-CN': '库存天数', en: 'Days of supply' }, value: 21, target: 15, unit: 'd', direction: 'lower' },
			{ id: 'oee', name: { 'zh-CN': 'OEE', en: 'OEE' }, value: null, target: 0.8, unit: '%' }
		],
		changes: [{ 'zh-CN': 'PO-7 交期推迟 5 天', en: 'PO-7 moved 5 days later' }],
		exceptions: [
			{ title: { 'zh-CN': '产能超负荷', en: 'Capacity overload' }, severity: 'warning', ref: { kind: 'work_center', id: 'WC-2' } },
			{ title: { 'zh-CN': 'M-100 缺料', en: 'M-100 short' }, severity: 'critical', owner: '李娜' }
		]
	};

	it('states each KPI against its target, what changed, and exceptions with owners, most severe first', () => {
		const n = digestNotice(d, 'zh-CN', 'https://erp.example.com');
		expect(n.title).toBe('站会日报 2026-12-06');
		expect(n.severity).toBe('critical');
		expect(n.lines).toEqual(['3 项指标中 1 项未达标；2 个异常待处理。']);
		expect(n.sections[0].items).toEqual(['准时交货率: 97.1% / 目标 95.0% ✓ 达标', '库存天数: 21 d / 目标 15 d ✗ 未达标', 'OEE: 无数据 / 目标 80.0%']);
		expect(n.sections[1].items).toEqual(['PO-7 交期推迟 5 天']);
		expect(n.sections[2].items).toEqual(['[严重] M-100 缺料 — 负责人: 李娜', '[警告] 产能超负荷 (工作中心 WC-2) — 负责人: 未指派']);
		expect(n.link?.url).toBe('https://erp.example.com/standup');
		const en = digestNotice({ ...d, exceptions: [], changes: [] }, 'en', 'https://erp.example.com');
		expect(en.lines).toEqual(['1 of 3 KPIs off target; 0 open exceptions.']);
		expect(en.sections[2].items).toEqual(['none']);
	});

	it('judges a KPI by its own status first', () => {
		expect(onTarget({ id: 'x', name: { 'zh-CN': 'x', en: 'x' }, value: 0.5, target: 0.9, status: 'ok' })).toBe(true);
		expect(onTarget({ id: 'x', name: { 'zh-CN': 'x', en: 'x' }, value: 0.5 })).toBeNull();
	});

	it('runs at the configured time', () => {
		expect(dailyAt('08:30')).toBe('30 8 * * *');
		expect(dailyAt('07:05')).toBe('5 7 * * *');
	});
});

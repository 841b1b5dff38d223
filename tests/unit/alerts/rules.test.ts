import { describe, expect, it } from 'vitest';
import { dedupeKeyOf, escalation, inQuietHours, linkOf, owns, reconcile, DEFAULT_ALERT_RULES, type OpenAlert, type Trigger } from '../../../server/alerts/rules.ts';
import { firstOverload } from '../../../server/alerts/capacity-load.ts';
import { dailyLoad } from '../../../server/planning/capacity.ts';
import { alertRuleSchema, ALERT_KINDS, type AlertRule } from '../../../server/alerts/schemas.ts';

const TZ = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const rule = (over: Partial<AlertRule> = {}): AlertRule => ({ ...DEFAULT_ALERT_RULES.find((r) => r.kind === 'po_late')!, quietHours: null, ...over }) as AlertRule;
const trigger = (id: string, lineId?: string): Trigger => ({ ref: { kind: 'purchase_order', id, ...(lineId ? { lineId } : {}) }, message: { 'zh-CN': id, en: id } });
const open = (over: Partial<OpenAlert>): OpenAlert => ({ alertId: 'a1', ruleId: 'po-late', dedupeKey: 'po-late:purchase_order:PO-1:1', status: 'open', level: 0, ownerKind: 'role', ownerId: 'purchasing', since: at('2026-12-07T10:00:00'), ...over });
let n = 0;
const ctx = (now = at('2026-12-07T10:00:00')) => ({ now, timeZone: TZ, newId: () => `id-${++n}` });

describe('reconcile', () => {
	it('raises one alert per key for triggers without an open alert, with the rule’s severity, owner and the record link', () => {
		const out = reconcile(rule(), [trigger('PO-1', '1'), trigger('PO-1', '1'), trigger('PO-2', '1')], [], ctx());
		expect(out.map((d) => d.type)).toEqual(['alert.raised', 'alert.raised']);
		expect(out[0].data).toMatchObject({ rule: 'po-late', kind: 'po_late', severity: 'warning', owner: { kind: 'role', id: 'purchasing' }, link: '/purchasing/orders/PO-1', dedupeKey: 'po-late:purchase_order:PO-1:1' });
		expect(out[0].data).not.toHaveProperty('quiet');
	});

	it('raises nothing for a key already open, and resolves open alerts whose trigger has gone', () => {
		const out = reconcile(rule(), [trigger('PO-1', '1')], [open({}), open({ alertId: 'a2', dedupeKey: 'po-late:purchase_order:PO-9:1' }), open({ alertId: 'a3', ruleId: 'other', dedupeKey: 'x' })], ctx());
		expect(out).toEqual([{ type: 'alert.resolved', data: { alertId: 'a2', auto: true } }]);
	});

	it('follows the dedupe pattern: one alert per order when the pattern leaves the line out', () => {
		const out = reconcile(rule({ dedupeKey: '{rule}:{id}' }), [trigger('PO-1', '1'), trigger('PO-1', '2')], [], ctx());
		expect(out.map((d) => (d.data as Record<string, unknown>).dedupeKey)).toEqual(['po-late:PO-1']);
	});

	it('resolves everything of an inactive rule and raises nothing', () => {
		expect(reconcile(rule({ active: false }), [trigger('PO-1', '1')], [open({})], ctx())).toEqual([{ type: 'alert.resolved', data: { alertId: 'a1', auto: true } }]);
	});

	it('marks alerts raised in quiet hours', () => {
		const quiet = rule({ quietHours: { start: '22:00', end: '07:00' } });
		expect((reconcile(quiet, [trigger('PO-1')], [], ctx(at('2026-12-07T23:15:00')))[0].data as Record<string, unknown>).quiet).toBe(true);
		expect(reconcile(quiet, [trigger('PO-1')], [], ctx(at('2026-12-07T07:00:00')))[0].data).not.toHaveProperty('quiet');
	});
});

describe('quiet hours', () => {
	it('hold from start (inclusive) to end (exclusive), wrapping midnight, in the factory time zone', () => {
		const q = { start: '22:00', end: '07:00' };
		expect([at('2026-12-07T21:59:00'), at('2026-12-07T22:00:00'), at('2026-12-08T03:00:00'), at('2026-12-08T06:59:00'), at('2026-12-08T07:00:00')].map((d) => inQuietHours(q, d, TZ))).toEqual([false, true, true, true, false]);
		expect(inQuietHours({ start: '12:00', end: '13:00' }, at('2026-12-07T12:30:00'), TZ)).toBe(true);
		expect(inQuietHours({ start: '12:00', end: '13:00' }, at('2026-12-07T12:30:00'), 'Europe/Berlin')).toBe(false);
		expect(inQuietHours(null, at('2026-12-07T12:30:00'), TZ)).toBe(false);
	});
});

describe('escalation', () => {
	const r = rule({ escalation: { afterMinutes: 30, chain: ['manager', 'admin'] } });
	it('waits its minutes, then goes to the next role of the chain, one level at a time', () => {
		expect(escalation(r, open({}), at('2026-12-07T10:29:59'), TZ)).toBeNull();
		expect(escalation(r, open({}), at('2026-12-07T10:30:00'), TZ)).toEqual({ type: 'alert.escalated', data: { alertId: 'a1', to: { kind: 'role', id: 'manager' }, level: 1 } });
		expect(escalation(r, open({ level: 1, ownerId: 'manager' }), at('2026-12-07T11:00:00'), TZ)?.data).toMatchObject({ to: { id: 'admin' }, level: 2 });
		expect(escalation(r, open({ level: 2, ownerId: 'admin' }), at('2026-12-08T10:00:00'), TZ)).toBeNull();
	});
	it('skips a role that already owns it, and never escalates an acknowledged alert or a rule without escalation', () => {
		expect(escalation(r, open({ ownerId: 'manager' }), at('2026-12-07T11:00:00'), TZ)?.data).toMatchObject({ to: { id: 'admin' }, level: 2 });
		expect(escalation(r, open({ status: 'acknowledged' }), at('2026-12-08T10:00:00'), TZ)).toBeNull();
		expect(escalation(rule({ escalation: null }), open({}), at('2026-12-08T10:00:00'), TZ)).toBeNull();
	});
});

describe('owners, keys and links', () => {
	it('tells who owns an alert by role, department or username', () => {
		const li = { username: 'li', roles: ['production'], department: 'PLANT-1' };
		expect([owns(li, { kind: 'role', id: 'production' }), owns(li, { kind: 'role', id: 'sales' }), owns(li, { kind: 'department', id: 'PLANT-1' }), owns(li, { kind: 'user', id: 'li' }), owns(li, { kind: 'user', id: 'wang' }), owns({ roles: [] }, { kind: 'department', id: 'PLANT-1' })]).toEqual([true, false, true, true, false, false]);
	});
	it('fills the dedupe pattern and links each record kind to its page', () => {
		expect(dedupeKeyOf('{rule}/{kind}/{id}/{lineId}', 'r', { kind: 'sales_order', id: 'SO 1' })).toBe('r/sales_order/SO 1/');
		expect(linkOf({ kind: 'sales_order', id: 'SO 1', lineId: '10' })).toBe('/sales/SO%201');
		expect(linkOf({ kind: 'kpi', id: 'otd' })).toBe('/standup#kpi-otd');
	});
});

describe('rule schema', () => {
	it('accepts every default rule, one per kind', () => {
		expect(DEFAULT_ALERT_RULES.map((r) => r.kind).sort()).toEqual([...ALERT_KINDS].sort());
		for (const r of DEFAULT_ALERT_RULES) expect(alertRuleSchema.safeParse(r).success).toBe(true);
	});
	it('checks the parameters of the rule’s own kind', () => {
		const r = DEFAULT_ALERT_RULES.find((x) => x.kind === 'capacity_overload')!;
		const bad = alertRuleSchema.safeParse({ ...r, params: { withinDays: 3, includePastDue: true } });
		expect(bad.success).toBe(false);
		expect(bad.error!.issues.map((i) => i.path.join('.'))).toContain('params.thresholdPct');
	});
});

describe('daily load', () => {
	const cal = { shifts: [{ start: '08:00', end: '16:00' }], workdays: [1, 2, 3, 4, 5], holidays: ['2026-12-09'] };
	it('spreads each order over the working days before its due date, in proportion to their minutes', () => {
		// Monday 7th, Tuesday 8th, Wednesday 9th is a holiday, Thursday 10th; due Friday 11th.
		const days = dailyLoad(cal, [{ workCenterId: 'W', minutes: 1440, dueDate: '2026-12-11' }], '2026-12-07', 5);
		expect(days.map((d) => [d.date, d.available, d.required])).toEqual([
			['2026-12-07', 480, 480],
			['2026-12-08', 480, 480],
			['2026-12-09', 0, 0],
			['2026-12-10', 480, 480],
			['2026-12-11', 480, 0]
		]);
		expect(firstOverload(days, 100)).toBeNull();
		expect(firstOverload(days, 99)).toEqual({ date: '2026-12-07', pct: 100 });
	});
	it('puts work already due today or earlier on today', () => {
		const days = dailyLoad(cal, [{ workCenterId: 'W', minutes: 600, dueDate: '2026-12-01' }], '2026-12-07', 2);
		expect(days.map((d) => d.required)).toEqual([600, 0]);
		expect(firstOverload(days, 100)).toEqual({ date: '2026-12-07', pct: 125 });
	});
});

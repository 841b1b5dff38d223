// The alert rule form: what it holds as typed (strings and ticks), the command input it becomes, and
// the values of a stored rule. A field's name is the input path the command reports issues at
// ("params.thresholdPct"), so each issue lands under its field. Only the chosen kind's parameters are sent.
export const KINDS = ['shortage', 'po_late', 'line_at_risk', 'capacity_overload', 'work_center_down', 'kpi_threshold'] as const;
export const SEVERITY_CHOICES = ['info', 'warning', 'critical'] as const;
export const KPI_WINDOW_CHOICES = ['today', '7d', '30d', 'mtd'] as const;

/** Each kind's parameters: numbers, ticks and choices, in the order the form shows them. */
export const PARAM_FIELDS: Record<(typeof KINDS)[number], { name: string; type: 'number' | 'tick' | 'text' | 'window' | 'kpiStatus' | 'statuses' }[]> = {
	shortage: [
		{ name: 'withinDays', type: 'number' },
		{ name: 'includePastDue', type: 'tick' }
	],
	po_late: [
		{ name: 'graceDays', type: 'number' },
		{ name: 'includeDelayed', type: 'tick' }
	],
	line_at_risk: [{ name: 'minDaysLate', type: 'number' }],
	capacity_overload: [
		{ name: 'thresholdPct', type: 'number' },
		{ name: 'horizonDays', type: 'number' }
	],
	work_center_down: [{ name: 'statuses', type: 'statuses' }],
	kpi_threshold: [
		{ name: 'kpi', type: 'text' },
		{ name: 'window', type: 'window' },
		{ name: 'status', type: 'kpiStatus' }
	]
};

export interface AlertRuleValues {
	ruleId: string;
	kind: string;
	nameZh: string;
	nameEn: string;
	severity: string;
	ownerKind: string;
	ownerId: string;
	dedupeKey: string;
	quietStart: string;
	quietEnd: string;
	escalateAfter: string;
	chain: string[];
	active: boolean;
	/** Every kind's parameters as typed; only the chosen kind's are sent. */
	params: Record<string, string | boolean | string[]>;
}

export function blankAlertRuleValues(): AlertRuleValues {
	return {
		ruleId: '',
		kind: 'po_late',
		nameZh: '',
		nameEn: '',
		severity: 'warning',
		ownerKind: 'role',
		ownerId: 'purchasing',
		dedupeKey: '{rule}:{kind}:{id}:{lineId}',
		quietStart: '',
		quietEnd: '',
		escalateAfter: '',
		chain: ['manager', 'admin'],
		active: true,
		params: { graceDays: '0', includeDelayed: true, withinDays: '14', includePastDue: true, minDaysLate: '1', thresholdPct: '100', horizonDays: '7', statuses: ['down', 'maintenance'], kpi: 'otd', window: '7d', status: 'bad' }
	};
}

interface StoredRule {
	ruleId: string;
	kind: string;
	name: { 'zh-CN': string; en: string };
	severity: string;
	owner: { kind: string; id: string };
	dedupeKey: string;
	quietHours: { start: string; end: string } | null;
	escalation: { afterMinutes: number; chain: string[] } | null;
	active: boolean;
	params: Record<string, unknown>;
}

export function alertRuleValues(rule: StoredRule): AlertRuleValues {
	const params = { ...blankAlertRuleValues().params };
	for (const [k, v] of Object.entries(rule.params)) params[k] = typeof v === 'number' ? String(v) : (v as string | boolean | string[]);
	return {
		ruleId: rule.ruleId,
		kind: rule.kind,
		nameZh: rule.name['zh-CN'],
		nameEn: rule.name.en,
		severity: rule.severity,
		ownerKind: rule.owner.kind,
		ownerId: rule.owner.id,
		dedupeKey: rule.dedupeKey,
		quietStart: rule.quietHours?.start ?? '',
		quietEnd: rule.quietHours?.end ?? '',
		escalateAfter: rule.escalation ? String(rule.escalation.afterMinutes) : '',
		chain: rule.escalation?.chain ?? ['manager', 'admin'],
		active: rule.active,
		params
	};
}

const str = (form: FormData, name: string) => String(form.get(name) ?? '');

export function readAlertRuleForm(form: FormData): AlertRuleValues {
	const params: AlertRuleValues['params'] = {};
	for (const fields of Object.values(PARAM_FIELDS)) {
		for (const f of fields) {
			const key = `params.${f.name}`;
			params[f.name] = f.type === 'tick' ? form.has(key) : f.type === 'statuses' ? form.getAll(key).map(String) : str(form, key);
		}
	}
	return {
		ruleId: str(form, 'ruleId'),
		kind: str(form, 'kind'),
		nameZh: str(form, 'name.zh-CN'),
		nameEn: str(form, 'name.en'),
		severity: str(form, 'severity'),
		ownerKind: str(form, 'owner.kind'),
		ownerId: str(form, 'owner.id'),
		dedupeKey: str(form, 'dedupeKey'),
		quietStart: str(form, 'quietHours.start'),
		quietEnd: str(form, 'quietHours.end'),
		escalateAfter: str(form, 'escalation.afterMinutes'),
		chain: form.getAll('escalation.chain').map(String),
		active: form.has('active'),
		params
	};
}

/** A number field as typed: empty is absent (the command says it is required), anything else a number or the text. */
const number = (s: string): number | string | undefined => (s.trim() === '' ? undefined : Number.isFinite(Number(s)) ? Number(s) : s);

export function alertRuleInput(v: AlertRuleValues): Record<string, unknown> {
	const fields = PARAM_FIELDS[v.kind as (typeof KINDS)[number]] ?? [];
	const params = Object.fromEntries(fields.map((f) => [f.name, f.type === 'number' ? number(String(v.params[f.name] ?? '')) : v.params[f.name]]));
	const quiet = v.quietStart.trim() || v.quietEnd.trim();
	return {
		ruleId: v.ruleId,
		kind: v.kind,
		name: { 'zh-CN': v.nameZh, en: v.nameEn },
		severity: v.severity,
		owner: { kind: v.ownerKind, id: v.ownerId },
		dedupeKey: v.dedupeKey,
		quietHours: quiet ? { start: v.quietStart.trim(), end: v.quietEnd.trim() } : null,
		escalation: v.escalateAfter.trim() ? { afterMinutes: number(v.escalateAfter), chain: v.chain } : null,
		active: v.active,
		params
	};
}

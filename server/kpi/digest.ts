// Where the standup digest's data comes from (server/alerts/channels/digest.ts): yesterday's figure of
// each KPI of the catalogue against its target, what moved since the day before, and the open alerts
// with their owners. Plain reads of the KPI ledger and the alerts; `now` is an argument.
import type { Queryable } from '../db/db.ts';
import { addDays, factoryDate } from '../shared/factory-date.ts';
import { openAlerts } from '../alerts/alert.queries.ts';
import type { DigestData, DigestKpi, DigestSource, Words } from '../alerts/channels/digest.ts';
import { KPI_CATALOGUE, kpiStatus, kpiValue, type KpiDefinition } from './catalogue.ts';
import { kpiTotal } from './queries.ts';
import { dayStart } from './time.ts';

/** The digest shows ratios of `%` KPIs as fractions (0.92 = 92%). */
const shown = (def: KpiDefinition, v: number | null) => (v === null ? null : def.unit === '%' ? v / 100 : v);

const fmt = (def: KpiDefinition, v: number) => (def.unit === '%' ? `${v.toFixed(1)}%` : `${Math.round(v * 10) / 10} ${def.unit}`);

async function dayValue(q: Queryable, def: KpiDefinition, date: string, timeZone: string): Promise<number | null> {
	const t = await kpiTotal(q, { kpi: def.id, from: dayStart(date, timeZone), to: dayStart(addDays(date, 1), timeZone), timeZone });
	return kpiValue(def, t.num, t.den);
}

export async function digestData(q: Queryable, now: Date, timeZone: string): Promise<DigestData> {
	const yesterday = addDays(factoryDate(now, timeZone), -1);
	const before = addDays(yesterday, -1);
	const kpis: DigestKpi[] = [];
	const changes: Words[] = [];
	for (const def of KPI_CATALOGUE) {
		const value = await dayValue(q, def, yesterday, timeZone);
		const prev = await dayValue(q, def, before, timeZone);
		const status = kpiStatus(def, value);
		kpis.push({
			id: def.id,
			name: def.name,
			value: shown(def, value),
			target: shown(def, def.target) ?? undefined,
			unit: def.unit,
			direction: def.direction,
			...(status ? { status } : {})
		});
		if (value !== null && prev !== null && fmt(def, value) !== fmt(def, prev)) {
			changes.push({ 'zh-CN': `${def.name['zh-CN']}：${fmt(def, prev)} → ${fmt(def, value)}`, en: `${def.name.en}: ${fmt(def, prev)} → ${fmt(def, value)}` });
		}
	}
	const alerts = await openAlerts(q);
	return {
		date: yesterday,
		kpis,
		changes,
		exceptions: alerts.slice(0, 20).map((a) => ({ title: a.messages, severity: a.severity, ...(a.owner ? { owner: a.owner.id } : {}), ref: a.ref })),
		link: '/standup'
	};
}

export const kpiDigestSource =
	(timeZone: string): DigestSource =>
	(q, now) =>
		digestData(q, now, timeZone);

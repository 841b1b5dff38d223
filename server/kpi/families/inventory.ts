// Inventory KPIs, one subject per factory day with a snapshot (kpi_inventory_days): inventory value
// (the mean of daily values), turnover (annualised cost of goods shipped over mean value) and days of
// supply (mean value over cost shipped per day). The clock job takes the snapshots; the formulas are
// pure functions of a day's value V and cost of goods shipped C, written as sums so any window is exact:
//   inventory_value     = Σ V / Σ 1            (CNY)
//   inventory_turnover  = Σ (365 · C) / Σ V    (turns per year)
//   days_of_supply      = Σ V / Σ C            (days)
import type { Queryable } from '../../db/db.ts';
import { addDays, factoryDate } from '../../shared/factory-date.ts';
import type { Contribution, KpiFamily, LedgerContext } from '../ledger.ts';
import { dayEnd, dayStart } from '../time.ts';

export interface InventoryDay {
	day: string;
	value: number;
	cogs: number;
}

export function inventoryContributions(d: InventoryDay, ctx: LedgerContext): Contribution[] {
	const base = { subject: d.day, record: d.day, dim: '', bucket: dayStart(d.day, ctx.timeZone) };
	return [
		{ ...base, kpi: 'inventory_value', num: d.value, den: 1 },
		{ ...base, kpi: 'inventory_turnover', num: 365 * d.cogs, den: d.value },
		{ ...base, kpi: 'days_of_supply', num: d.value, den: d.cogs }
	].filter((c) => c.num !== 0 || c.den !== 0);
}

/**
 * Records today's value of stock on hand (all locations, at moving average cost) and the cost of goods
 * shipped on each factory day from `from`'s day (at most yesterday) to `now`'s, at the items' standard
 * cost. Answers the days written.
 */
export async function snapshotInventory(tx: Queryable, from: number | null, now: Date, timeZone: string): Promise<string[]> {
	const today = factoryDate(now, timeZone);
	const yesterday = addDays(today, -1);
	const first = from === null ? today : factoryDate(new Date(from), timeZone) < yesterday ? yesterday : factoryDate(new Date(from), timeZone);
	const days = first === today ? [today] : [first, today];
	const rows = [];
	for (const day of days) {
		const cogs = await tx.query<{ cogs: number }>(
			`select coalesce(sum((e.data->>'qty')::numeric * coalesce(i.unit_cost, 0)), 0)::float8 as cogs
			from events e join sales_order_lines l on l.order_id = e.data->>'orderId' and l.line_id = e.data->>'lineId'
			left join items i on i.item_id = l.item_id
			where e.type = 'shipment.shipped' and e.occurred_at >= $1 and e.occurred_at < $2
				and not exists (select 1 from reversals v where v.event_id = e.id)`,
			[new Date(dayStart(day, timeZone)).toISOString(), new Date(dayEnd(day, timeZone)).toISOString()]
		);
		rows.push({ day, cogs: cogs.rows[0].cogs });
	}
	await tx.query(
		`insert into kpi_inventory_days (day, value, cogs, taken_at)
		select x.day, (select coalesce(sum(value), 0) from stock), x.cogs, $2 from jsonb_to_recordset($1::jsonb) as x(day date, cogs numeric)
		on conflict (day) do update set cogs = excluded.cogs,
			value = case when excluded.day = $3::date then excluded.value else kpi_inventory_days.value end,
			taken_at = case when excluded.day = $3::date then excluded.taken_at else kpi_inventory_days.taken_at end`,
		[JSON.stringify(rows), now.toISOString(), today]
	);
	return days;
}

export const inventoryFamily: KpiFamily = {
	name: 'inventory_day',
	// No event changes a recorded day: the clock job writes and recomputes them.
	on: {},
	async contributions(q, ids, ctx) {
		const r = await q.query<{ day: string; value: number; cogs: number }>(
			`select to_char(day, 'YYYY-MM-DD') as day, value::float8 as value, cogs::float8 as cogs from kpi_inventory_days where day = any($1::date[]) order by day`,
			[ids]
		);
		return r.rows.flatMap((d) => inventoryContributions(d, ctx));
	},
	async all(q) {
		return (await q.query<{ day: string }>(`select to_char(day, 'YYYY-MM-DD') as day from kpi_inventory_days order by day`)).rows.map((r) => r.day);
	}
};

// Inventory KPIs, one subject per factory day with a snapshot (kpi_inventory_days): inventory value
// (the mean of daily values), turnover (annualised cost of goods shipped over mean value) and days of
// supply (mean value over cost shipped per day). The clock job takes the snapshots; the formulas are
// pure functions of a day's value V and cost of goods shipped C, written as sums so any window is exact:
//   inventory_value     = Σ V / Σ 1            (CNY)
//   inventory_turnover  = Σ (365 · C) / Σ V    (turns per year)
//   days_of_supply      = Σ V / Σ C            (days)
// A day's value is the stock's at its last snapshot; its C is the standard cost of the shipments made
// that day and not reversed. C is stored with the snapshot (so a rebuild reads the figure the ledger
// counted) and computed again whenever it may change: by the clock for yesterday and today, and in the
// append transaction for the days of a batch's shipments and of the shipments it reverses, so a
// shipment posted late or taken back days later lands in its own day.
import type { Queryable } from '../../db/db.ts';
import { addDays, factoryDate } from '../../shared/factory-date.ts';
import type { Contribution, KpiFamily, LedgerContext } from '../ledger.ts';
import { dayStart } from '../time.ts';

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
 * The cost of goods shipped on the factory day `day` (a date expression), at the items' standard cost,
 * in the time zone `tz` (an expression): the shipments of that day that were not reversed.
 */
const dayCogsSql = (day: string, tz: string) => `(select coalesce(sum((e.data->>'qty')::numeric * coalesce(i.unit_cost, 0)), 0)
	from events e join sales_order_lines l on l.order_id = e.data->>'orderId' and l.line_id = e.data->>'lineId'
	left join items i on i.item_id = l.item_id
	where e.type = 'shipment.shipped' and e.occurred_at >= (${day}::timestamp at time zone ${tz}) and e.occurred_at < ((${day} + 1)::timestamp at time zone ${tz})
		and not exists (select 1 from reversals v where v.event_id = e.id))`;

/**
 * Records today's value of stock on hand (all locations, at moving average cost) and the cost of goods
 * shipped on each factory day from `from`'s day (at most yesterday) to `now`'s. Answers the days written.
 */
export async function snapshotInventory(tx: Queryable, from: number | null, now: Date, timeZone: string): Promise<string[]> {
	const today = factoryDate(now, timeZone);
	const yesterday = addDays(today, -1);
	const first = from === null ? today : factoryDate(new Date(from), timeZone) < yesterday ? yesterday : factoryDate(new Date(from), timeZone);
	const days = first === today ? [today] : [first, today];
	await tx.query(
		`insert into kpi_inventory_days (day, value, cogs, taken_at)
		select x.day, (select coalesce(sum(value), 0) from stock), ${dayCogsSql('x.day', '$4::text')}, $2
		from unnest($1::date[]) as x(day)
		on conflict (day) do update set cogs = excluded.cogs,
			value = case when excluded.day = $3::date then excluded.value else kpi_inventory_days.value end,
			taken_at = case when excluded.day = $3::date then excluded.taken_at else kpi_inventory_days.taken_at end`,
		[days, now.toISOString(), today, timeZone]
	);
	return days;
}

/** What may change days' cost of goods shipped: shipments at these instants, these shipments (reversed), these orders' shipments (their lines' items became known). */
interface CogsChange {
	times?: string[];
	shipmentIds?: string[];
	orderIds?: string[];
}

/**
 * Computes again the cost of goods shipped of the snapshot days a change touches; answers those days.
 * Days without a snapshot (before the first one, or not yet taken) have no figure to correct.
 */
async function refreshCogs(q: Queryable, change: CogsChange): Promise<string[]> {
	const r = await q.query<{ day: string }>(
		`with s as (select time_zone as tz from kpi_state where id = 1),
		touched as (
			select distinct (t at time zone s.tz)::date as day
			from s, (
				select unnest($1::timestamptz[]) as t
				union all select e.occurred_at from events e where e.id = any($2::uuid[])
				-- Only orders that something was shipped against before they arrived (rare) are looked up in the log.
				union all select e.occurred_at from events e
				where e.type = 'shipment.shipped' and e.data->>'orderId' = any(array(
					select distinct l.order_id from sales_order_lines l where l.order_id = any($3::text[]) and l.shipped_qty > 0))
			) x
		)
		update kpi_inventory_days d set cogs = ${dayCogsSql('d.day', 's.tz')}
		from touched, s where d.day = touched.day
		returning to_char(d.day, 'YYYY-MM-DD') as day`,
		[change.times ?? [], change.shipmentIds ?? [], change.orderIds ?? []]
	);
	return r.rows.map((x) => x.day).sort();
}

export const inventoryFamily: KpiFamily = {
	name: 'inventory_day',
	// The clock job writes the days and recomputes them. A shipment, its reversal, and an order arriving
	// after its shipments (their lines' items were unknown, so they cost nothing yet) change the cost of
	// goods shipped of their days.
	on: {
		'shipment.shipped': (events, q) => refreshCogs(q, { times: events.map((e) => e.occurredAt) }),
		'shipment.reversed': (events, q) => refreshCogs(q, { shipmentIds: events.map((e) => (e.data as { shipmentId: string }).shipmentId) }),
		'sales_order.created': (events, q) => refreshCogs(q, { orderIds: events.map((e) => (e.data as { orderId: string }).orderId) })
	},
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

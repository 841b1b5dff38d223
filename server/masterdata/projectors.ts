// Master-data projections of the fixed event types: items, customers, suppliers.
// Last writer wins by business time (occurredAt, then id), whatever the arrival order.
import type { FixedData } from '../events/catalogue.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';

const newer = (table: string) =>
	`where (${table}.version_at, ${table}.version_id) < (excluded.version_at, excluded.version_id)`;

export const itemUpserted: Projector<FixedData<'item.upserted'>> = {
	type: 'item.upserted',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => e.data.itemId).map((e) => ({
			...e.data,
			lotSizing: e.data.lotSizing ?? null,
			safetyStock: e.data.safetyStock ?? null,
			category: e.data.category ?? null,
			backflush: e.data.backflush ?? null,
			allowNegativeStock: e.data.allowNegativeStock ?? false,
			overProductionPct: e.data.overProductionPct ?? 0,
			custom: e.data.custom ?? {},
			version_at: e.occurredAt,
			version_id: e.id
		}));
		await tx.query(
			`insert into items (item_id, name, kind, uom, unit_cost, make_or_buy, lead_time_days, safety_stock, lot_sizing,
				category, backflush, allow_negative, over_production_pct, custom, version_at, version_id)
			select "itemId", name, kind, uom, "unitCost", "makeOrBuy", "leadTimeDays", "safetyStock", "lotSizing",
				category, backflush, "allowNegativeStock", "overProductionPct", custom, version_at, version_id
			from jsonb_to_recordset($1::jsonb) as x("itemId" text, name text, kind text, uom text, "unitCost" numeric,
				"makeOrBuy" text, "leadTimeDays" numeric, "safetyStock" numeric, "lotSizing" jsonb, category text, backflush text,
				"allowNegativeStock" boolean, "overProductionPct" numeric, custom jsonb, version_at timestamptz, version_id uuid)
			on conflict (item_id) do update set name = excluded.name, kind = excluded.kind, uom = excluded.uom,
				unit_cost = excluded.unit_cost, make_or_buy = excluded.make_or_buy, lead_time_days = excluded.lead_time_days,
				safety_stock = excluded.safety_stock, lot_sizing = excluded.lot_sizing, category = excluded.category,
				backflush = excluded.backflush, allow_negative = excluded.allow_negative, over_production_pct = excluded.over_production_pct,
				custom = excluded.custom,
				version_at = excluded.version_at, version_id = excluded.version_id
			${newer('items')}`,
			[asJson(rows)]
		);
	}
};

function partyProjector<T extends 'customer.upserted' | 'supplier.upserted'>(
	type: T,
	table: string,
	idField: 'customerId' | 'supplierId',
	idColumn: string
): Projector<FixedData<T>> {
	return {
		type,
		async apply(tx, events) {
			const keyOf = (d: FixedData<T>) => (d as unknown as Record<string, string>)[idField];
			const rows = latestPerKey(events, (e) => keyOf(e.data)).map((e) => ({
				key: keyOf(e.data),
				name: e.data.name,
				custom: e.data.custom ?? {},
				version_at: e.occurredAt,
				version_id: e.id
			}));
			await tx.query(
				`insert into ${table} (${idColumn}, name, custom, version_at, version_id)
				select key, name, custom, version_at, version_id
				from jsonb_to_recordset($1::jsonb) as x(key text, name text, custom jsonb, version_at timestamptz, version_id uuid)
				on conflict (${idColumn}) do update set name = excluded.name, custom = excluded.custom,
					version_at = excluded.version_at, version_id = excluded.version_id
				${newer(table)}`,
				[asJson(rows)]
			);
		}
	};
}

export const customerUpserted = partyProjector('customer.upserted', 'customers', 'customerId', 'customer_id');
export const supplierUpserted = partyProjector('supplier.upserted', 'suppliers', 'supplierId', 'supplier_id');

export { bomReplaced } from './bom.ts';
import { bomReplaced } from './bom.ts';
import { customFieldDefined } from './custom-fields.ts';
import type { Queryable } from '../db/db.ts';
import { newCodeGuard } from '../events/new-code-guard.ts';

// Registration order is application order within a batch: items before the BOMs that name them.
export const masterdataProjectors = [customFieldDefined, itemUpserted, customerUpserted, supplierUpserted, bomReplaced] as Projector[];

/** Empties this capability's projections before a rebuild from the event log. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate items, customers, suppliers, boms, bom_lines, custom_fields');
}

/** New master records take safe codes; existing ones keep theirs (server/events/new-code-guard.ts). */
export const masterdataCodeGuards = [
	newCodeGuard('item.upserted', 'itemId', 'select item_id as id from items where item_id = any($1::text[])'),
	newCodeGuard('customer.upserted', 'customerId', 'select customer_id as id from customers where customer_id = any($1::text[])'),
	newCodeGuard('supplier.upserted', 'supplierId', 'select supplier_id as id from suppliers where supplier_id = any($1::text[])')
];

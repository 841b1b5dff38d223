// Master-data projections of the fixed event types: items, customers, suppliers.
// Last writer wins by business time (occurredAt, then id), whatever the arrival order.
import type { FixedData } from '../events/catalogue.ts';
import { asJson, latestPerKey, type BatchProjector, type Projector } from '../events/projectors.ts';
import type { StoredEvent } from '../events/envelope.ts';

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
			listPrice: e.data.listPrice ?? null,
			custom: e.data.custom ?? {},
			version_at: e.occurredAt,
			version_id: e.id
		}));
		await tx.query(
			`insert into items (item_id, name, kind, uom, unit_cost, make_or_buy, lead_time_days, safety_stock, lot_sizing,
				category, backflush, allow_negative, over_production_pct, list_price, custom, version_at, version_id)
			select "itemId", name, kind, uom, "unitCost", "makeOrBuy", "leadTimeDays", "safetyStock", "lotSizing",
				category, backflush, "allowNegativeStock", "overProductionPct", "listPrice", custom, version_at, version_id
			from jsonb_to_recordset($1::jsonb) as x("itemId" text, name text, kind text, uom text, "unitCost" numeric,
				"makeOrBuy" text, "leadTimeDays" numeric, "safetyStock" numeric, "lotSizing" jsonb, category text, backflush text,
				"allowNegativeStock" boolean, "overProductionPct" numeric, "listPrice" numeric, custom jsonb, version_at timestamptz, version_id uuid)
			on conflict (item_id) do update set name = excluded.name, kind = excluded.kind, uom = excluded.uom,
				unit_cost = excluded.unit_cost, make_or_buy = excluded.make_or_buy, lead_time_days = excluded.lead_time_days,
				safety_stock = excluded.safety_stock, lot_sizing = excluded.lot_sizing, category = excluded.category,
				backflush = excluded.backflush, allow_negative = excluded.allow_negative, over_production_pct = excluded.over_production_pct,
				list_price = excluded.list_price, custom = excluded.custom,
				version_at = excluded.version_at, version_id = excluded.version_id
			${newer('items')}`,
			[asJson(rows)]
		);
	}
};

/** The contact columns both partner tables have, by the event's field names. */
const CONTACT = { contactPerson: 'contact_person', phone: 'phone', email: 'email', address: 'address', paymentTerms: 'payment_terms' } as const;

function partySql(table: string, idColumn: string, columns: Record<string, string>, onConflict: 'update' | 'nothing'): string {
	const fields = Object.keys(columns);
	const names = Object.values(columns);
	return `insert into ${table} (${idColumn}, name, ${names.join(', ')}, custom, version_at, version_id)
		select key, name, ${fields.map((f) => `"${f}"`).join(', ')}, custom, version_at, version_id
		from jsonb_to_recordset($1::jsonb) as x(key text, name text, ${fields.map((f) => `"${f}" text`).join(', ')}, custom jsonb,
			version_at timestamptz, version_id uuid)
		order by key
		${
			onConflict === 'nothing'
				? `on conflict (${idColumn}) do nothing`
				: `on conflict (${idColumn}) do update set name = excluded.name, ${names.map((c) => `${c} = excluded.${c}`).join(', ')},
			custom = excluded.custom, version_at = excluded.version_at, version_id = excluded.version_id
		${newer(table)}`
		}`;
}

/**
 * Customers and suppliers in two steps. What the rest of a batch needs of them is that they exist
 * (the guards of orders naming them), so the projector inserts the new ones only, and the changes to
 * existing ones are written by a batch projector at the very end of the transaction (partnerChanges).
 * An update locks the row until commit: written first, a change to a busy supplier made every
 * concurrent batch that changed it too wait for this one's whole projection; written last, only for
 * its commit. The result is the same: last writer wins by business time either way.
 */
function partyProjector<T extends 'customer.upserted' | 'supplier.upserted'>(
	type: T,
	table: string,
	idField: 'customerId' | 'supplierId',
	idColumn: string,
	/** Columns of this kind only (the customer's currency), by field name. */
	own: Record<string, string> = {}
): { projector: Projector<FixedData<T>>; change(tx: Queryable, events: StoredEvent[]): Promise<void> } {
	const columns = { ...CONTACT, ...own };
	const fields = Object.keys(columns);
	const rowsOf = (events: StoredEvent<FixedData<T>>[]) => {
		const keyOf = (d: FixedData<T>) => (d as unknown as Record<string, string>)[idField];
		return latestPerKey(events, (e) => keyOf(e.data)).map((e) => {
			const data = e.data as unknown as Record<string, unknown>;
			return {
				key: keyOf(e.data),
				name: e.data.name,
				...Object.fromEntries(fields.map((f) => [f, data[f] ?? null])),
				custom: e.data.custom ?? {},
				version_at: e.occurredAt,
				version_id: e.id
			};
		});
	};
	const insertNew = partySql(table, idColumn, columns, 'nothing');
	const upsert = partySql(table, idColumn, columns, 'update');
	return {
		projector: {
			type,
			async apply(tx, events) {
				await tx.query(insertNew, [asJson(rowsOf(events))]);
			}
		},
		async change(tx, events) {
			await tx.query(upsert, [asJson(rowsOf(events as StoredEvent<FixedData<T>>[]))]);
		}
	};
}

const customers = partyProjector('customer.upserted', 'customers', 'customerId', 'customer_id', { currency: 'currency' });
const suppliers = partyProjector('supplier.upserted', 'suppliers', 'supplierId', 'supplier_id');
export const customerUpserted = customers.projector;
export const supplierUpserted = suppliers.projector;

/** The changes to existing customers and suppliers, last in the transaction (see partyProjector). */
export const partnerChanges: BatchProjector = {
	types: new Set(['customer.upserted', 'supplier.upserted']),
	async apply(tx, byType) {
		const c = byType.get('customer.upserted');
		if (c) await customers.change(tx, c);
		const s = byType.get('supplier.upserted');
		if (s) await suppliers.change(tx, s);
	}
};


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

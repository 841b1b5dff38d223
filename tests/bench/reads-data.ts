// The reads benchmark's data set, generated in the database with set-based SQL (generate_series), so a
// million events take seconds rather than an ingest run. Projections are generated first and the
// events from them, so both tell the same story: items, customers and suppliers with a few versions
// each, two years of sales orders (shipped unless due lately, a few cancelled), purchase orders,
// requisitions, production orders, work centres, users, stock, and machine telemetry filling the log
// up to its size. Benchmark data, not demo data: names are codes, quantities are arithmetic.
import type { Queryable } from '../../server/db/db.ts';

/** Full size; a scale of 0.01 gives the 1% data set. */
export const FULL = { salesOrderLines: 100_000, purchaseOrderLines: 20_000, items: 10_000, events: 1_000_000 } as const;

export interface DataSet {
	scale: number;
	items: number;
	customers: number;
	suppliers: number;
	salesOrders: number;
	salesOrderLines: number;
	purchaseOrders: number;
	purchaseOrderLines: number;
	requisitions: number;
	productionOrders: number;
	workCenters: number;
	users: number;
	events: number;
	/** Records the benchmark opens (recent ones, with histories). */
	sample: { orderId: string; itemId: string; customerId: string; supplierId: string; username: string };
}

const SALES_LINES_PER_ORDER = 4;
const PO_LINES_PER_ORDER = 2;
/** Users entering sales orders; the benchmark's own user is one of them ("my orders"). */
const SALES_USERS = 10;

export function dataSet(scale: number): DataSet {
	const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
	const salesOrderLines = n(FULL.salesOrderLines, 40);
	const purchaseOrderLines = n(FULL.purchaseOrderLines, 10);
	const items = n(FULL.items, 40);
	const customers = n(2_000, 10);
	const suppliers = n(500, 5);
	return {
		scale,
		items,
		customers,
		suppliers,
		salesOrders: Math.ceil(salesOrderLines / SALES_LINES_PER_ORDER),
		salesOrderLines,
		purchaseOrders: Math.ceil(purchaseOrderLines / PO_LINES_PER_ORDER),
		purchaseOrderLines,
		requisitions: n(5_000, 10),
		productionOrders: n(10_000, 10),
		workCenters: n(60, 5),
		users: SALES_USERS + 1,
		events: n(FULL.events, 1_000),
		sample: { orderId: '', itemId: '', customerId: 'C-000001', supplierId: 'S-00001', username: 'bench' }
	};
}

const id = (prefix: string, expr: string, width: number) => `'${prefix}' || lpad((${expr})::text, ${width}, '0')`;
const ITEM = (expr: string) => id('IT-', expr, 6);
const CUSTOMER = (expr: string) => id('C-', expr, 6);
const SUPPLIER = (expr: string) => id('S-', expr, 5);
const ORDER = (expr: string) => id('SO-', expr, 7);
const PO = (expr: string) => id('PO-', expr, 6);
const PROD = (expr: string) => id('MO-', expr, 6);
const WC = (expr: string) => id('WC-', expr, 3);

/**
 * Fills a migrated, empty database. `today` is the factory date the server will run on: the newest
 * orders are due around it, so the landing page has open and late orders to show. The benchmark's
 * user (`bench`) exists already: it entered one order in ten.
 */
export async function loadDataSet(q: Queryable, d: DataSet, today: string): Promise<DataSet> {
	const products = Math.max(1, Math.floor(d.items / 20));
	const product = (expr: string) => ITEM(`((${expr}) % ${products}) * 20 + 20`);
	const span = 730; // days of history
	const t0 = `('${today}'::date - ${span})::timestamptz`;
	const statements: string[] = [
		// Items: one product in twenty, three semi-finished, the rest materials.
		`insert into items (item_id, name, kind, uom, unit_cost, make_or_buy, lead_time_days, safety_stock, version_at, version_id)
		select ${ITEM('i')}, 'Item ' || i, case when i % 20 = 0 then 'product' when i % 20 < 4 then 'semi' else 'material' end, 'pcs',
			1 + i % 97, case when i % 20 < 4 then 'make' else 'buy' end, 1 + i % 14, case when i % 5 = 0 then 50 end,
			${t0} + (i % ${span}) * interval '1 day', gen_random_uuid()
		from generate_series(1, ${d.items}) i`,
		`insert into customers (customer_id, name, version_at, version_id)
		select ${CUSTOMER('i')}, 'Customer ' || i, ${t0} + (i % ${span}) * interval '1 day', gen_random_uuid() from generate_series(1, ${d.customers}) i`,
		`insert into suppliers (supplier_id, name, version_at, version_id)
		select ${SUPPLIER('i')}, 'Supplier ' || i, ${t0} + (i % ${span}) * interval '1 day', gen_random_uuid() from generate_series(1, ${d.suppliers}) i`,
		`insert into supplier_items (supplier_id, item_id, price, lead_time_days, version_at, version_id)
		select ${SUPPLIER('1 + i % ' + d.suppliers)}, ${ITEM('i')}, 1 + i % 97, 3 + i % 20, ${t0}, gen_random_uuid()
		from generate_series(1, ${d.items}) i where i % 20 >= 4`,
		// Sales orders, oldest first over two years; each of the sales users entered one in ten.
		`insert into sales_orders (order_id, customer_id, ordered_at, entered_by, version_at, version_id)
		select ${ORDER('o')}, ${CUSTOMER('1 + o % ' + d.customers)}, at, 'user:' || case when o % ${SALES_USERS} = 0 then 'bench' else 'sales' || (o % ${SALES_USERS}) end,
			at, gen_random_uuid()
		from generate_series(1, ${d.salesOrders}) o, lateral (select ${t0} + (o::float8 / ${d.salesOrders}) * ${span} * interval '1 day' as at) t`,
		// Lines are due two to six weeks after the order; what was due over a week ago has shipped, one
		// line in fifty was cancelled, and a quarter of the rest has shipped in part.
		`insert into sales_order_lines (order_id, line_id, item_id, qty, requested_date, priority, shipped_qty, last_shipped_at, cancelled_at, cancel_reason,
			version_at, version_id)
		select o.order_id, l::text, ${product('n')}, qty, due, 5,
			case when cancelled then 0 when due < '${today}'::date - 7 then qty when n % 4 = 0 then floor(qty / 2) else 0 end,
			case when not cancelled and (due < '${today}'::date - 7 or n % 4 = 0) then o.ordered_at + interval '10 days' end,
			case when cancelled then o.ordered_at + interval '1 day' end, case when cancelled then 'CUSTOMER_REQUEST' end,
			o.version_at, o.version_id
		from (select *, row_number() over (order by order_id) as k from sales_orders) o, generate_series(1, ${SALES_LINES_PER_ORDER}) l,
			lateral (select (o.k - 1) * ${SALES_LINES_PER_ORDER} + l as n) nn,
			lateral (select 1 + n % 50 as qty, (o.ordered_at + (14 + n % 30) * interval '1 day')::date as due, n % 50 = 7 as cancelled) f
		where n <= ${d.salesOrderLines}`,
		`insert into purchase_orders (po_id, supplier_id, placed_at, version_at, version_id)
		select ${PO('p')}, ${SUPPLIER('1 + p % ' + d.suppliers)}, at, at, gen_random_uuid()
		from generate_series(1, ${d.purchaseOrders}) p, lateral (select ${t0} + (p::float8 / ${d.purchaseOrders}) * ${span} * interval '1 day' as at) t`,
		`insert into purchase_order_lines (po_id, line_id, item_id, qty, unit_price, expected_date, received_qty, accepted_qty, last_received_at, version_at, version_id)
		select o.po_id, l::text, ${ITEM('4 + (n * 7) % (' + d.items + ' - 4)')}, qty, 10, due,
			case when due < '${today}'::date then qty else 0 end, case when due < '${today}'::date then qty else 0 end,
			case when due < '${today}'::date then due::timestamptz end, o.version_at, o.version_id
		from (select *, row_number() over (order by po_id) as k from purchase_orders) o, generate_series(1, ${PO_LINES_PER_ORDER}) l,
			lateral (select (o.k - 1) * ${PO_LINES_PER_ORDER} + l as n) nn,
			lateral (select 10 + n % 90 as qty, (o.placed_at + (7 + n % 21) * interval '1 day')::date as due) f
		where n <= ${d.purchaseOrderLines}`,
		`insert into requisitions (requisition_id, item_id, qty, needed_by, supplier_id, unit_price, amount, requested_by, requester_role, steps, approvals, status, created_at)
		select ${id('RQ-', 'r', 6)}, ${ITEM('4 + r % (' + d.items + ' - 4)')}, 100, ('${today}'::date - ${span} + (r::float8 / ${d.requisitions} * ${span})::int + 14),
			${SUPPLIER('1 + r % ' + d.suppliers)}, 80, 8000, 'user:sales1', 'planner', '[{"role":"manager"}]',
			case when r % 10 < 8 then '[{"step":0,"role":"manager","by":"user:bench"}]' else '[]' end::jsonb,
			case when r % 10 < 7 then 'ordered' when r % 10 < 8 then 'approved' when r % 10 < 9 then 'pending' else 'rejected' end,
			${t0} + (r::float8 / ${d.requisitions}) * ${span} * interval '1 day'
		from generate_series(1, ${d.requisitions}) r`,
		`insert into work_centers (work_center_id, name, calendar, version_at, version_id)
		select ${WC('w')}, 'Work centre ' || w, '{"shifts":[{"start":"08:00","end":"17:00"}],"workdays":[1,2,3,4,5],"holidays":[]}', ${t0}, gen_random_uuid()
		from generate_series(1, ${d.workCenters}) w`,
		`insert into production_orders (production_order_id, item_id, qty, due_date, status, created_at, released_at, completed_at, good_qty)
		select ${PROD('m')}, ${product('m')}, 20, due, status, due - interval '10 days',
			case when status <> 'created' then due - interval '8 days' end, case when status = 'completed' then due - interval '1 day' end,
			case when status = 'completed' then 20 else 0 end
		from generate_series(1, ${d.productionOrders}) m,
			lateral (select ('${today}'::date - ${span} + (m::float8 / ${d.productionOrders} * ${span})::int + 10) as due) f,
			lateral (select case when due < '${today}'::date then 'completed' when m % 3 = 0 then 'in_progress' when m % 3 = 1 then 'released' else 'created' end as status) s`,
		`insert into production_operations (production_order_id, seq, work_center_id, setup_minutes, run_minutes_per_unit, status)
		select o.production_order_id, s, ${WC('1 + (m + s) % ' + d.workCenters)}, 30, 2, case when o.status = 'completed' then 'done' else 'waiting' end
		from (select *, row_number() over (order by production_order_id) as m from production_orders) o, generate_series(1, 2) s`,
		`insert into stock (item_id, location_id, on_hand, value)
		select item_id, 'MAIN', 100 + length(item_id) * 3, (100 + length(item_id) * 3) * unit_cost from items
		union all select item_id, 'QC', 10, 10 * unit_cost from items where right(item_id, 1) = '3'`,
		`insert into users (id, username, display_name, password_hash, roles, created_at)
		select gen_random_uuid(), 'sales' || u, 'Sales ' || u, 'x', '{sales}', ${t0} from generate_series(1, ${SALES_USERS - 1}) u`,

		// The event log, from the projections.
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'item.upserted', version_at, 'erp', 'user:bench', jsonb_build_object('itemId', item_id, 'name', name, 'kind', kind, 'uom', uom,
			'unitCost', unit_cost, 'makeOrBuy', make_or_buy, 'leadTimeDays', lead_time_days) from items`,
		// Three versions of every customer, two of every supplier: histories with more than one entry.
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'customer.upserted', version_at - (3 - v) * interval '30 days', 'ui', 'user:bench',
			jsonb_build_object('customerId', customer_id, 'name', name || case when v < 3 then ' (v' || v || ')' else '' end)
		from customers, generate_series(1, 3) v`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'supplier.upserted', version_at - (2 - v) * interval '30 days', 'ui', 'user:bench', jsonb_build_object('supplierId', supplier_id, 'name', name)
		from suppliers, generate_series(1, 2) v`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'supplier_item.upserted', version_at, 'ui', 'user:bench',
			jsonb_build_object('supplierId', supplier_id, 'itemId', item_id, 'price', price, 'leadTimeDays', lead_time_days) from supplier_items`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select o.version_id, 'sales_order.created', o.ordered_at, 'ui', o.entered_by,
			jsonb_build_object('orderId', o.order_id, 'customerId', o.customer_id, 'lines', (select jsonb_agg(jsonb_build_object('lineId', l.line_id, 'itemId', l.item_id,
				'qty', l.qty, 'requestedDate', l.requested_date, 'priority', l.priority) order by l.line_id) from sales_order_lines l where l.order_id = o.order_id))
		from sales_orders o`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'shipment.shipped', last_shipped_at, 'ui', 'user:sales1', jsonb_build_object('orderId', order_id, 'lineId', line_id, 'qty', shipped_qty)
		from sales_order_lines where shipped_qty > 0`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'sales_order.cancelled', cancelled_at, 'ui', 'user:sales1',
			jsonb_build_object('orderId', order_id, 'lineIds', jsonb_build_array(line_id), 'reasonCode', cancel_reason)
		from sales_order_lines where cancelled_at is not null`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select o.version_id, 'purchase_order.placed', o.placed_at, 'ui', 'user:bench',
			jsonb_build_object('poId', o.po_id, 'supplierId', o.supplier_id, 'lines', (select jsonb_agg(jsonb_build_object('lineId', l.line_id, 'itemId', l.item_id,
				'qty', l.qty, 'unitPrice', l.unit_price, 'expectedDate', l.expected_date) order by l.line_id) from purchase_order_lines l where l.po_id = o.po_id))
		from purchase_orders o`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), t, last_received_at + (t = 'inspection.recorded')::int * interval '1 hour', 'ui', 'user:sales2',
			case when t = 'goods.received' then jsonb_build_object('poId', po_id, 'lineId', line_id, 'qty', received_qty)
				else jsonb_build_object('poId', po_id, 'lineId', line_id, 'acceptedQty', accepted_qty, 'rejectedQty', 0) end
		from purchase_order_lines, unnest(array['goods.received', 'inspection.recorded']) t where received_qty > 0`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'requisition.created', created_at, 'ui', requested_by, jsonb_build_object('requisitionId', requisition_id, 'itemId', item_id,
			'qty', qty, 'neededBy', needed_by, 'supplierId', supplier_id, 'unitPrice', unit_price, 'steps', steps)
		from requisitions`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'work_center.upserted', version_at, 'ui', 'user:bench', jsonb_build_object('workCenterId', work_center_id, 'name', name, 'calendar', calendar)
		from work_centers`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), t.type, t.at, 'ui', 'user:bench', jsonb_build_object('productionOrderId', o.production_order_id) ||
			case when t.type = 'production_order.created' then jsonb_build_object('itemId', o.item_id, 'qty', o.qty, 'dueDate', o.due_date)
				when t.type = 'production.reported' then jsonb_build_object('goodQty', o.good_qty) else '{}' end
		from production_orders o, lateral (values ('production_order.created', o.created_at), ('production_order.released', o.released_at),
			('production.reported', o.completed_at - interval '1 hour'), ('production_order.completed', o.completed_at)) t(type, at)
		where t.at is not null`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), t, created_at + (t = 'user.updated')::int * interval '1 day', 'ui', 'user:bench',
			jsonb_build_object('username', username, 'displayName', display_name, 'roles', roles)
		from users, unnest(array['user.created', 'user.updated']) t`,
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'stock.adjusted', ${t0}, 'ui', 'user:bench',
			jsonb_build_object('itemId', item_id, 'locationId', location_id, 'qty', on_hand, 'reasonCode', 'COUNT') from stock`
	];
	for (const sql of statements) await q.query(sql);
	// Machine telemetry fills the log to its size: most of a factory's events, read by no projection.
	const have = (await q.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
	const filler = Math.max(0, d.events - have);
	await q.query(
		`insert into events (id, type, occurred_at, source, actor, data)
		select gen_random_uuid(), 'x.mes.machine_reading', ${t0} + (i::float8 / ${filler || 1}) * ${span} * interval '1 day', 'mes', 'token:mes',
			jsonb_build_object('workCenterId', ${WC('1 + i % ' + d.workCenters)}, 'temperature', 60 + i % 20, 'spindle', i % 3000)
		from generate_series(1, ${filler}) i`
	);
	await q.query(`insert into event_counts (type, n) select type, count(*) from events group by type
		on conflict (type) do update set n = excluded.n`);
	// As autovacuum leaves a database at rest: statistics gathered, the visibility map set.
	await q.query('vacuum analyze');
	const recent = (await q.query<{ order_id: string; item_id: string }>(
		`select o.order_id, l.item_id from sales_orders o join sales_order_lines l on l.order_id = o.order_id
		where o.entered_by = 'user:bench' order by o.ordered_at desc limit 1`
	)).rows[0];
	return { ...d, events: Math.max(have, d.events), sample: { ...d.sample, orderId: recent.order_id, itemId: recent.item_id } };
}

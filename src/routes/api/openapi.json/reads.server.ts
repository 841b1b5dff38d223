// The API's read endpoints for the OpenAPI document, with the same URL query schemas the endpoints
// parse (shared with the pages), so the documented parameters are the accepted ones. A new list or
// record endpoint under /api adds its line here.
import type { ReadEndpoint } from '$server/events/openapi.ts';
import { itemListQuery } from '$server/masterdata/commands.ts';
import { orderListQuery as salesOrderListQuery } from '$server/sales/order-list.queries.ts';
import { poListQuery } from '$server/purchasing/purchase-order.queries.ts';
import { requisitionListQuery } from '$server/purchasing/requisition.queries.ts';
import { orderListQuery as productionOrderListQuery } from '$server/production/production-order.queries.ts';
import { workCenterListQuery } from '$server/production/work-center.queries.ts';
import { movementPageQuery, stockListQuery } from '$server/inventory/queries.ts';
import { partnerListQuery } from '$server/masterdata/commands.ts';
import { supplierListQuery } from '$server/purchasing/queries.ts';
import { exceptionsQuery, plannedOrdersQuery } from '$server/planning/plan.queries.ts';
import { lookupQuery } from '$server/masterdata/lookup.queries.ts';
import { alertsQuery } from '$server/alerts/alert.queries.ts';
import { recordsQuery, seriesQuery } from '$server/kpi/queries.ts';

export const READS: ReadEndpoint[] = [
	{ path: '/api/items', summary: "List items (search, kind, make or buy, no-code field filters custom.<key>, sorting, pages)", tag: 'items', query: itemListQuery },
	{ path: '/api/items/{itemId}', summary: 'One item with its BOM, where-used and history', tag: 'items', params: ['itemId'] },
	{ path: '/api/boms/{parentItemId}', summary: "An item's bill of material", tag: 'items', params: ['parentItemId'] },
	{ path: '/api/customers', summary: 'List customers (search, no-code field filters custom.<key>, sorting, pages)', tag: 'partners', query: partnerListQuery },
	{ path: '/api/customers/{customerId}', summary: 'One customer with its contacts, payment terms, currency, agreed prices and history', tag: 'partners', params: ['customerId'] },
	{ path: '/api/suppliers', summary: 'List suppliers (search, an item they offer, no-code field filters custom.<key>, sorting, pages)', tag: 'partners', query: supplierListQuery },
	{ path: '/api/suppliers/{supplierId}', summary: 'One supplier with its items (price, lead time, MOQ, multiple) and history', tag: 'partners', params: ['supplierId'] },
	{
		path: '/api/sales-orders',
		summary: 'List sales orders with derived status and progress (no-code field filters custom.<key> too; sales users of a department see that department only)',
		tag: 'sales',
		query: salesOrderListQuery
	},
	{ path: '/api/sales-orders/{orderId}', summary: 'One sales order with its currency, lines (unit price, value), total and history', tag: 'sales', params: ['orderId'] },
	{ path: '/api/requisitions', summary: 'List purchase requisitions', tag: 'purchasing', query: requisitionListQuery },
	{ path: '/api/requisitions/{id}', summary: 'One requisition with its approval steps, history and the customer orders it serves', tag: 'purchasing', params: ['id'] },
	{ path: '/api/purchase-orders', summary: 'List purchase orders (no-code field filters custom.<key> too)', tag: 'purchasing', query: poListQuery },
	{ path: '/api/purchase-orders/{poId}', summary: 'One purchase order with its lines, receipts, inspections and history', tag: 'purchasing', params: ['poId'] },
	{ path: '/api/production-orders', summary: 'List production orders', tag: 'production', query: productionOrderListQuery },
	{ path: '/api/production-orders/{id}', summary: 'One production order with its operations, history and the customer orders it serves', tag: 'production', params: ['id'] },
	{ path: '/api/stock', summary: 'Stock per item: usable on hand, in QC, rejected, allocated, available and value', tag: 'inventory', query: stockListQuery },
	{
		path: '/api/stock/{itemId}',
		summary: "One item's stock per location at moving average cost, its availability, and a page of its movements with who made each",
		tag: 'inventory',
		params: ['itemId'],
		query: movementPageQuery
	},
	{
		path: '/api/import/{kind}/template',
		summary: 'An empty import sheet with its headers (query: format=csv|xlsx, lang=zh-CN|en); kinds: items, boms, routings, suppliers, supplier-items, customers, customer-prices, open-orders',
		tag: 'import',
		params: ['kind']
	},
	{
		path: '/api/lookup/{kind}',
		summary:
			"What a form's picker offers as one types, kind item|customer|supplier|work-center|location: codes starting with q (any case) first, then names containing it, at most limit (20, up to 50); for items, supplierId puts that supplier's items first and makeOrBuy those made or bought; production users of a department are offered its work centres and those of none",
		tag: 'items',
		params: ['kind'],
		query: lookupQuery,
		response: '{"options":[{"code","name","detail"}]}: detail is an item\'s unit or a work centre\'s department, else null; a location\'s name is empty'
	},
	{ path: '/api/work-centers', summary: 'List work centres with status and calendar', tag: 'production', query: workCenterListQuery },
	{
		path: '/api/planning/planned-orders',
		summary: "The live plan's planned orders (all, or one item's), each pegged to the demands it serves: sales order lines, safety stock, forecast, or the parent planned or production order whose components it supplies",
		tag: 'planning',
		query: plannedOrdersQuery,
		response:
			'{"planId","generatedAt","startDate","mode","plannedOrders":[{"id","itemId","kind":"make"|"buy","qty","releaseDate","dueDate","pegs":[{"qty","demand":{"kind",…},"needDate"}],"surplus"}]}; planId null before the first plan'
	},
	{
		path: '/api/planning/exceptions',
		summary: "The live plan's exception messages (expedite, defer, cancel, past due, shortage) in the reader's language (English for tokens unless lang=zh-CN)",
		tag: 'planning',
		query: exceptionsQuery,
		response: '{"planId","generatedAt","exceptions":[{"id","kind","itemId","ref"?:{"kind","id","lineId"?},"date"?,"days"?,"qty"?,"message"}]}'
	},
	{
		path: '/api/alerts',
		summary: 'Alerts the alert rules raised, newest first (500 at most): by status, severity, and mine=1 for the reader’s own (by role, department or username). Acknowledge and resolve with the commands alert.acknowledge and alert.resolve',
		tag: 'alerts',
		query: alertsQuery,
		response:
			'{"alerts":[{"id","rule","kind","severity":"info"|"warning"|"critical","status":"open"|"acknowledged"|"resolved","ref":{"kind","id","lineId"?},"message","messages":{"zh-CN","en"},"raisedAt","owner"?:{"kind","id"},"link","level","acknowledgedAt","resolvedAt","resolution"}]}'
	},
	{
		path: '/api/kpis',
		summary: 'The KPI catalogue: id, names (zh-CN, en), unit, direction, formula and its source, default target and thresholds, dimensions',
		tag: 'kpis',
		response: '{"kpis":[{"id","name":{"zh-CN","en"},"unit","direction":"higher"|"lower","scale","formula":{"num","den"},"source","target","warn","bad","dims"}]}'
	},
	{
		path: '/api/kpis/{kpi}',
		summary: 'One KPI over [from, to) in minute, hour, day, week or month buckets of the factory time zone (weeks start Monday); dim=<dimension>:<value> for one customer, supplier, item or work centre; 404 for an unknown KPI',
		tag: 'kpis',
		params: ['kpi'],
		query: seriesQuery,
		response: '{"kpi","points":[{"t":ISO,"value":number|null,"num","den"}],"total":{"value","num","den"}}'
	},
	{
		path: '/api/kpis/{kpi}/records',
		summary: 'The records behind a KPI figure over [from, to): side=num (e.g. the lines on time) or side=den (every line counted), with why (due date, days late, reason codes, supply causes)',
		tag: 'kpis',
		params: ['kpi'],
		query: recordsQuery,
		response: '{"kpi","side","total","records":[{"record","t","num","den","why"}]}'
	}
];

// Read scopes of API tokens: which areas of the factory's data a token may read (GET /api/…, the
// event log, live topics). A token reads nothing it was not granted; "*" grants every area.
// Posting events is the other half of a token's scope (its event types); the two are independent,
// except that a token may always read back the event types it names explicitly.
export const READ_SCOPES = ['events', 'masterdata', 'sales', 'purchasing', 'production', 'inventory', 'planning', 'alerts', 'kpis'] as const;
export type ReadScope = (typeof READ_SCOPES)[number];

/** What each scope opens, for the API documentation and the settings page's hints. */
export const READ_SCOPE_DESCRIPTIONS: Record<ReadScope, string> = {
	events: 'the event log: GET /api/events and live events:* / events:<type>, every type',
	masterdata: 'items, BOMs, work centres, customers, suppliers and import templates',
	sales: 'sales orders',
	purchasing: 'requisitions and purchase orders',
	production: 'production orders',
	inventory: 'stock and its movements',
	planning: 'the live plan: planned orders with their pegging, and exception messages',
	alerts: 'alerts: what the alert rules raised, their owners and status',
	kpis: 'KPIs: the catalogue, series and the records behind each figure'
};

/** Every scope, for tokens that read everything. */
export const ALL = '*';

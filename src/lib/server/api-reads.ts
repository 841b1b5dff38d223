// Which read scope each API path needs from a token (server/auth/read-scopes.ts). One table, so what a
// token may read is decided in one place for every GET under /api; a path missing here is readable by
// admin tokens and signed-in users only, never by a scoped token.
import type { ReadScope } from '$server/auth/read-scopes.ts';

const API_READS: readonly [prefix: string, scope: ReadScope][] = [
	['/api/events', 'events'],
	['/api/items', 'masterdata'],
	['/api/boms', 'masterdata'],
	['/api/work-centers', 'masterdata'],
	['/api/customers', 'masterdata'],
	['/api/suppliers', 'masterdata'],
	['/api/import', 'masterdata'],
	['/api/lookup/location', 'inventory'],
	['/api/lookup', 'masterdata'],
	['/api/sales-orders', 'sales'],
	['/api/requisitions', 'purchasing'],
	['/api/purchase-orders', 'purchasing'],
	['/api/production-orders', 'production'],
	['/api/stock', 'inventory'],
	['/api/planning', 'planning'],
	['/api/alerts', 'alerts'],
	['/api/kpis', 'kpis']
];

/** The scope a token needs to read `pathname`, or null when no token scope opens it. */
export function readScopeOf(pathname: string): ReadScope | null {
	for (const [prefix, scope] of API_READS) {
		if (pathname === prefix || pathname.startsWith(prefix + '/')) return scope;
	}
	return null;
}

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossSiteRefusal, withSecurityHeaders } from '../../../src/lib/server/security.ts';
import { readScopeOf } from '../../../src/lib/server/api-reads.ts';
import { ROOT } from '../../support/paths.ts';

const url = new URL('http://factory.local:3000/api/commands/item.save');
const req = (method: string, headers: Record<string, string>) => new Request(url, { method, headers });

describe('the Origin check of requests made with the session cookie', () => {
	it('lets same-origin changes, reads and token-authenticated requests through', () => {
		expect(crossSiteRefusal(req('POST', { origin: url.origin }), url, true)).toBeNull();
		expect(crossSiteRefusal(req('GET', { origin: 'http://evil.example' }), url, true)).toBeNull();
		expect(crossSiteRefusal(req('POST', { origin: 'http://evil.example', authorization: 'Bearer x' }), url, true)).toBeNull();
		expect(crossSiteRefusal(req('POST', { origin: 'http://evil.example' }), url, false)).toBeNull();
	});

	it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('refuses a cross-site or Origin-less %s with 403', async (method) => {
		for (const headers of [{ origin: 'http://evil.example' }, { origin: 'http://factory.local:3001' }, {}] as Record<string, string>[]) {
			const r = crossSiteRefusal(req(method, headers), url, true)!;
			expect(r.status).toBe(403);
			expect(await r.json()).toMatchObject({ code: 'ERR_FORBIDDEN' });
		}
	});
});

describe('security headers', () => {
	it('adds the headers, keeps a handler\'s own value, and adds HSTS only over HTTPS', () => {
		const r = withSecurityHeaders(new Response('x', { headers: { 'x-frame-options': 'SAMEORIGIN' } }), false);
		expect(r.headers.get('x-content-type-options')).toBe('nosniff');
		expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
		expect(r.headers.get('strict-transport-security')).toBeNull();
		expect(withSecurityHeaders(new Response('x'), true).headers.get('strict-transport-security')).toMatch(/max-age=/);
	});

	it('copies a response whose headers cannot change', () => {
		const frozen = Response.redirect('http://factory.local/x', 303);
		const r = withSecurityHeaders(frozen, false);
		expect([r.status, r.headers.get('location'), r.headers.get('x-content-type-options')]).toEqual([303, 'http://factory.local/x', 'nosniff']);
	});
});

describe('read scopes of API paths', () => {
	it('maps each list and record to its area', () => {
		expect(readScopeOf('/api/sales-orders')).toBe('sales');
		expect(readScopeOf('/api/sales-orders/SO-1')).toBe('sales');
		expect(readScopeOf('/api/stock/A-1')).toBe('inventory');
		expect(readScopeOf('/api/items-and-more')).toBeNull();
		expect(readScopeOf('/api/tokens')).toBeNull();
	});

	it('gives every token-readable GET endpoint under /api a scope (a new one must choose)', () => {
		const root = join(ROOT, 'src/routes/api');
		const getters = readdirSync(root, { recursive: true, encoding: 'utf8' })
			.filter((f) => f.endsWith('+server.ts') && /export const GET\b/.test(readFileSync(join(root, f), 'utf8')))
			.map((f) => '/api/' + dirname(f).split(sep).join('/').replace(/\[(\w+)\]/g, 'x'));
		// Public documents, and token administration (admin tokens only).
		const unscoped = new Set(['/api/openapi.json', '/api/tokens']);
		for (const path of getters) if (!unscoped.has(path)) expect(readScopeOf(path), path).not.toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { listHref } from '../../../src/lib/components/list-href.ts';

const params = (s: string) => new URLSearchParams(s);

describe('links within a list page', () => {
	it('keeps the other filters when the sort changes, and goes back to page 1', () => {
		expect(listHref(params('q=steel&kind=material&page=3'), '/items', { sort: 'name', dir: 'desc' })).toBe('/items?q=steel&kind=material&sort=name&dir=desc');
	});

	it('keeps sort and filters when only the page changes, and leaves page 1 out of the URL', () => {
		expect(listHref(params('q=a&sort=due&dir=asc'), '/sales', { page: 2 })).toBe('/sales?q=a&sort=due&dir=asc&page=2');
		expect(listHref(params('q=a&page=2'), '/sales', { page: 1 })).toBe('/sales?q=a');
	});

	it('drops lang, the parameters named to drop, and empty values', () => {
		expect(listHref(params('lang=en&from=REQ-1&status=open'), '/purchasing/orders', { status: '' }, ['from'])).toBe('/purchasing/orders');
	});
});

import { describe, expect, it } from 'vitest';
import { noticeOf, savedHref, withoutNotice } from '../../../src/lib/components/saved.ts';

describe('the saved notice in the redirect’s address', () => {
	it('adds the notice and the record to an address, keeping its own query', () => {
		expect(savedHref('/sales/SO-1', 'so.created', 'SO-1')).toBe('/sales/SO-1?notice=so.created&saved=SO-1');
		expect(savedHref('/production/work-centers?wc=WELD', 'wc.saved', 'WELD')).toBe('/production/work-centers?wc=WELD&notice=wc.saved&saved=WELD');
		expect(savedHref('/purchasing/orders/PO-1', 'corrected')).toBe('/purchasing/orders/PO-1?notice=corrected');
	});

	it('reads the notice back, and none of a kind it does not know (an old or edited link)', () => {
		expect(noticeOf(new URL('http://x' + savedHref('/inventory/A%2FB', 'stock.adjusted', 'A/B')))).toEqual({ kind: 'stock.adjusted', id: 'A/B' });
		expect(noticeOf(new URL('http://x/sales/SO-1?notice=hacked&saved=<b>'))).toBeNull();
		expect(noticeOf(new URL('http://x/settings/users?saved=wang'))).toBeNull();
	});

	it('drops the notice but keeps the saved record, which lists mark', () => {
		const url = withoutNotice(new URL('http://x/settings/users?notice=settings.saved&saved=wang'));
		expect(url.search).toBe('?saved=wang');
	});
});

import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/lib/i18n/index.ts';

describe('messages', () => {
	it('chooses the English singular or plural by the count, formatted or not', () => {
		const t = translator('en');
		expect(t('sales.total', { n: 1 })).toBe('1 order');
		expect(t('sales.total', { n: 0 })).toBe('0 orders');
		expect(t('sales.total', { n: (1234).toLocaleString('en') })).toBe('1,234 orders');
		expect(t('routing.unrouted', { n: 1 })).toBe('1 item made here has no routing yet');
	});

	it('keeps Chinese messages as they are', () => {
		const t = translator('zh-CN');
		expect(t('sales.total', { n: 1 })).not.toContain('||');
		expect(t('sales.total', { n: 2 })).toContain('2');
	});
});

import { describe, expect, it } from 'vitest';
import { chosenText, exactOption, locationOptions, lookupUrl, matchOptions, moveActive, optionsOf, type PickerOption } from '../../../src/lib/components/picker.ts';
import { LOOKUP_KINDS } from '../../../server/masterdata/lookup.queries.ts';
import { PICKER_KINDS } from '../../../src/lib/components/picker.ts';

const options: PickerOption[] = [
	{ code: 'WHEEL', name: '车轮 Wheel', detail: 'pcs' },
	{ code: 'BOLT-M8', name: 'Hex bolt M8', detail: 'pcs' },
	{ code: 'FRAME', name: 'Frame with bolt holes', detail: 'pcs' },
	{ code: 'BOLT-M6', name: 'Hex bolt M6', detail: 'pcs' },
	{ code: 'A_B', name: '100% steel', detail: 'kg' }
];

describe('picker', () => {
	it('asks the lookup of its kind with the term, the limit and the filters given', () => {
		expect(lookupUrl('item', ' bolt ', { supplierId: 'S-1', makeOrBuy: undefined })).toBe('/api/lookup/item?q=bolt&limit=20&supplierId=S-1');
		expect(lookupUrl('work-center', '装配', {}, 5)).toBe(`/api/lookup/work-center?q=${encodeURIComponent('装配')}&limit=5`);
		expect(lookupUrl('customer', '', { supplierId: '  ' })).toBe('/api/lookup/customer?q=&limit=20');
	});

	it('has the kinds the lookup answers', () => {
		expect([...PICKER_KINDS]).toEqual([...LOOKUP_KINDS]);
	});

	it('moves the highlight down and up, wrapping around, and jumps with Home and End', () => {
		expect(moveActive(-1, 3, 'ArrowDown')).toBe(0);
		expect(moveActive(0, 3, 'ArrowDown')).toBe(1);
		expect(moveActive(2, 3, 'ArrowDown')).toBe(0);
		expect(moveActive(-1, 3, 'ArrowUp')).toBe(2);
		expect(moveActive(0, 3, 'ArrowUp')).toBe(2);
		expect(moveActive(2, 3, 'ArrowUp')).toBe(1);
		expect(moveActive(1, 3, 'Home')).toBe(0);
		expect(moveActive(1, 3, 'End')).toBe(2);
		expect(moveActive(0, 0, 'ArrowDown')).toBe(-1);
	});

	it("searches the page's own options as the server does: code prefix first, then name, by code", () => {
		expect(matchOptions(options, 'bolt').map((o) => o.code)).toEqual(['BOLT-M6', 'BOLT-M8', 'FRAME']);
		expect(matchOptions(options, 'FR').map((o) => o.code)).toEqual(['FRAME']);
		expect(matchOptions(options, '车轮').map((o) => o.code)).toEqual(['WHEEL']);
		expect(matchOptions(options, '%').map((o) => o.code)).toEqual(['A_B']);
		expect(matchOptions(options, '', 2).map((o) => o.code)).toEqual(['A_B', 'BOLT-M6']);
	});

	it('names the record whose code is exactly the one typed, with its unit', () => {
		expect(exactOption(options, 'BOLT-M6 ')).toEqual(options[3]);
		expect(exactOption(options, 'bolt-m6')).toBeUndefined();
		expect(exactOption(options, '')).toBeUndefined();
		expect(chosenText(options[0])).toBe('车轮 Wheel (pcs)');
		expect(chosenText({ code: 'C-1', name: '华东车行', detail: null })).toBe('华东车行');
		expect(chosenText(locationOptions(['MAIN'])[0])).toBe('');
		expect(optionsOf([{ id: 'S-1', name: '宁波' }])).toEqual([{ code: 'S-1', name: '宁波', detail: null }]);
	});
});

import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidByte, InvalidUtf8 } from '../../server/utf8.ts';

describe('strict UTF-8', () => {
	it('decodes well-formed text, Chinese and emoji included', () => {
		const text = '联动 ok 🏭';
		expect(decodeUtf8(Buffer.from(text, 'utf8'))).toBe(text);
		expect(firstInvalidByte(Buffer.from(text, 'utf8'))).toBe(Buffer.byteLength(text));
	});

	it.each([
		['a lone continuation byte', [0x61, 0x80], 1],
		['GBK bytes', [0x61, 0xc1, 0xaa, 0xb6, 0xaf], 1],
		['an overlong slash', [0x61, 0x62, 0xc0, 0xaf], 2],
		['a surrogate', [0xed, 0xa0, 0x80], 0],
		['a truncated sequence', [0x61, 0xe8, 0x81], 1],
		['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0]
	])('refuses %s and names where it starts', (_what, bytes, offset) => {
		const b = Uint8Array.from(bytes);
		expect(() => decodeUtf8(b)).toThrow(InvalidUtf8);
		expect(firstInvalidByte(b)).toBe(offset);
	});
});

// Strict UTF-8 decoding for request bodies and uploaded text. A lenient decoder turns bad bytes into
// U+FFFD and the damage is stored for good; this one refuses them and says where the first one is.
const decoder = new TextDecoder('utf-8', { fatal: true });

export class InvalidUtf8 extends Error {
	constructor(readonly offset: number) {
		super(`is not valid UTF-8 text (the first bad sequence starts at byte ${offset})`);
		this.name = 'InvalidUtf8';
	}
}

/** The text of `bytes`, or InvalidUtf8 naming the offset of the first byte that is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string {
	try {
		return decoder.decode(bytes);
	} catch {
		throw new InvalidUtf8(firstInvalidByte(bytes));
	}
}

/** Offset where the first ill-formed UTF-8 sequence starts (RFC 3629), or the length when there is none. */
export function firstInvalidByte(b: Uint8Array): number {
	let i = 0;
	while (i < b.length) {
		const c = b[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		let n: number;
		let lo = 0x80;
		let hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) n = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c === 0xe0) lo = 0xa0; // overlong
			if (c === 0xed) hi = 0x9f; // surrogates
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c === 0xf0) lo = 0x90; // overlong
			if (c === 0xf4) hi = 0x8f; // above U+10FFFF
		} else return i;
		for (let k = 1; k <= n; k++) {
			const d = b[i + k];
			if (d === undefined) return i;
			if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
		}
		i += n + 1;
	}
	return b.length;
}

// Document number patterns: `SO-{yyyy}{seq:5}` and the like. Parsing, checking and formatting are pure
// (the date is an argument, already the factory's); which number comes next is decided in
// sequences.queries.ts, inside the creating command's transaction.
import { SAFE_CODE } from '../events/primitives.ts';

/** The documents that are numbered by a pattern, with the number field of their command. */
export const NUMBERED_KINDS = ['sales_order', 'purchase_order', 'requisition', 'production_order'] as const;
export type NumberedKind = (typeof NUMBERED_KINDS)[number];

/**
 * The year and a running number, as the sales desk of most factories writes them; the sequence
 * restarts each year. The prefixes are the ones the forms and the demo always used.
 */
export const DEFAULT_PATTERNS: Record<NumberedKind, string> = {
	sales_order: 'SO-{yyyy}{seq:5}',
	purchase_order: 'PO-{yyyy}{seq:5}',
	requisition: 'PR-{yyyy}{seq:5}',
	production_order: 'MO-{yyyy}{seq:5}'
};

export const MAX_PATTERN_LENGTH = 40;
export const MIN_SEQ_DIGITS = 3;
export const MAX_SEQ_DIGITS = 9;
/** A number is a code: at most 64 characters (server/events/primitives.ts). */
const MAX_NUMBER_LENGTH = 64;

type Part = { kind: 'text'; text: string } | { kind: 'yyyy' | 'yy' | 'mm' | 'dd' } | { kind: 'seq'; digits: number };

export interface Pattern {
	source: string;
	parts: Part[];
	digits: number;
}

/** Why a pattern cannot be used; `problem` picks the translated message. */
export interface PatternProblem {
	problem: 'length' | 'token' | 'chars' | 'seq_count' | 'seq_digits';
	message: string;
}

const TOKEN = /\{([^{}]*)\}/g;

/** The pattern's parts, or what is wrong with it. */
export function parsePattern(source: string): Pattern | PatternProblem {
	if (source.length < 1 || source.length > MAX_PATTERN_LENGTH) {
		return { problem: 'length', message: `must be 1 to ${MAX_PATTERN_LENGTH} characters` };
	}
	const parts: Part[] = [];
	let at = 0;
	let seqs = 0;
	let digits = 0;
	const literal = (text: string): PatternProblem | null => {
		if (!text) return null;
		if (!SAFE_CODE.test(text)) return { problem: 'chars', message: 'may contain only letters, digits, - _ . and the tokens {yyyy} {yy} {mm} {dd} {seq:N}' };
		parts.push({ kind: 'text', text });
		return null;
	};
	for (const m of source.matchAll(TOKEN)) {
		const bad = literal(source.slice(at, m.index));
		if (bad) return bad;
		at = m.index + m[0].length;
		const token = m[1];
		if (token === 'yyyy' || token === 'yy' || token === 'mm' || token === 'dd') parts.push({ kind: token });
		else if (/^seq:\d+$/.test(token)) {
			digits = Number(token.slice(4));
			seqs++;
			if (digits < MIN_SEQ_DIGITS || digits > MAX_SEQ_DIGITS) {
				return { problem: 'seq_digits', message: `{seq:N} takes ${MIN_SEQ_DIGITS} to ${MAX_SEQ_DIGITS} digits` };
			}
			parts.push({ kind: 'seq', digits });
		} else return { problem: 'token', message: `unknown token {${token}}: use {yyyy} {yy} {mm} {dd} {seq:N}` };
	}
	const bad = literal(source.slice(at));
	if (bad) return bad;
	if (seqs !== 1) return { problem: 'seq_count', message: 'must hold exactly one {seq:N}' };
	const pattern = { source, parts, digits };
	// The longest number it can give must still be a code.
	if (render(pattern, '2000-01-01', '9'.repeat(digits)).length > MAX_NUMBER_LENGTH) {
		return { problem: 'length', message: `gives numbers longer than ${MAX_NUMBER_LENGTH} characters` };
	}
	return pattern;
}

export function isPattern(p: Pattern | PatternProblem): p is Pattern {
	return 'parts' in p;
}

function render(p: Pattern, date: string, seq: string): string {
	return p.parts
		.map((x) => {
			switch (x.kind) {
				case 'text':
					return x.text;
				case 'yyyy':
					return date.slice(0, 4);
				case 'yy':
					return date.slice(2, 4);
				case 'mm':
					return date.slice(5, 7);
				case 'dd':
					return date.slice(8, 10);
				case 'seq':
					return seq;
			}
		})
		.join('');
}

/**
 * What the sequence runs under on a date: the pattern with its date tokens filled in and the running
 * number left out. `SO-{yyyy}{seq:5}` runs under `SO-2026{seq}` all year and starts again at 1 under
 * `SO-2027{seq}`; a pattern without date tokens never restarts.
 */
export function periodKey(p: Pattern, date: string): string {
	return render(p, date, '{seq}');
}

/** The largest running number the pattern can show. */
export function maxSeq(p: Pattern): number {
	return 10 ** p.digits - 1;
}

/** The document number for the factory date `date` (YYYY-MM-DD) and running number `n` (1…maxSeq). */
export function formatNumber(p: Pattern, date: string, n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > maxSeq(p)) throw new RangeError(`running number ${n} outside 1…${maxSeq(p)}`);
	return render(p, date, String(n).padStart(p.digits, '0'));
}

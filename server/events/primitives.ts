// Field types shared by every event schema. Bounds match the database columns (numeric(18,6),
// timestamptz, text without NUL), so anything that validates can be stored: a value the database
// would refuse is a 400 naming the field, never a 500 that integrators would retry forever.
import { z } from 'zod';
import { coded, pattern } from './issue-codes.ts';

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Largest quantity or amount: numeric(18,6) holds 12 digits before the point. */
export const MAX_AMOUNT = 999_999_999_999;
/** Smallest non-zero quantity: six decimals are kept. */
export const MIN_QTY = 0.000001;

export const wellFormed = (s: string) => s.isWellFormed() && !s.includes('\u0000');

/** A code (item, order, line…): trimmed, 1–64 characters, no control characters. */
export const code = z
	.string({ message: 'must be a string' })
	.trim()
	.min(1, 'must not be empty')
	.max(64, 'must be at most 64 characters')
	.refine((s) => !CONTROL.test(s) && s.isWellFormed(), { message: 'must not contain control characters', params: coded('ERR_CONTROL_CHARS') });

/** Free text such as a name: trimmed, 1–max characters, valid Unicode without NUL. */
export const text = (max: number) =>
	z
		.string({ message: 'must be a string' })
		.trim()
		.min(1, 'must not be empty')
		.max(max, `must be at most ${max} characters`)
		.refine(wellFormed, { message: 'must be valid text (no NUL, no broken characters)', params: coded('ERR_INVALID_TEXT') });

export const qty = z
	.number({ message: 'must be a number' })
	.min(MIN_QTY, 'must be greater than 0')
	.max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`);

export const nonNegative = z
	.number({ message: 'must be a number' })
	.nonnegative('must be 0 or more')
	.max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`)
	.refine((v) => v <= 0 || v >= MIN_QTY, { message: `must be 0 or at least ${MIN_QTY}`, params: coded('ERR_TOO_SMALL', { minimum: MIN_QTY }) }); // below 0 is reported above

const yearInRange = (iso: string) => {
	const y = Number(iso.slice(0, 4));
	return y >= 1900 && y <= 9999;
};

/** An ISO 4217 currency code (CNY, USD, EUR…). Amounts without one are in CNY, the factory's currency. */
export const currency = z
	.string({ message: 'must be a string' })
	.trim()
	.toUpperCase()
	.regex(pattern(/^[A-Z]{3}$/, 'ERR_CURRENCY'), 'must be a three-letter currency code such as CNY');

/** An email address, as people type them (no display names, no comments). */
export const email = z.string({ message: 'must be a string' }).trim().max(254, 'must be at most 254 characters').pipe(z.email({ message: 'must be an email address' }));

export const isoDate = z.iso
	.date({ message: 'must be a date YYYY-MM-DD', abort: true })
	.refine(yearInRange, { message: 'must be between 1900-01-01 and 9999-12-31', params: coded('ERR_DATE_RANGE') });

/** Already canonical: UTC with milliseconds, as JavaScript's toISOString writes it. */
export const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An instant with offset, normalised to UTC with millisecond precision (what both drivers return). */
export const instant = z.iso
	.datetime({ offset: true, message: 'must be an ISO-8601 date-time with offset', abort: true })
	.transform((s, ctx) => {
		// Most senders already write the canonical form; parsing dates is the costly part, so skip it then.
		const out = CANONICAL_INSTANT.test(s) ? s : new Date(s).toISOString();
		const y = Number(out.slice(0, 4));
		if (!(y >= 1900 && y <= 9999) || out.length !== 24) {
			ctx.issues.push({ code: 'custom', message: 'must be between years 1900 and 9999', input: s, params: coded('ERR_DATE_RANGE') });
			return z.NEVER;
		}
		return out;
	});

const MAX_DEPTH = 32;
const MAX_NODES = 10_000;

/** The first problem of a JSON value against the limits, or null; `path` is filled in on the way out. */
type Problem = { message: string; params: ReturnType<typeof coded> };
const TOO_MANY: Problem = { message: `must have at most ${MAX_NODES} values`, params: coded('ERR_JSON_TOO_BIG', { maximum: MAX_NODES }) };
const TOO_DEEP: Problem = { message: `must nest at most ${MAX_DEPTH} levels`, params: coded('ERR_JSON_TOO_DEEP', { maximum: MAX_DEPTH }) };
const BAD_TEXT: Problem = { message: 'must be valid text (no NUL, no broken characters)', params: coded('ERR_INVALID_TEXT') };
const BAD_KEY: Problem = { message: 'key must be valid text', params: coded('ERR_INVALID_TEXT') };

function jsonProblem(x: unknown, depth: number, budget: { nodes: number }, path: (string | number)[]): Problem | null {
	if (--budget.nodes < 0) return TOO_MANY;
	if (typeof x === 'string') return wellFormed(x) ? null : BAD_TEXT;
	if (typeof x !== 'object' || x === null) return null;
	if (depth >= MAX_DEPTH) return TOO_DEEP;
	if (Array.isArray(x)) {
		for (let i = 0; i < x.length; i++) {
			const p = jsonProblem(x[i], depth + 1, budget, path);
			if (p !== null) {
				path.unshift(i);
				return p;
			}
		}
		return null;
	}
	for (const k in x) {
		if (!wellFormed(k)) {
			path.unshift(k);
			return BAD_KEY;
		}
		const p = jsonProblem((x as Record<string, unknown>)[k], depth + 1, budget, path);
		if (p !== null) {
			path.unshift(k);
			return p;
		}
	}
	return null;
}

/** Any JSON object an integrator sends with an x.* event, within limits the database and clients can hold. */
export const jsonObject = z
	.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
		message: 'must be a JSON object',
		params: coded('ERR_NOT_AN_OBJECT')
	})
	.superRefine((v, ctx) => {
		const path: (string | number)[] = [];
		const problem = jsonProblem(v, 0, { nodes: MAX_NODES }, path);
		if (problem !== null) ctx.addIssue({ code: 'custom', path, ...problem });
	});

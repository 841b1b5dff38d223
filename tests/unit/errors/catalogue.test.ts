// The error catalogue is complete: every code the code base names is in it, and every code has its
// words in both languages, using only the parameters the catalogue declares.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERRORS, isErrorCode, type ErrorCode } from '../../../server/errors.ts';
import { errors as texts } from '../../../src/lib/i18n/areas/errors.ts';
import { LOCALES, translator } from '../../../src/lib/i18n/index.ts';
import { ROOT } from '../../support/paths.ts';

const CODES = Object.keys(ERRORS) as ErrorCode[];

/** Node's own codes that the code base tests for (never answered by Liandong). */
const NODE_CODES = new Set(['ERR_PARSE_ARGS']);

function* sources(dir: string): Generator<string> {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) yield* sources(p);
		else if (/\.(ts|js|svelte)$/.test(name)) yield p;
	}
}

/** Every quoted ERR_… string in server/ and src/, with the file that names it. */
function namedCodes(): Map<string, string> {
	const found = new Map<string, string>();
	for (const dir of ['server', 'src']) {
		for (const file of sources(join(ROOT, dir))) {
			for (const m of readFileSync(file, 'utf8').matchAll(/['"`](ERR_[A-Z_]+)['"`]/g)) found.set(m[1], relative(ROOT, file));
		}
	}
	return found;
}

/** Sample parameters of a code, from its declared schema. */
function sample(code: ErrorCode): Record<string, string | number> {
	const entry = ERRORS[code] as { params?: z.ZodObject };
	const out: Record<string, string | number> = {};
	for (const [key, schema] of Object.entries(entry.params?.shape ?? {})) {
		const options = (schema as { options?: readonly string[] }).options;
		out[key] = options ? options[0] : (schema as z.ZodType).safeParse(2).success ? 2 : `x-${key}`;
	}
	return out;
}

describe('the error catalogue', () => {
	it('holds every code thrown or answered in server/ and src/', () => {
		const missing = [...namedCodes()].filter(([code]) => !isErrorCode(code) && !NODE_CODES.has(code)).map(([code, file]) => `${code} (${file})`);
		expect(missing).toEqual([]);
	});

	it('gives every code an HTTP status', () => {
		for (const code of CODES) expect([400, 401, 403, 404, 409, 410, 413, 429, 500, 503], code).toContain(ERRORS[code].status);
	});

	it('has words for every code in zh-CN and en, and nothing else', () => {
		for (const locale of LOCALES) expect(Object.keys(texts[locale]).sort(), locale).toEqual([...CODES].sort());
	});

	it('words every code with its parameters filled in, in both languages', () => {
		for (const locale of LOCALES) {
			const t = translator(locale);
			for (const code of CODES) {
				const text = t.error(code, sample(code) as never);
				expect(text, `${locale} ${code}`).toBeTruthy();
				expect(text, `${locale} ${code}`).not.toMatch(/\{\w+\}|undefined|\|\|/);
			}
		}
	});

	it('names only declared parameters in its messages', () => {
		for (const locale of LOCALES) {
			for (const code of CODES) {
				const entry = texts[locale][code];
				if (typeof entry !== 'string') continue;
				const declared = Object.keys(sample(code));
				for (const [, name] of entry.matchAll(/\{(\w+)\}/g)) expect(declared, `${locale} ${code} {${name}}`).toContain(name);
			}
		}
	});

	it('chooses the English plural form by the count it shows', () => {
		const t = translator('en');
		expect(t.error('ERR_TOO_FEW', { minimum: 1 })).toBe('at least one is needed');
		expect(t.error('ERR_TOO_FEW', { minimum: 2 })).toBe('at least 2 are needed');
		expect(t.error('ERR_TOO_LONG', { maximum: 1 })).toBe('at most 1 character');
		expect(translator('zh-CN').error('ERR_TOO_LONG', { maximum: 64 })).toBe('最多 64 个字符');
	});

	it('words parameter values that are codes themselves', () => {
		expect(translator('zh-CN').error('ERR_MO_TRANSITION', { from: 'completed', to: 'released' })).toBe('「已完工」的订单不能变为「已下达」');
		expect(translator('en').error('ERR_STOCK_NEGATIVE', { itemId: 'M-1', onHand: 2, need: 5 })).toBe('backflush needs 5 of M-1, only 2 on hand');
	});

	it('gives no words when the parameters its message needs are missing', () => {
		expect(translator('en').error('ERR_SO_OVER_SHIPMENT', {})).toBeUndefined();
	});
});

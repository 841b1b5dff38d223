import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS } from '../../../server/commands/registry.ts';
import { buildCatalogue } from '../../../server/runtime.ts';
import { zodIssues } from '../../../server/commands/command.ts';
import { issueText, issuePlace, type FieldIssue } from '../../../src/lib/components/issues.ts';
import { translator } from '../../../src/lib/i18n/index.ts';

// Every command's and fixed event's schema, given the failures people and integrators make (nothing,
// the wrong type, empty, far too long, negative, not a number, a bad date, an empty or a broken list),
// must come back in Chinese on a Chinese page: no English words (codes in capitals and numbers may
// stay) and no "path:" prefix.
const zh = translator('zh-CN');
const en = translator('en');

const LONG = 'x'.repeat(100_000);
const BAD_VALUES: unknown[] = [undefined, null, '', '   ', LONG, -1, Number.NaN, 'abc', '2026-13-45', true, [], [{}], {}, 1.5, 1e12];

/** Inputs with one field wrong at a time (the others missing), for an object schema; the empty input too. */
function badInputs(schema: z.ZodType): unknown[] {
	const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
	const inputs: unknown[] = [{}, 'abc', []];
	if (!shape) return inputs;
	for (const key of Object.keys(shape)) for (const v of BAD_VALUES) inputs.push({ [key]: v });
	return inputs;
}

const schemas: [string, z.ZodType][] = [
	...Object.entries(COMMANDS).map(([name, c]) => [`command ${name}`, c.command.input as z.ZodType] as [string, z.ZodType]),
	...buildCatalogue()
		.list()
		.map((def) => [`event ${def.type}`, def.schema as z.ZodType] as [string, z.ZodType])
];

/** Lower-case Latin words of two letters or more: English, where codes are written in capitals (a URL scheme is no word). */
const ENGLISH = { test: (s: string) => /[a-z]{2,}/.test(s.replace(/https?:\/\//g, '')) };

describe('server messages in the page’s language', () => {
	it('words every schema failure of every command and event in Chinese, with no English and no path prefix', () => {
		const seen = new Set<string>();
		const bad: string[] = [];
		for (const [name, schema] of schemas) {
			for (const input of badInputs(schema)) {
				const out = schema.safeParse(input);
				if (out.success) continue;
				for (const issue of zodIssues(out.error, 0, input) as FieldIssue[]) {
					const text = issueText(zh, issue);
					const place = issuePlace(zh, issue.path);
					seen.add(issue.code ?? '');
					if (ENGLISH.test(text) || ENGLISH.test(place) || /^[\w.]+:/.test(text)) bad.push(`${name} ${issue.path} ${issue.code}: ${place} ${text}`);
				}
			}
		}
		expect([...new Set(bad)]).toEqual([]);
		// the failures reached the usual codes (a test that saw none would prove nothing)
		for (const code of ['ERR_REQUIRED', 'ERR_NOT_A_NUMBER', 'ERR_EMPTY', 'ERR_TOO_LONG', 'ERR_WRONG_TYPE', 'ERR_INVALID_DATE']) expect(seen).toContain(code);
	});

	it('says a number field given letters must be a number, in both languages', () => {
		const issue: FieldIssue = { path: 'goodQty', message: 'Invalid input: expected number, received NaN', code: 'ERR_NOT_A_NUMBER', params: {} };
		expect(issueText(zh, issue)).toBe('必须是数字');
		expect(issueText(en, issue)).toBe('must be a number');
	});

	it('names the field of an issue no field shows by its label, not its path', () => {
		expect(issuePlace(zh, 'goodQty')).toBe('合格数量');
		expect(issuePlace(en, 'lines.1.qty')).toBe('line 2 · quantity');
		expect(issuePlace(zh, 'lines')).toBe('订单行');
		expect(issuePlace(zh, '')).toBe('');
		// a field the table does not know is left unnamed rather than shown as code
		expect(issuePlace(zh, 'someInternalKey')).toBe('');
	});

	it('gives a Chinese page the code’s general words when the server’s parameters are missing', () => {
		const issue: FieldIssue = { path: 'qty', message: 'only 3 open on this line', code: 'ERR_SO_OVER_SHIPMENT' };
		expect(issueText(zh, issue)).toBe('无效');
		expect(issueText(en, issue)).toBe('only 3 open on this line');
	});
});

// The catalogue code and parameters of a zod issue, so that every field problem of an input reaches
// the pages and integrators as `{code, params}` (server/errors.ts), not only as English text. Built-in
// checks are read from the issue's structure; refinements name their code in `params.code`; regex
// checks by the pattern registered with `pattern()`. Pure: no IO.
import type { z } from 'zod';
import { isErrorCode, type ErrorCode, type ParamsArg } from '../errors.ts';

export interface IssueCode {
	code: ErrorCode;
	params: Record<string, string | number>;
}

/** Smallest non-zero quantity (numeric(18,6)): a minimum at or below it means "greater than 0". */
const MIN_QTY = 0.000001;

const PATTERNS = new Map<string, ErrorCode>();

/** `re`, registered so that a value not matching it reports `code`: `.regex(pattern(/…/, 'ERR_…'), message)`. */
export function pattern(re: RegExp, code: ErrorCode): RegExp {
	PATTERNS.set(String(re), code);
	return re;
}

/** What a refinement passes so its issue carries a catalogue code: `.refine(fn, {message, params: coded('ERR_…')})`. */
export const coded = <C extends ErrorCode>(code: C, ...params: ParamsArg<C>) => ({ code, ...(params[0] as object | undefined) });

const ok = (code: ErrorCode, params: Record<string, string | number> = {}): IssueCode => ({ code, params });

const FORMATS: Record<string, ErrorCode> = {
	date: 'ERR_INVALID_DATE',
	email: 'ERR_INVALID_EMAIL',
	datetime: 'ERR_INVALID_DATETIME',
	uuid: 'ERR_INVALID_UUID',
	time: 'ERR_INVALID_TIME'
};

/** The issue's code; `present` says whether the input had a value at the issue's path (false: "required"). */
export function issueCode(issue: z.core.$ZodIssue, present = true): IssueCode {
	switch (issue.code) {
		case 'custom': {
			const { code, ...params } = (issue.params ?? {}) as Record<string, string | number>;
			return isErrorCode(code) ? ok(code, params) : ok('ERR_INVALID');
		}
		case 'invalid_type':
			if (!present) return ok('ERR_REQUIRED');
			if (issue.expected === 'number') return ok('ERR_NOT_A_NUMBER');
			if (issue.expected === 'int') return ok('ERR_NOT_INTEGER');
			return ok('ERR_WRONG_TYPE', { expected: issue.expected });
		case 'too_small': {
			const min = Number(issue.minimum);
			if (issue.origin === 'string') return min <= 1 ? ok('ERR_EMPTY') : ok('ERR_TOO_SHORT', { minimum: min });
			if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
				if ((min === 0 && !issue.inclusive) || (min > 0 && min <= MIN_QTY)) return ok('ERR_NOT_POSITIVE');
				if (min === 0) return ok('ERR_NEGATIVE');
				return ok('ERR_TOO_SMALL', { minimum: min });
			}
			return ok('ERR_TOO_FEW', { minimum: min });
		}
		case 'too_big': {
			const max = Number(issue.maximum);
			if (issue.origin === 'string') return ok('ERR_TOO_LONG', { maximum: max });
			if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') return ok('ERR_TOO_BIG', { maximum: max });
			return ok('ERR_TOO_MANY', { maximum: max });
		}
		case 'invalid_format':
			if (issue.format === 'regex') return ok((issue.pattern && PATTERNS.get(issue.pattern)) || 'ERR_INVALID_FORMAT');
			return ok(FORMATS[issue.format] ?? 'ERR_INVALID_FORMAT');
		case 'invalid_value':
			return ok('ERR_INVALID_OPTION', { options: issue.values.map(String).join(', ') });
		case 'unrecognized_keys':
			return ok('ERR_UNKNOWN_FIELD');
		default:
			return ok('ERR_INVALID');
	}
}

/** Whether the input has a value at the path: a missing value is "required", a wrong one is not. */
export function presentAt(input: unknown, path: readonly PropertyKey[]): boolean {
	let v: unknown = input;
	for (const key of path) {
		if (typeof v !== 'object' || v === null) return false;
		v = (v as Record<PropertyKey, unknown>)[key];
	}
	return v !== undefined;
}

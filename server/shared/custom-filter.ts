// Filtering a list by no-code field values. A list URL names them as `custom.<key>=<value>` (equal to)
// and, for number and date fields, `custom.<key>.from` / `custom.<key>.to` (an inclusive range).
// Keys and values are checked against the entity's active definitions here, so a misspelt key is a
// 400 naming it, not an empty list; the SQL takes keys and values as parameters, never as text.
import type { Issue } from '../commands/command.ts';
import { isoDate } from '../events/primitives.ts';
import type { ErrorCode } from '../errors.ts';
import type { CustomFieldDefinition } from '../masterdata/custom-fields.ts';

export type CustomFilter =
	| { key: string; op: 'eq'; value: string | number }
	| { key: string; op: 'from' | 'to'; type: 'number' | 'date'; value: string | number };

const PARAM = /^custom\.([a-z][a-z0-9_]{0,39})(?:\.(from|to))?$/;

/** A list URL parameter that filters on a no-code field (the list's own schema never sees it). */
export const isCustomParam = (name: string) => name.startsWith('custom.');

type FieldShape = Pick<CustomFieldDefinition, 'key' | 'type' | 'choices'>;

type Refusal = { message: string; code: ErrorCode; params?: Record<string, string | number> };

function value(def: FieldShape, raw: string): { value: string | number } | Refusal {
	const s = raw.trim();
	switch (def.type) {
		case 'number': {
			const n = Number(s);
			return s !== '' && Number.isFinite(n) ? { value: n } : { message: 'must be a number', code: 'ERR_NOT_A_NUMBER' };
		}
		case 'date':
			return isoDate.safeParse(s).success ? { value: s } : { message: 'must be a date YYYY-MM-DD', code: 'ERR_INVALID_DATE' };
		case 'choice': {
			const options = def.choices?.join(', ') ?? '';
			return def.choices?.includes(s) ? { value: s } : { message: `must be one of ${options}`, code: 'ERR_INVALID_OPTION', params: { options } };
		}
		case 'text':
			return s.length <= 500 ? { value: s } : { message: 'must be at most 500 characters', code: 'ERR_TOO_LONG', params: { maximum: 500 } };
	}
}

/**
 * The custom-field filters among a list's URL parameters, checked against `defs`. Empty parameters
 * (a filter left blank) mean "not given". Issues name the parameter: `custom.grade: must be one of …`.
 */
export function parseCustomFilters(params: Iterable<[string, string]>, defs: readonly FieldShape[]): { filters: CustomFilter[]; issues: Issue[] } {
	const filters: CustomFilter[] = [];
	const issues: Issue[] = [];
	const fail = (path: string, r: Refusal) => issues.push({ index: issues.length, path, message: r.message, code: r.code, params: r.params ?? {} });
	for (const [name, raw] of params) {
		if (!isCustomParam(name) || raw.trim() === '') continue;
		const m = PARAM.exec(name);
		const def = m ? defs.find((d) => d.key === m[1]) : undefined;
		if (!m || !def) {
			fail(name, { message: 'is not a defined field', code: 'ERR_CUSTOM_UNKNOWN', params: { key: m?.[1] ?? name } });
			continue;
		}
		const op = (m[2] ?? 'eq') as 'eq' | 'from' | 'to';
		if (op !== 'eq' && def.type !== 'number' && def.type !== 'date') {
			fail(name, { message: 'a range applies to number and date fields only', code: 'ERR_CUSTOM_RANGE' });
			continue;
		}
		const v = value(def, raw);
		if ('message' in v) fail(name, v);
		else if (op === 'eq') filters.push({ key: def.key, op, value: v.value });
		else filters.push({ key: def.key, op, type: def.type as 'number' | 'date', value: v.value });
	}
	return { filters, issues };
}

/**
 * SQL conditions (to be joined with `and`) for the filters on the jsonb `column`, their values pushed
 * onto `params`. Equality is jsonb containment, so 7.9 matches 7.90 and a text matches exactly. A
 * range compares only values of the field's type: a value stored before an admin changed the field's
 * type is left out rather than failing the cast.
 */
export function customFilterSql(column: string, filters: readonly CustomFilter[], params: unknown[]): string[] {
	return filters.map((f) => {
		if (f.op === 'eq') {
			params.push(JSON.stringify({ [f.key]: f.value }));
			return `${column} @> $${params.length}::jsonb`;
		}
		params.push(f.key);
		const k = `$${params.length}::text`;
		params.push(f.value);
		const v = `$${params.length}`;
		const cmp = f.op === 'from' ? '>=' : '<=';
		return f.type === 'number'
			? `(case when jsonb_typeof(${column}->${k}) = 'number' then (${column}->>${k})::numeric end) ${cmp} ${v}::numeric`
			: `(case when ${column}->>${k} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then ${column}->>${k} end) ${cmp} ${v}::text`;
	});
}

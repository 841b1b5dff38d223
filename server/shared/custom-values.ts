// No-code field values as every capability with such fields checks them: the active definitions of
// an entity, the values a command was given checked against them (unknown, missing or mistyped values
// refused at "custom.<key>"), and a record's data with its checked values. Definitions are master data
// (server/masterdata/custom-fields.ts); nothing here writes.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { CommandRejected } from '../commands/command.ts';
import { isoDate, text } from '../events/primitives.ts';
import { issueCode } from '../events/issue-codes.ts';
import type { CustomEntity, CustomFieldDefinition } from '../masterdata/custom-fields.ts';

export async function customFields(q: Queryable, entity: CustomEntity): Promise<CustomFieldDefinition[]> {
	const r = await q.query<{ key: string; zh: string; en: string; type: CustomFieldDefinition['type']; required: boolean; choices: string[] | null; position: number }>(
		`select key, label_zh as zh, label_en as en, type, required, choices, position from custom_fields
		where entity = $1 and active order by position, key`,
		[entity]
	);
	return r.rows.map((f) => ({
		entity,
		key: f.key,
		labels: { 'zh-CN': f.zh, en: f.en },
		type: f.type,
		required: f.required,
		...(f.choices ? { choices: f.choices } : {}),
		active: true,
		position: f.position
	}));
}

const valueSchema = (f: CustomFieldDefinition): z.ZodType => {
	switch (f.type) {
		case 'text':
			return text(500);
		case 'number':
			return z.number({ message: 'must be a number' });
		case 'date':
			return isoDate;
		case 'choice':
			return z.enum(f.choices as [string, ...string[]], { message: `must be one of ${f.choices!.join(', ')}` });
	}
};

/** A custom value refused, with the check it failed as `problem` (ERR_NOT_A_NUMBER, ERR_INVALID_OPTION…). */
function rejectedValue(path: string, key: string, issue: z.core.$ZodIssue): CommandRejected {
	const { code, params } = issueCode(issue);
	return new CommandRejected('ERR_CUSTOM_INVALID', path, issue.message, { ...params, key, problem: code });
}

/**
 * Checks a record's custom values against the active definitions of its entity: unknown keys,
 * missing required values and wrong types are refused at "custom.<key>". Answers the cleaned values.
 */
export async function checkCustomValues(
	tx: Queryable,
	entity: CustomEntity,
	values: Record<string, unknown> | undefined,
	pathPrefix = 'custom'
): Promise<Record<string, unknown>> {
	const defs = await customFields(tx, entity);
	const out: Record<string, unknown> = {};
	const given = values ?? {};
	for (const key of Object.keys(given)) {
		if (!defs.some((d) => d.key === key)) throw new CommandRejected('ERR_CUSTOM_UNKNOWN', `${pathPrefix}.${key}`, 'is not a defined field', { key });
	}
	for (const d of defs) {
		const v = given[d.key];
		if (v === undefined || v === null || v === '') {
			if (d.required) throw new CommandRejected('ERR_CUSTOM_REQUIRED', `${pathPrefix}.${d.key}`, 'is required', { key: d.key });
			continue;
		}
		const parsed = valueSchema(d).safeParse(v);
		if (!parsed.success) throw rejectedValue(`${pathPrefix}.${d.key}`, d.key, parsed.error.issues[0]);
		out[d.key] = parsed.data;
	}
	return out;
}

/** The record's data with its checked custom values; no `custom` member when there are none. */
export function withCustom<T extends { custom?: unknown }>(input: T, custom: Record<string, unknown>): Record<string, unknown> {
	const { custom: _given, ...rest } = input;
	return Object.keys(custom).length ? { ...rest, custom } : rest;
}

// No-code fields. Definitions are data (custom_field.defined events, admin only); values ride in the
// record's own event under `custom` and are validated against the definitions like built-in fields:
// a wrong value is an issue at "custom.<key>", and nothing is written.
import { z } from 'zod';
import type { Queryable } from '../db/db.ts';
import { CommandRejected, type Command } from '../commands/command.ts';
import { asJson, latestPerKey, type Projector } from '../events/projectors.ts';
import { code, text } from '../events/primitives.ts';
import { coded, pattern } from '../events/issue-codes.ts';
import { customFields } from '../shared/custom-values.ts';

export const CUSTOM_ENTITIES = ['item', 'customer', 'supplier', 'sales_order', 'purchase_order'] as const;
export type CustomEntity = (typeof CUSTOM_ENTITIES)[number];

export const customFieldDefinedSchema = z
	.strictObject({
		entity: z.enum(CUSTOM_ENTITIES),
		key: z.string().regex(pattern(/^[a-z][a-z0-9_]{0,39}$/, 'ERR_FIELD_KEY'), 'lower-case letters, digits and _, starting with a letter'),
		labels: z.strictObject({ 'zh-CN': text(60), en: text(60) }),
		type: z.enum(['text', 'number', 'date', 'choice']),
		required: z.boolean(),
		choices: z.array(code).min(1).max(100).optional(),
		active: z.boolean().default(true),
		position: z.number().int().min(0).max(1000).default(100)
	})
	.refine((d) => (d.type === 'choice') === (d.choices !== undefined), { message: 'choices are required for, and only for, type choice', path: ['choices'], params: coded('ERR_CHOICES_MISMATCH') });
export type CustomFieldDefinition = z.infer<typeof customFieldDefinedSchema>;

export const customFieldEventTypes = [
	{ type: 'custom_field.defined', commandOnly: true, schema: customFieldDefinedSchema, description: 'An admin defined or changed a no-code field of items, customers, suppliers, sales or purchase orders.' }
];

export const customFieldDefined: Projector<CustomFieldDefinition> = {
	type: 'custom_field.defined',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => `${e.data.entity}\u0000${e.data.key}`).map((e) => ({
			...e.data,
			zh: e.data.labels['zh-CN'],
			en: e.data.labels.en,
			choices: e.data.choices ?? null,
			at: e.occurredAt,
			id: e.id
		}));
		await tx.query(
			`insert into custom_fields (entity, key, label_zh, label_en, type, required, choices, active, position, version_at, version_id)
			select entity, key, zh, en, type, required, choices, active, position, at, id from jsonb_to_recordset($1::jsonb)
				as x(entity text, key text, zh text, en text, type text, required boolean, choices jsonb, active boolean, position int, at timestamptz, id uuid)
			on conflict (entity, key) do update set label_zh = excluded.label_zh, label_en = excluded.label_en, type = excluded.type,
				required = excluded.required, choices = excluded.choices, active = excluded.active, position = excluded.position,
				version_at = excluded.version_at, version_id = excluded.version_id
			where (custom_fields.version_at, custom_fields.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

export const defineCustomField: Command<CustomFieldDefinition, { entity: string; key: string }> = {
	name: 'custom_field.define',
	input: customFieldDefinedSchema,
	roles: [], // admin: settings
	async run(_ctx, input) {
		return { events: [{ type: 'custom_field.defined', data: input }], result: { entity: input.entity, key: input.key } };
	}
};

// Reading definitions and checking values are shared by every capability with no-code fields.
export { checkCustomValues, customFields } from '../shared/custom-values.ts';

/** Where each master-data record keeps its values; fixed here, never taken from input. */
const RECORD_TABLES = {
	item: { table: 'items', id: 'item_id' },
	customer: { table: 'customers', id: 'customer_id' },
	supplier: { table: 'suppliers', id: 'supplier_id' }
} as const satisfies Partial<Record<CustomEntity, { table: string; id: string }>>;

/**
 * The checked values of a master-data save with the stored values of fields no longer active carried
 * over. No form, sheet or API caller can send a retired field (it is refused as undefined), so without
 * this every save would erase its values and reactivating the field would find them gone. Values of
 * active fields are the input's alone: one left empty is cleared.
 */
export async function keepRetiredValues(
	tx: Queryable,
	entity: keyof typeof RECORD_TABLES,
	id: string,
	checked: Record<string, unknown>
): Promise<Record<string, unknown>> {
	const t = RECORD_TABLES[entity];
	const stored = (await tx.query<{ custom: Record<string, unknown> | null }>(`select custom from ${t.table} where ${t.id} = $1`, [id])).rows[0]?.custom;
	if (!stored) return checked;
	const active = new Set((await customFields(tx, entity)).map((d) => d.key));
	return { ...Object.fromEntries(Object.entries(stored).filter(([key]) => !active.has(key))), ...checked };
}

export { withCustom } from '../shared/custom-values.ts';

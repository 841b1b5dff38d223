// No-code field definitions as the settings page lists them: every entity's, retired ones too (the
// admin sees everything). What a page or command uses of them is in custom-fields.ts.
import type { Queryable } from '../db/db.ts';

export interface FieldRow {
	entity: string;
	key: string;
	labelZh: string;
	labelEn: string;
	type: string;
	required: boolean;
	choices: string[] | null;
	active: boolean;
	position: number;
}

export async function listCustomFields(q: Queryable): Promise<FieldRow[]> {
	const r = await q.query<FieldRow>(
		`select entity, key, label_zh as "labelZh", label_en as "labelEn", type, required, choices, active, position
		from custom_fields order by entity, position, key`
	);
	return r.rows;
}

export async function hasCustomField(q: Queryable, entity: string, key: string): Promise<boolean> {
	return (await q.query('select 1 from custom_fields where entity = $1 and key = $2', [entity, key])).rowCount > 0;
}

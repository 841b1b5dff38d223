// What the settings pages list: users, reason codes, approval rules and no-code field definitions,
// read straight from their tables (retired and disabled ones too: the admin sees everything), and
// the choices the forms offer in the page's language. Read-only.
import type { Choice } from '$lib/components/settings/lists';
import type { ReasonCodeRow } from '$lib/components/settings/reason-form';
import type { RuleRow } from '$lib/components/settings/rule-form';
import type { FieldRow } from '$lib/components/settings/field-form';
import { translator, type Locale, type MessageKey } from '$lib/i18n';
import type { Queryable } from '$server/db/db.ts';
import { ROLES, ROLE_LABELS } from '$server/auth/roles.ts';
import { REASON_LISTS, type ReasonList } from '$server/sales/schemas.ts';
import { CUSTOM_ENTITIES, type CustomEntity, type CustomFieldDefinition } from '$server/masterdata/custom-fields.ts';

export interface UserRow {
	username: string;
	displayName: string;
	roles: string[];
	department: string | null;
	locale: string;
	createdAt: string;
	disabledAt: string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** Every user, or the one named. */
export async function listUsers(q: Queryable, only?: string): Promise<UserRow[]> {
	const r = await q.query<{
		username: string;
		display_name: string;
		roles: string[];
		department: string | null;
		locale: string;
		created_at: Date | string;
		disabled_at: Date | string | null;
	}>('select username, display_name, roles, department, locale, created_at, disabled_at from users where $1::text is null or username = $1 order by username', [
		only ?? null
	]);
	return r.rows.map((u) => ({
		username: u.username,
		displayName: u.display_name,
		roles: u.roles,
		department: u.department,
		locale: u.locale,
		createdAt: iso(u.created_at)!,
		disabledAt: iso(u.disabled_at)
	}));
}

/** An account's history: who created, changed, disabled or re-enabled it, and password changes (never the password). */
export async function userHistory(q: Queryable, username: string): Promise<AccountEvent[]> {
	const r = await q.query<{ id: string; type: string; occurred_at: Date | string; actor: string | null; source: string; data: Record<string, unknown> }>(
		`select id, type, occurred_at, actor, source, data from events
		where type = any($1::text[]) and data->>'username' = $2 order by occurred_at desc, seq desc limit 200`,
		[USER_EVENT_TYPES, username]
	);
	return r.rows.map((e) => ({ id: e.id, type: e.type, occurredAt: iso(e.occurred_at)!, actor: e.actor ?? e.source, data: e.data }));
}

export const USER_EVENT_TYPES = ['user.created', 'user.updated', 'user.disabled', 'user.enabled', 'user.password_set', 'user.password_changed'];

export interface AccountEvent {
	id: string;
	type: string;
	occurredAt: string;
	actor: string;
	data: Record<string, unknown>;
}

export async function listReasonCodes(q: Queryable): Promise<ReasonCodeRow[]> {
	const r = await q.query<ReasonCodeRow>(
		'select list, code, label_zh as "labelZh", label_en as "labelEn", active from reason_codes order by list, code'
	);
	return r.rows;
}

const RULE_COLUMNS = 'rule_id as "ruleId", name, priority, conditions, steps, active';

/** In the order they are tried: priority, then id (server/purchasing/approval.ts). */
export async function listRules(q: Queryable): Promise<RuleRow[]> {
	return (await q.query<RuleRow>(`select ${RULE_COLUMNS} from approval_rules order by priority, rule_id`)).rows;
}

export async function getRule(q: Queryable, ruleId: string): Promise<RuleRow | null> {
	return (await q.query<RuleRow>(`select ${RULE_COLUMNS} from approval_rules where rule_id = $1`, [ruleId])).rows[0] ?? null;
}

export async function listCustomFields(q: Queryable): Promise<FieldRow[]> {
	const r = await q.query<FieldRow>(
		`select entity, key, label_zh as "labelZh", label_en as "labelEn", type, required, choices, active, position
		from custom_fields order by entity, position, key`
	);
	return r.rows;
}

export const roleChoices = (locale: Locale): Choice[] => ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][locale] }));

// Every list, entity and field type of the server has words here: the types check that none is missing.
const LIST_KEYS = {
	order_change: 'settings.reasonList.order_change',
	order_cancel: 'settings.reasonList.order_cancel',
	po_delay: 'settings.reasonList.po_delay',
	scrap: 'settings.reasonList.scrap',
	wc_stop: 'settings.reasonList.wc_stop',
	stock_adjust: 'settings.reasonList.stock_adjust'
} satisfies Record<ReasonList, MessageKey>;

const ENTITY_KEYS = {
	item: 'settings.entity.item',
	customer: 'settings.entity.customer',
	supplier: 'settings.entity.supplier',
	sales_order: 'settings.entity.sales_order',
	purchase_order: 'settings.entity.purchase_order'
} satisfies Record<CustomEntity, MessageKey>;

const TYPE_KEYS = {
	text: 'settings.fieldType.text',
	number: 'settings.fieldType.number',
	date: 'settings.fieldType.date',
	choice: 'settings.fieldType.choice'
} satisfies Record<CustomFieldDefinition['type'], MessageKey>;

export const reasonListChoices = (locale: Locale): Choice[] => REASON_LISTS.map((l) => ({ value: l, label: translator(locale)(LIST_KEYS[l]) }));

export const entityChoices = (locale: Locale): Choice[] => CUSTOM_ENTITIES.map((e) => ({ value: e, label: translator(locale)(ENTITY_KEYS[e]) }));

export const fieldTypeChoices = (locale: Locale): Choice[] =>
	(Object.keys(TYPE_KEYS) as (keyof typeof TYPE_KEYS)[]).map((ty) => ({ value: ty, label: translator(locale)(TYPE_KEYS[ty]) }));

export async function hasReasonCode(q: Queryable, list: string, code: string): Promise<boolean> {
	return (await q.query('select 1 from reason_codes where list = $1 and code = $2', [list, code])).rowCount > 0;
}

export async function hasCustomField(q: Queryable, entity: string, key: string): Promise<boolean> {
	return (await q.query('select 1 from custom_fields where entity = $1 and key = $2', [entity, key])).rowCount > 0;
}

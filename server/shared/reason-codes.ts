// Reason codes as every capability uses them: the check a command makes before it writes (an active
// code of the right list), and the reads the forms and the settings page offer. The codes themselves
// are written by `reason_code.upserted` (server/sales/reason-codes.ts); nothing here writes.
import type { Queryable } from '../db/db.ts';
import { CommandRejected } from '../commands/command.ts';
import type { ReasonList } from '../sales/schemas.ts';

/** The languages a reason code has a label in. */
export type LabelLocale = 'zh-CN' | 'en';

/** A reason code as the forms offer it: its label in the page's language. */
export interface ReasonChoice {
	code: string;
	label: string;
	active: boolean;
}

export interface ReasonCodeRow {
	list: string;
	code: string;
	labelZh: string;
	labelEn: string;
	active: boolean;
}

export async function requireReason(tx: Queryable, list: ReasonList, reasonCode: string, path = 'reasonCode'): Promise<void> {
	const r = await tx.query('select 1 from reason_codes where list = $1 and code = $2 and active', [list, reasonCode]);
	if (!r.rowCount) throw new CommandRejected('ERR_UNKNOWN_REASON', path, `"${reasonCode}" is not an active reason in the list ${list}`, { reasonCode, list });
}

/** Every code of the list, retired ones too (a history names them); forms offer the active ones. */
export async function reasonChoices(q: Queryable, list: ReasonList, locale: LabelLocale): Promise<ReasonChoice[]> {
	const r = await q.query<{ code: string; label_zh: string; label_en: string; active: boolean }>(
		'select code, label_zh, label_en, active from reason_codes where list = $1 order by code',
		[list]
	);
	return r.rows.map((x) => ({ code: x.code, label: locale === 'en' ? x.label_en : x.label_zh, active: x.active }));
}

/** Every list's codes, retired ones too (the settings page shows everything). */
export async function listReasonCodes(q: Queryable): Promise<ReasonCodeRow[]> {
	const r = await q.query<ReasonCodeRow>('select list, code, label_zh as "labelZh", label_en as "labelEn", active from reason_codes order by list, code');
	return r.rows;
}

export async function hasReasonCode(q: Queryable, list: string, code: string): Promise<boolean> {
	return (await q.query('select 1 from reason_codes where list = $1 and code = $2', [list, code])).rowCount > 0;
}

/**
 * Every code's label in one language, retired codes too, for histories that name a reason without its
 * list (stock movements, timelines). A code in two lists takes the first list's label by name order.
 */
export async function reasonLabels(q: Queryable, locale: LabelLocale): Promise<Record<string, string>> {
	const r = await q.query<{ code: string; label_zh: string; label_en: string }>('select code, label_zh, label_en from reason_codes order by list desc, code');
	return Object.fromEntries(r.rows.map((x) => [x.code, locale === 'en' ? x.label_en : x.label_zh]));
}

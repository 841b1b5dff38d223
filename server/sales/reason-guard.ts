// Holds "a reason code must be an active code of its list" for ingested and imported events, as
// requireReason does for commands (same code and path). One query per batch and type.
import type { Queryable } from '../db/db.ts';
import { asJson } from '../events/projectors.ts';
import { refuseEvent, type Refusal } from '../events/refusal.ts';
import type { ReasonList } from './schemas.ts';

export interface ReasonCheck {
	eventId: string;
	list: ReasonList;
	code: string;
	path?: string;
}

export function unknownReason(list: ReasonList, code: string, path = 'reasonCode'): Refusal {
	return { code: 'ERR_UNKNOWN_REASON', path, message: `"${code}" is not an active reason in the list ${list}`, params: { reasonCode: code, list } };
}

export function reasonRequired(why: string, path = 'reasonCode'): Refusal {
	return { code: 'ERR_REASON_REQUIRED', path, message: `a reason is required ${why}` };
}

export async function guardReasons(tx: Queryable, checks: ReasonCheck[]): Promise<void> {
	if (!checks.length) return;
	const wanted = [...new Map(checks.map((c) => [c.list + '\u0000' + c.code, { list: c.list, code: c.code }])).values()];
	const active = new Set(
		(
			await tx.query<{ list: string; code: string }>(
				`select r.list, r.code from reason_codes r join jsonb_to_recordset($1::jsonb) as x(list text, code text) on r.list = x.list and r.code = x.code
				where r.active`,
				[asJson(wanted)]
			)
		).rows.map((r) => r.list + '\u0000' + r.code)
	);
	for (const c of checks) if (!active.has(c.list + '\u0000' + c.code)) refuseEvent(c.eventId, unknownReason(c.list, c.code, c.path));
}

// The character rule of new codes (SAFE_CODE) on master records that are created and changed by one
// upsert event: a record that exists already keeps its code, whatever it holds (made before the rule),
// and may still be changed; only a code not yet known must be safe. A guard, so every way an upsert
// arrives (command, import, ingest) is refused alike; replay and rebuild skip guards.
import type { Queryable } from '../db/db.ts';
import type { StoredEvent } from './envelope.ts';
import type { Projector } from './projectors.ts';
import { SAFE_CODE } from './primitives.ts';
import { refuseEvent } from './refusal.ts';

/**
 * A projector that only guards: events of `type` whose `field` is not a safe code are refused unless
 * `existing` (SQL taking the codes as `$1::text[]`, answering `id`) finds the record.
 */
export function newCodeGuard(type: string, field: string, existing: string): Projector {
	return {
		type,
		async apply() {},
		async guard(tx: Queryable, events: StoredEvent[]) {
			const odd = events.filter((e) => !SAFE_CODE.test(String(e.data[field])));
			if (!odd.length) return;
			const known = new Set((await tx.query<{ id: string }>(existing, [odd.map((e) => String(e.data[field]))])).rows.map((r) => r.id));
			const e = odd.find((x) => !known.has(String(x.data[field])));
			if (e) refuseEvent(e.id, { code: 'ERR_CODE_CHARS', path: field, message: 'may contain only letters, digits and - _ .' });
		}
	};
}

// Adding, changing or retiring a reason code from the settings page. There is no command for it yet,
// so this appends the reason_code.upserted event itself, after checking its data with the event's
// schema; the sales projector then updates reason_codes in the same transaction. A proper command
// (roles, the "exists already" rule, source and actor stamped by execute()) should replace it.
import { randomUUID } from 'node:crypto';
import type { Runtime } from '$lib/server/runtime';
import { reasonCodeUpsertedSchema } from '../../../server/sales/schemas.ts';
import type { User } from '../../../server/auth/users.ts';
import { parsed, type Refused } from './form-actions.server.ts';

export async function upsertReasonCode(rt: Runtime, raw: unknown, user: User): Promise<{ code: string } | Refused> {
	const checked = parsed(reasonCodeUpsertedSchema, raw);
	if ('issues' in checked) return checked;
	const envelope = {
		id: randomUUID(),
		type: 'reason_code.upserted',
		occurredAt: rt.clock.now().toISOString(),
		source: 'settings',
		actor: `user:${user.username}`,
		data: checked.data
	};
	await rt.events.transact(async () => ({ events: [envelope], result: null }));
	return { code: checked.data.code };
}

// Adding, changing or retiring a reason code from the settings page, through the reason_code.save
// command (roles, validation, actor and source stamped like every command).
import type { Runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import { execute } from '$server/commands/command.ts';
import { saveReasonCode } from '$server/sales/reason-codes.ts';
import type { User } from '$server/auth/users.ts';
import { attempt, type Refused } from './form-actions.server.ts';

export async function upsertReasonCode(rt: Runtime, raw: unknown, user: User): Promise<{ code: string } | Refused> {
	const out = await attempt(() => execute(rt, saveReasonCode, raw, userActor(user), 'settings'));
	return 'issues' in out ? out : { code: out.result.code };
}

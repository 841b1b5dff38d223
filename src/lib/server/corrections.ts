// The form action behind every "Correct…" of a history (CorrectionForm.svelte): the entry's event id
// under its own name ('shipmentId', 'receiptId', …), a reason of the correction list and an optional
// note, run as the signed-in user's command. A refusal comes back to that entry's form with what was
// chosen; a correction done goes back to the record.
import { fail, redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import { runtime } from '$lib/server/runtime';
import { userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { text } from '$lib/components/form-values';
import { execute, type Command } from '$server/commands/command.ts';
import type { User } from '$server/auth/users.ts';

export async function correctionAction<W extends string, K extends string>(
	user: User,
	form: FormData,
	opts: { which: W; idName: K; command: Command<never, unknown>; back: string }
) {
	const rt = await runtime();
	const id = text(form, opts.idName);
	const values = { reasonCode: text(form, 'reasonCode'), note: text(form, 'note') };
	const input = { [opts.idName]: id, reasonCode: values.reasonCode, ...(values.note ? { note: values.note } : {}) };
	const out = await attempt(() => execute(rt, opts.command, input, userActor(user), 'ui'));
	if ('issues' in out) return fail(out.status, { which: opts.which, ...({ [opts.idName]: id } as Record<K, string>), values, issues: out.issues });
	redirect(303, savedHref(opts.back, 'corrected'));
}

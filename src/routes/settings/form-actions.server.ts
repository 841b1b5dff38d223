// What the settings pages' form actions share: a refused command or schema comes back to its form
// as field issues with what was typed (nothing is saved), and a saved form goes back to its page
// with the record named, so the list can mark it.
import { redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import type { z } from 'zod';
import type { FieldIssue } from '$lib/components/issues';
import { zodIssues } from '$server/commands/command.ts';
import type { ErrorCode } from '$server/errors.ts';

export type { Refused } from '$lib/server/forms';
export { attempt } from '$lib/server/forms';
import { plain } from '$lib/server/forms';
import type { Refused } from '$lib/server/forms';

/** For the settings that are not commands yet (tokens, reason codes): the schema's issues, as a command would give them. */
export function parsed<T>(schema: z.ZodType<T>, raw: unknown): { data: T } | Refused {
	const out = schema.safeParse(raw);
	return out.success ? { data: out.data } : { status: 400, issues: plain(zodIssues(out.error, 0, raw)) };
}

/** A record that exists already (409), refused on its key field rather than overwritten by a "new" form. */
export const taken = (path: string, code: ErrorCode, message: string): FieldIssue[] => [{ path, message, code }];

/** Back to the section, naming what was saved (the list marks its row; the layout says "saved"). */
export function savedRedirect(section: string, saved: string): never {
	redirect(303, savedHref(`/settings/${section}`, 'settings.saved', saved));
}

// What it takes to create a token, validated the same way for the HTTP API and the CLI.
import { z } from 'zod';
import type { Catalogue } from '../events/catalogue.ts';
import { code, text } from '../events/primitives.ts';
import { ALL, READ_SCOPES } from './read-scopes.ts';
import { coded } from '../events/issue-codes.ts';

const readList = z
	.array(z.string().refine((r) => r === ALL || (READ_SCOPES as readonly string[]).includes(r), { message: `must be one of ${[ALL, ...READ_SCOPES].join(', ')}` }))
	.min(1, 'must list at least one area, or be left out to read nothing')
	.max(20);

/** The fields of a token request, without the check of event-type names (that needs the catalogue). */
export const tokenFields = {
	name: text(100),
	kind: z.enum(['api', 'kiosk', 'admin']).default('api'),
	eventTypes: z.array(text(100)).min(1, 'must list at least one type ("*" for every type), or be left out to post nothing').max(200).optional(),
	reads: readList.optional(),
	screens: z.array(code).min(1).max(200).optional()
};

export function tokenInputSchema(catalogue: Catalogue) {
	return z
		.strictObject({
			...tokenFields,
			eventTypes: z
				.array(z.string().refine((t) => t === ALL || catalogue.isKnown(t), { message: 'is not a known event type', params: coded('ERR_UNKNOWN_EVENT_TYPE') }))
				.min(1, 'must list at least one type ("*" for every type), or be left out to post nothing')
				.max(200)
				.optional()
		})
		.superRefine((v, ctx) => {
			if (v.eventTypes && v.kind !== 'api') ctx.addIssue({ code: 'custom', path: ['eventTypes'], message: 'only API tokens are limited to event types', params: coded('ERR_TOKEN_SCOPE_KIND', { kind: 'api' }) });
			if (v.reads && v.kind !== 'api') ctx.addIssue({ code: 'custom', path: ['reads'], message: 'only API tokens are given read scopes' });
			if (v.screens && v.kind !== 'kiosk') ctx.addIssue({ code: 'custom', path: ['screens'], message: 'only kiosk tokens are limited to screens', params: coded('ERR_TOKEN_SCOPE_KIND', { kind: 'kiosk' }) });
			// A token with no scope could do nothing: say so now rather than hand out a useless secret.
			if (v.kind === 'api' && !v.eventTypes && !v.reads) {
				ctx.addIssue({ code: 'custom', path: ['eventTypes'], message: 'an API token needs event types to post or areas to read (reads), or both' });
			}
		});
}

export type TokenInput = z.infer<ReturnType<typeof tokenInputSchema>>;

// What it takes to create a token, validated the same way for the HTTP API and the CLI.
import { z } from 'zod';
import type { Catalogue } from '../events/catalogue.ts';
import { code, text } from '../events/primitives.ts';
import { coded } from '../events/issue-codes.ts';

/** The fields of a token request, without the check of event-type names (that needs the catalogue). */
export const tokenFields = {
	name: text(100),
	kind: z.enum(['api', 'kiosk', 'admin']).default('api'),
	eventTypes: z.array(text(100)).min(1, 'must list at least one type, or be left out for every type').max(200).optional(),
	screens: z.array(code).min(1).max(200).optional()
};

export function tokenInputSchema(catalogue: Catalogue) {
	return z
		.strictObject({
			...tokenFields,
			eventTypes: z
				.array(z.string().refine((t) => catalogue.isKnown(t), { message: 'is not a known event type', params: coded('ERR_UNKNOWN_EVENT_TYPE') }))
				.min(1, 'must list at least one type, or be left out for every type')
				.max(200)
				.optional()
		})
		.superRefine((v, ctx) => {
			if (v.eventTypes && v.kind !== 'api') ctx.addIssue({ code: 'custom', path: ['eventTypes'], message: 'only API tokens are limited to event types', params: coded('ERR_TOKEN_SCOPE_KIND', { kind: 'api' }) });
			if (v.screens && v.kind !== 'kiosk') ctx.addIssue({ code: 'custom', path: ['screens'], message: 'only kiosk tokens are limited to screens', params: coded('ERR_TOKEN_SCOPE_KIND', { kind: 'kiosk' }) });
		});
}

export type TokenInput = z.infer<ReturnType<typeof tokenInputSchema>>;

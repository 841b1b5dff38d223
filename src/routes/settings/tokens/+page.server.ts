import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { text } from '$lib/components/form-values';
import { readTokenForm, tokenInput, TOKEN_KINDS } from '$lib/components/settings/token-form';
import { listTokens, type TokenKind } from '$server/auth/tokens.ts';
import { tokenInputSchema } from '$server/auth/token-input.ts';
import { READ_SCOPES } from '$server/auth/read-scopes.ts';
import { createTokenCommand, revokeTokenCommand } from '$server/auth/token-commands.ts';
import { execute } from '$server/commands/command.ts';
import { attempt, parsed } from '../form-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// API, kiosk and admin tokens: the live ones, a form for a new one (its secret is shown once, in
// the answer to the form, and stored only as a hash), and revoking. Both are commands (token.create,
// token.revoke), so the event log records who gave and who took away access; the input is checked
// with the same schema as the HTTP API and the CLI.
// The form offers the server's kinds of token, no other.
TOKEN_KINDS satisfies readonly TokenKind[];

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, []);
	const rt = await runtime();
	return {
		tokens: await listTokens(rt.db),
		eventTypes: rt.catalogue.list().map((d) => ({ type: d.type, description: d.description })),
		readScopes: [...READ_SCOPES]
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, createTokenCommand.roles);
		const rt = await runtime();
		const values = readTokenForm(await request.formData());
		const input = parsed(tokenInputSchema(rt.catalogue), tokenInput(values));
		if ('issues' in input) return fail(input.status, { which: 'create' as const, values, issues: input.issues });
		const out = await attempt(() => execute(rt, createTokenCommand, input.data, userActor(user), 'ui'));
		if ('issues' in out) return fail(out.status, { which: 'create' as const, values, issues: out.issues });
		const { id, token, name, kind } = out.result;
		return { which: 'create' as const, created: { id, name, kind, token } };
	},
	revoke: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, revokeTokenCommand.roles);
		const rt = await runtime();
		const id = text(await request.formData(), 'id');
		const out = await attempt(() => execute(rt, revokeTokenCommand, { tokenId: id }, userActor(user), 'ui'));
		if ('issues' in out) {
			// The form has one field: the token's id.
			return fail(out.status, { which: 'revoke' as const, id, issues: out.issues.map((i) => ({ ...i, path: 'id' })) });
		}
		return { which: 'revoke' as const, revoked: out.result.name };
	}
};

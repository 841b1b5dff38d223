import { fail } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { requireUser } from '$lib/server/auth';
import { text } from '$lib/components/form-values';
import { readTokenForm, tokenInput, TOKEN_KINDS } from '$lib/components/settings/token-form';
import { createToken, listTokens, revokeToken, type TokenKind } from '../../../../server/auth/tokens.ts';
import { tokenInputSchema } from '../../../../server/auth/token-input.ts';
import { parsed } from '../form-actions.server.ts';
import type { Actions, PageServerLoad } from './$types';

// API, kiosk and admin tokens: the live ones, a form for a new one (its secret is shown once, in
// the answer to the form, and stored only as a hash), and revoking. These are not commands yet: the
// input is checked with the same schema as the HTTP API and the CLI, and nothing is recorded in the
// event log.
// The form offers the server's kinds of token, no other.
TOKEN_KINDS satisfies readonly TokenKind[];

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, []);
	const rt = await runtime();
	return {
		tokens: await listTokens(rt.db),
		eventTypes: rt.catalogue.list().map((d) => ({ type: d.type, description: d.description }))
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		requireUser(locals, url, []);
		const rt = await runtime();
		const values = readTokenForm(await request.formData());
		const input = parsed(tokenInputSchema(rt.catalogue), tokenInput(values));
		if ('issues' in input) return fail(input.status, { which: 'create' as const, values, issues: input.issues });
		const { id, token } = await createToken(rt.db, input.data);
		return { which: 'create' as const, created: { id, name: input.data.name, kind: input.data.kind, token } };
	},
	revoke: async ({ locals, url, request }) => {
		requireUser(locals, url, []);
		const rt = await runtime();
		const id = text(await request.formData(), 'id');
		// Looked up among the live tokens first: an id that is not one (or not even a UUID) is a 404, not a database error.
		const target = (await listTokens(rt.db)).find((tk) => tk.id === id);
		if (!target) return fail(404, { which: 'revoke' as const, id, issues: [{ path: 'id', message: 'no live token has this id', code: 'ERR_TOKEN_UNKNOWN' }] });
		// LIANDONG_ADMIN_TOKEN would bring it back at the next start: it is changed in the environment.
		if (target.fromEnv) {
			return fail(409, { which: 'revoke' as const, id, issues: [{ path: 'id', message: 'set by LIANDONG_ADMIN_TOKEN', code: 'ERR_TOKEN_FROM_ENV' }] });
		}
		await revokeToken(rt.db, id);
		return { which: 'revoke' as const, revoked: target.name };
	}
};

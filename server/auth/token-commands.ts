// Creating and revoking tokens as commands, so the event log records who gave which integration or
// wall screen access, and who took it away. The token's value is the command's result, shown once;
// the event holds its id, name, kind and scopes only.
import { z } from 'zod';
import { CommandRejected, type Command } from '../commands/command.ts';
import { AppError } from '../errors.ts';
import { createToken, type TokenKind } from './tokens.ts';
import { tokenFields } from './token-input.ts';

const tokenCommandInput = z.strictObject(tokenFields);
type TokenCommandInput = z.infer<typeof tokenCommandInput>;

/** Callers check event-type names against the catalogue first (tokenInputSchema); this records and stores. */
export const createTokenCommand: Command<TokenCommandInput, { id: string; token: string; name: string; kind: TokenKind }> = {
	name: 'token.create',
	input: tokenCommandInput,
	roles: [], // admin only
	async run({ tx }, input) {
		const { id, token } = await createToken(tx, input);
		const data: Record<string, unknown> = { tokenId: id, name: input.name, kind: input.kind };
		if (input.eventTypes) data.eventTypes = input.eventTypes;
		if (input.reads) data.reads = input.reads;
		if (input.screens) data.screens = input.screens;
		return { events: [{ type: 'token.created', data }], result: { id, token, name: input.name, kind: input.kind } };
	}
};

export const revokeTokenInput = z.strictObject({ tokenId: z.uuid('must be a token id') });

export const revokeTokenCommand: Command<z.infer<typeof revokeTokenInput>, { tokenId: string; name: string }> = {
	name: 'token.revoke',
	input: revokeTokenInput,
	roles: [], // admin only
	async run({ tx }, input) {
		const t = (
			await tx.query<{ name: string; from_env: boolean }>('select name, from_env from api_tokens where id = $1 and revoked_at is null for update', [input.tokenId])
		).rows[0];
		if (!t) throw new AppError('ERR_NOT_FOUND', `no active token ${input.tokenId}`, { issues: [{ index: 0, path: 'tokenId', message: 'no live token has this id', code: 'ERR_TOKEN_UNKNOWN', params: { tokenId: input.tokenId } }] });
		// LIANDONG_ADMIN_TOKEN would bring it back at the next start: it is changed in the environment.
		if (t.from_env) throw new CommandRejected('ERR_TOKEN_FROM_ENV', 'tokenId', 'this token is set by LIANDONG_ADMIN_TOKEN: change the variable instead');
		await tx.query('update api_tokens set revoked_at = now() where id = $1', [input.tokenId]);
		return { events: [{ type: 'token.revoked', data: { tokenId: input.tokenId, name: t.name } }], result: { tokenId: input.tokenId, name: t.name } };
	}
};

// Event types of user and token administration. They record who changed which account or token and
// how, never a secret: passwords and token values stay out of the event log.
import { z } from 'zod';
import { code, text } from '../events/primitives.ts';
import { ROLES } from './roles.ts';

const userRef = { userId: z.uuid(), username: code };

export const userCreatedSchema = z.strictObject({
	...userRef,
	displayName: text(100),
	roles: z.array(z.enum(ROLES)).min(1),
	department: code.optional()
});

export const userUpdatedSchema = z.strictObject({
	...userRef,
	displayName: text(100).optional(),
	roles: z.array(z.enum(ROLES)).min(1).optional(),
	/** null: the user no longer belongs to a department. */
	department: code.nullable().optional(),
	locale: z.enum(['zh-CN', 'en']).optional()
});

export const tokenCreatedSchema = z.strictObject({
	tokenId: z.uuid(),
	name: text(100),
	kind: z.enum(['api', 'kiosk', 'admin']),
	eventTypes: z.array(text(100)).optional(),
	/** Areas an API token may read (server/auth/read-scopes.ts). */
	reads: z.array(text(40)).optional(),
	screens: z.array(code).optional()
});

export const authEventTypes = [
	{ type: 'user.created', commandOnly: true, schema: userCreatedSchema, description: 'A user account was created (no password: secrets never enter the event log).' },
	{ type: 'user.updated', commandOnly: true, schema: userUpdatedSchema, description: "A user's name, roles, department or language changed (only the fields that changed)." },
	{ type: 'user.disabled', commandOnly: true, schema: z.strictObject(userRef), description: 'A user account was disabled: it can no longer sign in, and its sessions ended.' },
	{ type: 'user.enabled', commandOnly: true, schema: z.strictObject(userRef), description: 'A disabled user account may sign in again.' },
	{ type: 'user.password_set', commandOnly: true, schema: z.strictObject(userRef), description: "An administrator set a user's password (the user's sessions ended)." },
	{ type: 'user.password_changed', commandOnly: true, schema: z.strictObject(userRef), description: 'A user changed their own password.' },
	{ type: 'token.created', commandOnly: true, schema: tokenCreatedSchema, description: 'An API, kiosk or admin token was created (its value is shown once and never stored).' },
	{ type: 'token.revoked', commandOnly: true, schema: z.strictObject({ tokenId: z.uuid(), name: text(100) }), description: 'A token was revoked: it no longer opens anything.' }
];

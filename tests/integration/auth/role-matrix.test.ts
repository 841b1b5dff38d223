import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, backendLabel, type TestRuntime } from '../../support/backend.ts';
import { COMMANDS } from '../../../server/commands/registry.ts';
import { execute } from '../../../server/commands/command.ts';
import { ROLES, hasAnyRole } from '../../../server/auth/roles.ts';
import { AppError } from '../../../server/errors.ts';

// Every command × every role that may not run it: 403, and nothing is written.
let t: TestRuntime;
beforeAll(async () => {
	t = await openTestRuntime();
});
afterAll(async () => t?.close());

async function eventCount(): Promise<number> {
	return (await t.rt.db.query<{ n: number }>('select count(*)::int as n from events')).rows[0].n;
}

const denied = Object.entries(COMMANDS).flatMap(([name, { command }]) =>
	ROLES.filter((role) => !hasAnyRole([role], command.roles)).map((role) => [name, role] as const)
);

describe(`the role × command matrix (${backendLabel})`, () => {
	it('has denied cases for every command but those every working role may run', () => {
		const names = new Set(denied.map(([n]) => n));
		const everyone = Object.keys(COMMANDS).filter((n) => ROLES.every((r) => hasAnyRole([r], COMMANDS[n].command.roles)));
		// Alerts: every role may act on its own alerts (the command checks the alert's owner).
		expect(everyone).toEqual(['alert.acknowledge', 'alert.resolve', 'user.change_password']);
		for (const name of Object.keys(COMMANDS)) if (!everyone.includes(name)) expect(names.has(name), name).toBe(true);
	});

	it.each(denied)('refuses %s to %s with 403 and writes nothing', async (name, role) => {
		const before = await eventCount();
		// Input does not matter: roles are checked before anything else is looked at.
		const err = await execute(t.rt, COMMANDS[name].command, {} as never, { kind: 'user', id: 'u', name: `user:${role}`, roles: [role] }).then(
			() => null,
			(e) => e
		);
		expect(err).toBeInstanceOf(AppError);
		expect((err as AppError).status).toBe(403);
		expect(await eventCount()).toBe(before);
	});

	it('lets admin past the role check of every command (bad input then answers 400, still nothing written)', async () => {
		const before = await eventCount();
		for (const { command } of Object.values(COMMANDS)) {
			const err = (await execute(t.rt, command, {} as never, { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] }).catch((e) => e)) as AppError;
			expect(err.status, command.name).toBe(400);
		}
		expect(await eventCount()).toBe(before);
	});
});

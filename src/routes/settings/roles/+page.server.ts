import { requireUser } from '$lib/server/auth';
import { COMMANDS } from '$server/commands/registry.ts';
import { updateUser } from '$server/auth/user-commands.ts';
import { ROLES } from '$server/auth/roles.ts';
import { roleChoices } from '../choices.server.ts';
import type { PageServerLoad } from './$types';

// The roles are fixed (DESIGN.md, Security); this page shows what each may do, read from the same
// command list the server checks, so it cannot drift from the rules it describes.
export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, updateUser.roles);
	const commands = Object.entries(COMMANDS).map(([name, { command, summary }]) => ({
		name,
		summary,
		roles: ROLES.filter((r) => r === 'admin' || command.roles.includes(r))
	}));
	return { commands, roles: roleChoices(locals.locale) };
};

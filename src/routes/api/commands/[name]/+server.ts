import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { AppError, endpoint, readJson } from '$lib/server/http';
import { requireActor } from '$lib/server/auth';
import { COMMANDS } from '$server/commands/registry.ts';
import { execute } from '$server/commands/command.ts';
import type { RequestHandler } from './$types';

// POST /api/commands/<name>: one validated pattern for every command (server/commands/registry.ts).
export const POST: RequestHandler = endpoint(async ({ params, request, locals }, rt) => {
	const entry = COMMANDS[params.name];
	if (!entry) throw new AppError('ERR_NOT_FOUND', `no command "${params.name}"`);
	const actor = await requireActor(rt, request, locals);
	const input = await readJson(request, 1024 * 1024);
	return json(await execute(rt, entry.command, input as never, actor, 'api'));
}, runtime);

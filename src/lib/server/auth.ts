// Who is acting, for pages and API endpoints: a signed-in user (session cookie) or an API token.
import { error, redirect, type Cookies } from '@sveltejs/kit';
import { AppError } from '$server/errors.ts';
import { hasAnyRole, type Role } from '$server/auth/roles.ts';
import { mayRead, verifyToken, type Principal } from '$server/auth/tokens.ts';
import { readScopeOf } from './api-reads.ts';
import { SESSION_COOKIE, SESSION_DAYS, type User } from '$server/auth/users.ts';
import type { Actor } from '$server/commands/command.ts';
import type { Runtime } from './runtime.ts';

export function userActor(user: User): Actor {
	return { kind: 'user', id: user.id, name: `user:${user.username}`, roles: user.roles, department: user.department };
}

/** A token as the actor of the commands it runs: admin tokens act as admin, others have no roles. */
export function tokenActor(p: Principal): Actor {
	return { kind: 'token', id: p.tokenId, name: `token:${p.name}`, roles: p.kind === 'admin' ? ['admin'] : [] };
}

/** Pages: the user, or a redirect to the login page; a user without the roles gets 403. */
export function requireUser(locals: App.Locals, url: URL, roles?: readonly Role[]): User {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	if (roles && !hasAnyRole(locals.user.roles, roles)) {
		error(403, { message: 'Your roles do not allow this page', code: 'ERR_FORBIDDEN' });
	}
	return locals.user;
}

/**
 * API: a bearer token (admin tokens act as admin) or the session of a signed-in user. A token's reads
 * (GET, HEAD, and a POST that only asks, `reads: true`, like a promise date) are limited to its read
 * scopes, by path (api-reads.ts); its writes by the commands' roles.
 */
export async function requireActor(rt: Runtime, request: Request, locals: App.Locals, opts: { reads?: boolean } = {}): Promise<Actor> {
	const header = request.headers.get('authorization');
	const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (token) {
		const p = await verifyToken(rt.db, token);
		if (!p) throw new AppError('ERR_UNAUTHORIZED', 'a valid API token is required: Authorization: Bearer <token>');
		if (p.kind === 'kiosk') throw new AppError('ERR_FORBIDDEN', 'kiosk tokens open wall screens only');
		if (request.method === 'GET' || request.method === 'HEAD' || opts.reads) {
			const scope = readScopeOf(new URL(request.url).pathname);
			if (!scope ? p.kind !== 'admin' : !mayRead(p, scope)) {
				throw new AppError('ERR_FORBIDDEN', scope ? `this token may not read ${scope}: an admin grants it the read scope "${scope}"` : 'only admin tokens read this');
			}
		}
		return tokenActor(p);
	}
	if (locals.user) return userActor(locals.user);
	throw new AppError('ERR_UNAUTHORIZED', 'sign in, or send Authorization: Bearer <token>');
}

export function setSessionCookie(cookies: Cookies, url: URL, secret: string): void {
	cookies.set(SESSION_COOKIE, secret, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: SESSION_DAYS * 86400
	});
}

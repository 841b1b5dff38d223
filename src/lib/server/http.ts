// Shared pieces of every API endpoint: JSON answers, AppError → status, bearer-token principal,
// and a body reader that stops at a byte limit (413) instead of buffering whatever is sent.
import { json } from '@sveltejs/kit';
import { AppError } from '$server/errors.ts';
import { verifyToken, type Principal } from '$server/auth/tokens.ts';
import { decodeUtf8, InvalidUtf8 } from '$server/utf8.ts';
import type { Runtime } from './runtime.ts';

export { AppError };

export function errorResponse(err: unknown, rt?: Runtime): Response {
	if (err instanceof AppError) {
		const headers: Record<string, string> = {};
		if (err.code === 'ERR_RATE_LIMITED') headers['retry-after'] = String(err.details.retryAfter ?? 1);
		if (err.code === 'ERR_UNAUTHORIZED') headers['www-authenticate'] = 'Bearer';
		return json(err.toJSON(), { status: err.status, headers });
	}
	rt?.log.error({ err }, 'request failed');
	return json({ error: 'internal error', code: 'ERR_INTERNAL' }, { status: 500 });
}

/** Wraps an endpoint so thrown AppErrors become their JSON answers. */
export function endpoint<E extends { request: Request }>(
	fn: (event: E, rt: Runtime) => Promise<Response>,
	getRuntime: () => Promise<Runtime>
) {
	return async (event: E): Promise<Response> => {
		let rt: Runtime | undefined;
		try {
			rt = await getRuntime();
			return await fn(event, rt);
		} catch (err) {
			return errorResponse(err, rt);
		}
	};
}

/** A bearer token's principal or, for reads from the app's own pages, the signed-in user. */
export async function requirePrincipal(rt: Runtime, request: Request, locals?: App.Locals): Promise<Principal> {
	const header = request.headers.get('authorization');
	const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (!token && locals?.user) {
		const u = locals.user;
		return { kind: 'user', tokenId: u.id, name: `user:${u.username}`, roles: u.roles, eventTypes: null, screens: null };
	}
	const p = token ? await verifyToken(rt.db, token) : null;
	if (!p) throw new AppError('ERR_UNAUTHORIZED', 'a valid API token is required: Authorization: Bearer <token>');
	return p;
}

export async function requireAdmin(rt: Runtime, request: Request): Promise<Principal> {
	const p = await requirePrincipal(rt, request);
	if (p.kind !== 'admin') throw new AppError('ERR_FORBIDDEN', 'an admin token is required');
	return p;
}

export async function readJson(request: Request, limitBytes: number): Promise<unknown> {
	const text = await readBody(request, limitBytes);
	try {
		return JSON.parse(text);
	} catch {
		throw new AppError('ERR_BAD_JSON', 'body is not valid JSON');
	}
}

/** The body as text: bytes that are not UTF-8 are refused (400), never stored as U+FFFD. */
export async function readBody(request: Request, limitBytes: number): Promise<string> {
	const bytes = await readBytes(request, limitBytes);
	try {
		return decodeUtf8(bytes);
	} catch (err) {
		if (!(err instanceof InvalidUtf8)) throw err;
		throw new AppError('ERR_VALIDATION', `body ${err.message}; nothing was stored`, {
			issues: [{ index: -1, path: 'body', message: err.message, code: 'ERR_BAD_UTF8' }]
		});
	}
}

export async function readBytes(request: Request, limitBytes: number): Promise<Buffer> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	const tooLarge = () => new AppError('ERR_PAYLOAD_TOO_LARGE', `body is larger than ${limitBytes} bytes`, { limit: limitBytes });
	if (declared > limitBytes) throw tooLarge();
	if (!request.body) return Buffer.alloc(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > limitBytes) {
			// Read (and drop) a bounded rest, so the client, still sending, gets to read the 413
			// instead of a connection reset; past three times the limit the connection is cut.
			while (total <= limitBytes * 3) {
				const next = await reader.read();
				if (next.done) break;
				total += next.value.byteLength;
			}
			await reader.cancel().catch(() => undefined);
			throw tooLarge();
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks);
}

// Whether the credentials behind open connections still hold: a token not revoked, a session not
// ended or expired, its user not disabled. One query per kind for any number of connections, so the
// live hub can ask every two seconds (server/live/hub.ts). Tracking links are sales' own: the runtime
// asks server/sales/tracking.ts about those (this answers false for them).
import type { Queryable } from '../db/db.ts';
import type { Principal } from './tokens.ts';

export async function stillValid(q: Queryable, principals: readonly Principal[], now: Date): Promise<boolean[]> {
	const tokenIds = [...new Set(principals.filter((p) => p.kind !== 'user' && p.kind !== 'tracking').map((p) => p.tokenId))];
	const sessions = [...new Set(principals.flatMap((p) => (p.kind === 'user' && p.sessionId ? [p.sessionId] : [])))];
	const liveTokens = new Set<string>();
	const liveSessions = new Set<string>();
	if (tokenIds.length) {
		const r = await q.query<{ id: string }>('select id from api_tokens where id = any($1::uuid[]) and revoked_at is null', [tokenIds]);
		for (const row of r.rows) liveTokens.add(row.id);
	}
	if (sessions.length) {
		const r = await q.query<{ id_hash: string }>(
			`select s.id_hash from sessions s join users u on u.id = s.user_id
			where s.id_hash = any($1::text[]) and s.expires_at > $2 and u.disabled_at is null`,
			[sessions, now]
		);
		for (const row of r.rows) liveSessions.add(row.id_hash);
	}
	// A user principal without a session (none reaches the hub so) cannot be re-checked: it is not kept.
	return principals.map((p) =>
		p.kind === 'user' ? Boolean(p.sessionId && liveSessions.has(p.sessionId)) : p.kind === 'tracking' ? false : liveTokens.has(p.tokenId)
	);
}

import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

// Liveness and backends (CONTRACTS.md): 200 when the database answers and the bus is connected.
export const GET: RequestHandler = async () => {
	try {
		const rt = await runtime();
		const [dbOk, busOk] = await Promise.all([
			rt.db.query('select 1').then(
				() => true,
				() => false
			),
			rt.bus.ping()
		]);
		const body = { ok: dbOk && busOk, db: rt.db.kind, bus: rt.bus.kind };
		return json(body, { status: body.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
	} catch {
		// The cause is in the server log; the public answer says only that the node is not ready.
		return json({ ok: false }, { status: 503 });
	}
};

// Transaction ids for tests of the (tx, seq) cursor: read the current one and move the counter on.
// On PostgreSQL the counter belongs to the whole cluster, so a test works relative to where it is.
import type { Queryable } from '../../server/db/db.ts';

/** The id the next transaction will get, or near it (other sessions on a cluster move it too). */
export async function currentXid(q: Queryable): Promise<bigint> {
	const r = await q.query<{ x: string }>('select pg_current_xact_id()::text as x');
	return BigInt(r.rows[0].x);
}

/** The smallest power of ten above `x` that leaves at least `room` ids below it. */
export function nextDigitBoundary(x: bigint, room: bigint): bigint {
	let p = 10n;
	while (p <= x + room) p *= 10n;
	return p;
}

/**
 * Burns transaction ids until the counter stands at `target` or beyond: one DO block committing
 * in a loop (each commit ends a transaction that was given an id), about 100,000 ids a second on
 * PGlite and PostgreSQL alike. `q` must not be inside a transaction (a pool or the PGlite handle).
 */
export async function burnXidsTo(q: Queryable, target: bigint): Promise<void> {
	await q.exec(`do $$ begin
		loop
			exit when pg_current_xact_id()::text::numeric >= ${target.toString()};
			commit;
		end loop;
	end $$`);
}

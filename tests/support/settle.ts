// Waiting for a durable reaction in tests. On a shared PostgreSQL server an open transaction anywhere
// holds a reaction's cursor back, so one catch-up is not enough: wait until the reaction's cursor has
// passed the newest event of the types it follows that was committed before the call.
import type { Queryable } from '../../server/db/db.ts';
import type { Runtime } from '../../server/runtime.ts';
import { readCursor } from '../../server/jobs/consumer.ts';
import { readEvents, type Cursor } from '../../server/events/read.ts';

/**
 * The newest event of these types committed so far, in log order. Read through readEvents, which
 * orders transaction ids as numbers: ordered as text, an id of 9999 comes after 10000, and once the
 * ids of a database's events gain a digit the "newest" would be an old one the cursor passed long ago.
 */
export async function lastEventOf(q: Queryable, types: readonly string[]): Promise<Cursor | null> {
	return (await readEvents(q, { types: [...types], desc: true, limit: 1 })).last;
}

/** Whether cursor `at` is at or past `target` in (tx, seq) order. */
export const reached = (at: Cursor | null, target: Cursor): boolean =>
	at !== null && (BigInt(at.tx) > BigInt(target.tx) || (at.tx === target.tx && at.seq >= target.seq));

export interface Settled {
	/** The newest event of the types when the wait began (null: none yet). */
	last: Cursor | null;
	/** The reaction's cursor when the wait ended. */
	cursor: Cursor | null;
}

/** Returns once reaction `name` has taken in every event of `types` committed before the call. */
export async function reactionSettled(rt: Runtime, name: string, types: readonly string[]): Promise<Settled> {
	const last = await lastEventOf(rt.db, types);
	if (!last) return { last, cursor: await readCursor(rt.db, name) };
	const reaction = rt.reactions.get(name);
	if (!reaction) throw new Error(`reaction ${name} is not registered`);
	for (;;) {
		await reaction.catchUp();
		const cursor = await readCursor(rt.db, name);
		if (reached(cursor, last)) return { last, cursor };
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

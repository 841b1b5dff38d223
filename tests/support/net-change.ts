// Waiting for the planning net-change reaction in tests. On a shared PostgreSQL server an open
// transaction anywhere holds a reaction's cursor back, so one catch-up is not enough: wait until the
// reaction's cursor has passed the last planning input committed so far.
import type { Queryable } from '../../server/db/db.ts';
import type { Runtime } from '../../server/runtime.ts';
import { NET_CHANGE_REACTION, PLANNING_INPUT_TYPES } from '../../server/planning/net-change.reaction.ts';
import { readCursor } from '../../server/jobs/consumer.ts';
import { readEvents, type Cursor } from '../../server/events/read.ts';

/**
 * The newest planning input committed so far, in log order. Read through readEvents, which orders
 * transaction ids as numbers: ordered as text, an id of 9999 comes after 10000, and once the ids of a
 * database's events gain a digit, the "newest" input would be an old one the cursor passed long ago.
 */
export async function lastPlanningInput(q: Queryable): Promise<Cursor | null> {
	return (await readEvents(q, { types: PLANNING_INPUT_TYPES, desc: true, limit: 1 })).last;
}

/** Whether cursor `at` is at or past `target` in (tx, seq) order. */
export const reached = (at: Cursor | null, target: Cursor): boolean =>
	at !== null && (BigInt(at.tx) > BigInt(target.tx) || (at.tx === target.tx && at.seq >= target.seq));

export interface Settled {
	/** The newest planning input when the wait began (null: none yet). */
	last: Cursor | null;
	/** The reaction's cursor when the wait ended. */
	cursor: Cursor | null;
}

/** Returns once the net-change reaction has taken in every planning input committed before the call. */
export async function netChangeSettled(rt: Runtime): Promise<Settled> {
	const last = await lastPlanningInput(rt.db);
	if (!last) return { last, cursor: await readCursor(rt.db, NET_CHANGE_REACTION) };
	const reaction = rt.reactions.get(NET_CHANGE_REACTION);
	if (!reaction) throw new Error(`reaction ${NET_CHANGE_REACTION} is not registered`);
	for (;;) {
		await reaction.catchUp();
		const cursor = await readCursor(rt.db, NET_CHANGE_REACTION);
		if (reached(cursor, last)) return { last, cursor };
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

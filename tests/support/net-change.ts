// Waiting for the planning net-change reaction in tests. On a shared PostgreSQL server an open
// transaction anywhere holds a reaction's cursor back, so one catch-up is not enough: wait until the
// reaction's cursor has passed the last planning input committed so far.
import type { Runtime } from '../../server/runtime.ts';
import { NET_CHANGE_REACTION, PLANNING_INPUT_TYPES } from '../../server/planning/net-change.reaction.ts';
import { readCursor } from '../../server/jobs/consumer.ts';

/** Returns once the net-change reaction has taken in every planning input committed before the call. */
export async function netChangeSettled(rt: Runtime): Promise<void> {
	const last = (
		await rt.db.query<{ tx: string; seq: string }>(
			'select tx::text as tx, seq::text as seq from events where type = any($1::text[]) order by tx desc, seq desc limit 1',
			[PLANNING_INPUT_TYPES]
		)
	).rows[0];
	if (!last) return;
	const reaction = rt.reactions.get(NET_CHANGE_REACTION);
	if (!reaction) throw new Error(`reaction ${NET_CHANGE_REACTION} is not registered`);
	for (;;) {
		await reaction.catchUp();
		const at = await readCursor(rt.db, NET_CHANGE_REACTION);
		if (at && (BigInt(at.tx) > BigInt(last.tx) || (at.tx === last.tx && at.seq >= Number(last.seq)))) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

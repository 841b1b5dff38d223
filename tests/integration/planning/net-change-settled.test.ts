// The tests' wait for the net-change reaction (tests/support/net-change.ts) across a digit boundary of
// transaction ids. It waits until the reaction's cursor passes the newest planning input; found by
// text order, the newest input of a log whose ids went from 9999 to 10000 would be the last one below
// the boundary, which the cursor passed long ago: the wait would return before the reaction had taken
// the latest commands in, and a test would see "no run asked" for a change that did ask for one.
// The ids of the first inputs are set below a power of ten (as tests/integration/events/cursor-digits
// does when burning ids up to the next one would take too long); the latest one keeps its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, openTestRuntime, type TestRuntime } from '../../support/backend.ts';
import { lastPlanningInput, netChangeSettled, reached } from '../../support/net-change.ts';
import { currentXid, nextDigitBoundary } from '../../support/xids.ts';
import { execute, type Actor } from '../../../server/commands/command.ts';
import { saveItem } from '../../../server/masterdata/commands.ts';
import { readCursor } from '../../../server/jobs/consumer.ts';
import { NET_CHANGE_REACTION } from '../../../server/planning/net-change.reaction.ts';
import type { Cursor } from '../../../server/events/read.ts';

const admin: Actor = { kind: 'user', id: 'a', name: 'user:admin', roles: ['admin'] };
let t: TestRuntime;

beforeAll(async () => {
	t = await openTestRuntime();
}, 60_000);
afterAll(async () => t?.close());

async function save(itemId: string): Promise<Cursor> {
	await execute(t.rt, saveItem, { itemId, name: itemId, kind: 'material', uom: 'pcs', unitCost: 2, makeOrBuy: 'buy', leadTimeDays: 1 }, admin);
	const r = await t.rt.db.query<{ tx: string; seq: string }>(
		`select tx::text as tx, seq::text as seq from events where type = 'item.upserted' and data->>'itemId' = $1 order by events.tx desc, events.seq desc limit 1`,
		[itemId]
	);
	return { tx: r.rows[0].tx, seq: Number(r.rows[0].seq) };
}

describe(`waiting for the net-change reaction (${backendLabel})`, () => {
	it('waits for the newest planning input by transaction id as a number, across a digit boundary', async () => {
		const below = await save('BELOW');
		const at = await save('AT');
		await netChangeSettled(t.rt);
		// BELOW and AT: the last id under a power of ten and the power itself, both older than any
		// transaction from here on, and already behind the reaction's cursor.
		const boundary = nextDigitBoundary(await currentXid(t.rt.db), 0n) / 10n;
		expect(boundary).toBeGreaterThan(10n);
		const relabel = (c: Cursor, tx: bigint) => t.rt.db.query('update events set tx = $1::text::xid8 where tx = $2::xid8 and seq = $3', [tx.toString(), c.tx, c.seq]);
		await relabel(below, boundary - 1n);
		await relabel(at, boundary);
		expect(await lastPlanningInput(t.rt.db)).toEqual({ tx: boundary.toString(), seq: at.seq });

		// A command after them: its id has as many digits as the boundary's or more, and sorts before
		// 9…9 as text. The wait must be for it, and the reaction must have passed it when the wait ends.
		const latest = await save('LATEST');
		expect(BigInt(latest.tx)).toBeGreaterThan(boundary);
		expect(await lastPlanningInput(t.rt.db)).toEqual(latest);
		const settled = await netChangeSettled(t.rt);
		expect(settled.last).toEqual(latest);
		expect(reached(await readCursor(t.rt.db, NET_CHANGE_REACTION), latest)).toBe(true);
	});
});

// Waiting for the planning net-change reaction in tests (settle.ts).
import type { Queryable } from '../../server/db/db.ts';
import type { Runtime } from '../../server/runtime.ts';
import { NET_CHANGE_REACTION, PLANNING_INPUT_TYPES } from '../../server/planning/net-change.reaction.ts';
import type { Cursor } from '../../server/events/read.ts';
import { lastEventOf, reactionSettled, type Settled } from './settle.ts';

export { reached, type Settled } from './settle.ts';

/** The newest planning input committed so far, in log order. */
export const lastPlanningInput = (q: Queryable): Promise<Cursor | null> => lastEventOf(q, PLANNING_INPUT_TYPES);

/** Returns once the net-change reaction has taken in every planning input committed before the call. */
export const netChangeSettled = (rt: Runtime): Promise<Settled> => reactionSettled(rt, NET_CHANGE_REACTION, PLANNING_INPUT_TYPES);

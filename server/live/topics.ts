// Topic providers: what a topic name means, who may read it and how to build its snapshot.
// Stream topics (events:*) deliver every message; value topics are conflated to the latest value.
import type { Principal } from '../auth/tokens.ts';
import { mayReadEvents } from '../auth/tokens.ts';
import type { Queryable } from '../db/db.ts';
import { listEvents } from '../events/read.ts';
import type { StoredEvent } from '../events/envelope.ts';

export type TopicKind = 'stream' | 'value';

export interface TopicProvider {
	kind: TopicKind;
	matches(topic: string): boolean;
	authorize(principal: Principal, topic: string): boolean;
	snapshot(topic: string): Promise<unknown>;
	/** Whether a snapshot already contains an update (so a new subscriber does not get it twice). */
	covers?(snapshot: unknown, update: unknown): boolean;
}

const EVENTS_TOPIC = /^events:(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;
export const SNAPSHOT_EVENTS = 20;

export function eventTopicType(topic: string): string | '*' | null {
	const m = EVENTS_TOPIC.exec(topic);
	return m ? m[1] : null;
}

/**
 * `events:<type>` and `events:*`: each committed event once; the snapshot is the latest few, oldest
 * first. Appends are serialised, so seq order is commit order: an update whose seq is not above the
 * snapshot's newest was committed before the snapshot was read.
 */
export function eventTopics(db: Queryable, isKnownType: (type: string) => boolean): TopicProvider {
	return {
		kind: 'stream',
		matches: (topic) => {
			const type = eventTopicType(topic);
			return type === '*' || (type !== null && isKnownType(type));
		},
		covers: (snapshot, update) => {
			const events = snapshot as StoredEvent[];
			const newest = events.length ? events[events.length - 1].seq : -1;
			return (update as StoredEvent).seq <= newest;
		},
		authorize: (p, topic) => mayReadEvents(p, eventTopicType(topic)!),
		async snapshot(topic) {
			const type = eventTopicType(topic)!;
			const recent = await listEvents(db, {
				types: type === '*' ? undefined : [type],
				desc: true,
				limit: SNAPSHOT_EVENTS
			});
			return recent.reverse();
		}
	};
}

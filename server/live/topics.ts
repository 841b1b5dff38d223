// Topic providers: what a topic name means, who may read it and how to build its snapshot.
// Stream topics (events:*) deliver every message; value topics are conflated to the latest value.
import type { Principal } from '../auth/tokens.ts';
import { mayReadEvents } from '../auth/tokens.ts';
import type { Queryable } from '../db/db.ts';
import { listEvents } from '../events/read.ts';

export type TopicKind = 'stream' | 'value';

export interface TopicProvider {
	kind: TopicKind;
	matches(topic: string): boolean;
	authorize(principal: Principal, topic: string): boolean;
	snapshot(topic: string): Promise<unknown>;
}

const EVENTS_TOPIC = /^events:(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;
export const SNAPSHOT_EVENTS = 20;

export function eventTopicType(topic: string): string | '*' | null {
	const m = EVENTS_TOPIC.exec(topic);
	return m ? m[1] : null;
}

/** `events:<type>` and `events:*`: each committed event once; the snapshot is the latest few, oldest first. */
export function eventTopics(db: Queryable): TopicProvider {
	return {
		kind: 'stream',
		matches: (topic) => eventTopicType(topic) !== null,
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

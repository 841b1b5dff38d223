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
	/** Topics that wall screens show: the only ones kiosk tokens may follow (none so far). */
	forScreens?: boolean;
	/** The customer tracking topic: the only one a tracking link's connection may follow. */
	forTracking?: boolean;
	/**
	 * Value topics: the current value. Stream topics: the recent history that seeds the hub's memory of
	 * the topic (oldest first); after that the hub answers snapshots from memory, so a snapshot and the
	 * updates after it never overlap or leave a hole.
	 */
	snapshot(topic: string): Promise<unknown>;
	/** Stream topics: identity of an item, to merge the seed with updates that arrived while seeding. */
	key?(value: unknown): string;
	/**
	 * Value topics: whether these committed events may change the topic's value. The hub then reads the
	 * value again (`snapshot`) and publishes it when it differs from the last one sent.
	 */
	affectedBy?(topic: string, events: StoredEvent[]): boolean;
	/** Value topics whose value also moves with time (a due date passing, a new day): read again this often. */
	refreshMs?: number;
}

const EVENTS_TOPIC = /^events:(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;
export const SNAPSHOT_EVENTS = 20;

export function eventTopicType(topic: string): string | '*' | null {
	const m = EVENTS_TOPIC.exec(topic);
	return m ? m[1] : null;
}

/** `events:<type>` and `events:*`: each committed event once; the snapshot is the latest few, oldest first. */
export function eventTopics(db: Queryable, isKnownType: (type: string) => boolean): TopicProvider {
	return {
		kind: 'stream',
		matches: (topic) => {
			const type = eventTopicType(topic);
			return type === '*' || (type !== null && isKnownType(type));
		},
		key: (value) => (value as StoredEvent).id,
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

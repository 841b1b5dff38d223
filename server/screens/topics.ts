// `screen:<id>`: a wall screen's definition as a live topic. The page draws what the snapshot says and
// draws again when an update comes: a file saved on this node reaches every screen showing it.
import type { Principal } from '../auth/tokens.ts';
import { mayRead } from '../auth/tokens.ts';
import type { TopicProvider } from '../live/topics.ts';
import { isScreenId } from '../../screens/schema.ts';
import type { ScreenEntry, ScreenStore } from './store.ts';

const PREFIX = 'screen:';

/**
 * Who may open a screen: signed-in users, admin tokens, kiosk tokens made for it (or for every
 * screen), and API tokens that read KPIs.
 */
export function mayOpenScreen(p: Principal, id: string): boolean {
	if (p.kind === 'user' || p.kind === 'admin') return true;
	if (p.kind === 'kiosk') return p.screens === null || p.screens.includes(id);
	return mayRead(p, 'kpis');
}

/** What the topic carries: the screen that is up, and what is wrong with its file now, if anything. */
export function screenValue(entry: ScreenEntry | undefined | null): { screen: ScreenEntry['screen']; problems: string[] } {
	return { screen: entry?.screen ?? null, problems: entry ? entry.problems : ['(file): no such screen'] };
}

export function screenTopics(store: ScreenStore): TopicProvider {
	const idOf = (topic: string) => topic.slice(PREFIX.length);
	return {
		kind: 'value',
		forScreens: true,
		matches: (topic) => topic.startsWith(PREFIX) && isScreenId(idOf(topic)),
		authorize: (p, topic) => mayOpenScreen(p, idOf(topic)),
		snapshot: async (topic) => screenValue(store.get(idOf(topic)))
	};
}

export const screenTopic = (id: string) => PREFIX + id;

// How an event's actor reads on the pages: a user of this installation by display name, an API token
// by its name, anything else as recorded. The raw actor stays available (a title) for whoever needs it.

/** `people`: display names by username (the layout's data). */
export function actorLabel(actor: string | null | undefined, people: Readonly<Record<string, string>>): string {
	if (!actor) return '';
	if (actor.startsWith('user:')) return people[actor.slice(5)] ?? actor.slice(5);
	if (actor.startsWith('token:')) return actor.slice(6);
	return actor;
}

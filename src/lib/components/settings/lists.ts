// Small shared pieces of the settings forms: the choices a page offers (value and label, labels
// picked by the server in the page's language) and comma lists as typed ("metal, plastic").

export interface Choice {
	value: string;
	label: string;
}

/** The entries of a comma list; Chinese full-width commas count too, blanks are dropped. */
export const commaList = (s: string): string[] =>
	s
		.split(/[,，]/)
		.map((x) => x.trim())
		.filter((x) => x !== '');

/** The list, or undefined when it is empty ("not limited", not an empty limit). */
export const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

export const joinList = (list: readonly string[] | null | undefined): string => (list ?? []).join(', ');

/** A choice's label, or the value itself when the page was not given one. */
export const labelOf = (choices: readonly Choice[], value: string): string => choices.find((c) => c.value === value)?.label ?? value;

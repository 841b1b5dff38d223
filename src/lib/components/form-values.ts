// Turning what a form posted (strings) into command input: numbers parsed, empty optional fields
// left out. Anything not a number stays NaN so the command's schema reports it on its field.

export const text = (form: FormData, name: string): string => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** A number, or undefined when the field is empty. */
export const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

/** The string, or undefined when only blanks were typed. */
export const optional = (s: string): string | undefined => (s.trim() === '' ? undefined : s);

/** The object without its undefined members (they are "not given", not values). */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// The production build holds two copies of server/ code (the server entry, and SvelteKit's bundle of
// the routes), so `instanceof` on an error class would fail across them. Error classes carry a brand
// registered with Symbol.for, the same in every copy, and check it instead.
export function branded(name: string) {
	const brand = Symbol.for(`liandong.${name}`);
	return {
		mark(target: object): void {
			Object.defineProperty(target, brand, { value: true });
		},
		is(value: unknown): boolean {
			return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
		}
	};
}

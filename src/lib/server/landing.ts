// Where each role starts its day: its own work list. Managers and administrators start on the factory
// summary (the home page, `/`), which counts what needs them and links to the lists behind each
// number; so does anyone whose roles have no work list of their own (viewers). The sign-in page and
// the home page ask this one function, so both send a user to the same place. Otherwise the first
// role in this order that the user has decides: the planner's is the planning workbench (exceptions
// first), the warehouse's and quality's the goods awaiting inspection.
export const SUMMARY = '/';

const LANDING: [role: string, path: string][] = [
	['sales', '/sales?mine=1&status=active'],
	['purchasing', '/purchasing/requisitions'],
	['quality', '/purchasing/inspection'],
	['warehouse', '/purchasing/inspection'],
	['production', '/production/orders'],
	['planner', '/planning']
];

export function landingFor(roles: readonly string[]): string {
	if (roles.includes('admin') || roles.includes('manager')) return SUMMARY;
	return LANDING.find(([role]) => roles.includes(role))?.[1] ?? SUMMARY;
}

/**
 * Where to go after signing in: `next` when it is a path on this site, else the fallback. The path is
 * resolved as a browser would (it reads `/\evil.example` as `//evil.example`, another host), and only
 * a same-origin result, re-serialised, is ever sent back as a location.
 */
export function safeNext(next: string | null, fallback = '/'): string {
	if (!next || !next.startsWith('/')) return fallback;
	const base = 'http://same-origin.invalid';
	let u: URL;
	try {
		u = new URL(next, base);
	} catch {
		return fallback;
	}
	// `/.//evil.example` resolves to the path `//evil.example`, which a browser would read as a host.
	if (u.origin !== base || u.pathname.startsWith('//')) return fallback;
	return u.pathname + u.search + u.hash;
}

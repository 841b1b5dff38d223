// Where each role starts its day after signing in: its own work list. The first role in this order
// that the user has decides: the planner's is the planning workbench (exceptions first), a manager's
// the requisitions awaiting approval; admins and viewers land on the home page.
const LANDING: [role: string, path: string][] = [
	['sales', '/sales?mine=1&status=active'],
	['purchasing', '/purchasing/requisitions'],
	['quality', '/purchasing/inspection'],
	['warehouse', '/purchasing/inspection'],
	['production', '/production/orders'],
	['planner', '/planning'],
	['manager', '/purchasing/requisitions']
];

export function landingFor(roles: readonly string[]): string {
	if (roles.includes('admin')) return '/';
	return LANDING.find(([role]) => roles.includes(role))?.[1] ?? '/';
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

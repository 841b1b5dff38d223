// Where each role starts its day after signing in: its own work list. The first role in this order
// that the user has decides; managers, admins and viewers land on the home page.
const LANDING: [role: string, path: string][] = [
	['sales', '/sales?mine=1&status=active'],
	['purchasing', '/purchasing/requisitions'],
	['quality', '/purchasing/inspection'],
	['warehouse', '/purchasing/inspection'],
	['production', '/production/orders'],
	['planner', '/items']
];

export function landingFor(roles: readonly string[]): string {
	if (roles.includes('admin') || roles.includes('manager')) return '/';
	return LANDING.find(([role]) => roles.includes(role))?.[1] ?? '/';
}

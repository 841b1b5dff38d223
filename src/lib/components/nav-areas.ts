// The header's links, grouped by area. A desk shows them in one row in this order; phones and tablets
// show each area under its name in the menu. An entry with `roles` is shown only to users with one of
// them (admins see everything), as the pages themselves refuse others.
import type { MessageKey } from '$lib/i18n';

export interface NavLink {
	href: string;
	label: MessageKey;
	testid?: string;
	roles?: readonly string[];
}
export interface NavArea {
	id: string;
	label: MessageKey;
	links: readonly NavLink[];
}

export const NAV_AREAS = [
	{ id: 'sales', label: 'nav.area.sales', links: [{ href: '/sales', label: 'nav.sales' }] },
	{ id: 'purchasing', label: 'nav.area.purchasing', links: [{ href: '/purchasing', label: 'nav.purchasing' }] },
	{ id: 'production', label: 'nav.area.production', links: [{ href: '/production/orders', label: 'nav.production' }] },
	{ id: 'planning', label: 'nav.area.planning', links: [{ href: '/planning', label: 'nav.planning', testid: 'nav-planning' }] },
	{ id: 'inventory', label: 'nav.area.inventory', links: [{ href: '/inventory', label: 'nav.inventory' }] },
	{
		id: 'masterdata',
		label: 'nav.area.masterdata',
		links: [
			{ href: '/items', label: 'nav.items' },
			{ href: '/customers', label: 'nav.customers' },
			{ href: '/suppliers', label: 'nav.suppliers' },
			{ href: '/import', label: 'nav.import', roles: ['planner', 'sales', 'purchasing'] }
		]
	},
	{
		id: 'boards',
		label: 'nav.area.boards',
		links: [
			{ href: '/standup', label: 'nav.standup', testid: 'nav-standup' },
			{ href: '/review', label: 'nav.review', testid: 'nav-review' },
			{ href: '/screens', label: 'nav.screens', testid: 'nav-screens' }
		]
	},
	{ id: 'settings', label: 'nav.area.settings', links: [{ href: '/settings', label: 'settings.title', roles: [] }] }
] as const satisfies readonly NavArea[];

/** The areas a user with these roles sees, each with only the links open to them; empty areas left out. */
export function navAreasFor(roles: readonly string[]): NavArea[] {
	const open = (l: NavLink) => !l.roles || roles.includes('admin') || l.roles.some((r) => roles.includes(r));
	return NAV_AREAS.map((a) => ({ ...a, links: (a.links as readonly NavLink[]).filter(open) })).filter((a) => a.links.length > 0);
}

/** The link of the page at `pathname`: itself or any page below it. */
export function isCurrent(href: string, pathname: string): boolean {
	return pathname === href || pathname.startsWith(href + '/');
}

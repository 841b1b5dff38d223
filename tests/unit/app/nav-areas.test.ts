import { describe, expect, it } from 'vitest';
import { isCurrent, navAreasFor, NAV_AREAS } from '../../../src/lib/components/nav-areas.ts';

const hrefs = (roles: string[]) => navAreasFor(roles).flatMap((a) => a.links.map((l) => l.href));

describe('the header links grouped by area', () => {
	it('shows every user the work areas, in the desk order', () => {
		expect(navAreasFor(['warehouse']).map((a) => a.id)).toEqual(['sales', 'purchasing', 'production', 'planning', 'inventory', 'masterdata', 'boards']);
		expect(hrefs(['viewer'])).toEqual(['/sales', '/purchasing', '/production/orders', '/planning', '/inventory', '/items', '/customers', '/suppliers', '/standup', '/review', '/screens']);
	});

	it('offers import to the roles that may import, and settings to admins only', () => {
		expect(hrefs(['sales'])).toContain('/import');
		expect(hrefs(['planner'])).toContain('/import');
		expect(hrefs(['purchasing'])).toContain('/import');
		expect(hrefs(['production'])).not.toContain('/import');
		expect(hrefs(['manager'])).not.toContain('/settings');
		expect(hrefs(['admin'])).toEqual(NAV_AREAS.flatMap((a) => a.links.map((l) => l.href)));
	});

	it('marks an area current on its own page and the pages below it, not on a sibling path', () => {
		expect(isCurrent('/purchasing', '/purchasing/inspection')).toBe(true);
		expect(isCurrent('/sales', '/sales')).toBe(true);
		expect(isCurrent('/sales', '/sales-report')).toBe(false);
	});
});

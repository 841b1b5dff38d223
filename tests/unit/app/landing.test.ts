import { describe, expect, it } from 'vitest';
import { landingFor } from '../../../src/lib/server/landing.ts';

describe('landing after sign-in', () => {
	it.each([
		[['sales'], '/sales?mine=1&status=active'],
		[['purchasing'], '/purchasing/requisitions'],
		[['warehouse'], '/purchasing/inspection'],
		[['quality'], '/purchasing/inspection'],
		[['production'], '/production/orders'],
		[['planner'], '/items'],
		[['planner', 'sales'], '/sales?mine=1&status=active'],
		[['manager', 'sales'], '/'],
		[['admin'], '/'],
		[['viewer'], '/']
	])('sends %j to %s', (roles, path) => {
		expect(landingFor(roles)).toBe(path);
	});
});

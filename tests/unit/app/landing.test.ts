import { describe, expect, it } from 'vitest';
import { landingFor, safeNext } from '../../../src/lib/server/landing.ts';

describe('landing after sign-in and on the home page', () => {
	it.each([
		[['sales'], '/sales?mine=1&status=active'],
		[['purchasing'], '/purchasing/requisitions'],
		[['warehouse'], '/purchasing/inspection'],
		[['quality'], '/purchasing/inspection'],
		[['production'], '/production/orders'],
		[['planner'], '/planning'],
		[['planner', 'sales'], '/sales?mine=1&status=active'],
		[['manager'], '/'],
		[['manager', 'sales'], '/'],
		[['admin', 'sales'], '/'],
		[['admin'], '/'],
		[['viewer'], '/']
	])('sends %j to %s', (roles, path) => {
		expect(landingFor(roles)).toBe(path);
	});
});

describe('the page after sign-in (next)', () => {
	it.each(['/items', '/sales?mine=1&status=active', '/items/A-1#bom'])('follows the local path %s', (next) => {
		expect(safeNext(next, '/home')).toBe(next);
	});

	it.each(['//evil.example/x', '/\\evil.example', '/\\/evil.example', '/\t/evil.example', '/.//evil.example', 'https://evil.example', 'evil', '', null])(
		'never leaves the site for %j',
		(next) => {
			expect(safeNext(next, '/home')).toBe('/home');
		}
	);
});

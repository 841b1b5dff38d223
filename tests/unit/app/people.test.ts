import { describe, expect, it } from 'vitest';
import { actorLabel } from '../../../src/lib/components/people.ts';

describe('who an event says did it, as the pages show it', () => {
	const people = { 'li.planner': '李计划' };
	it('names users by display name, tokens by their name, and anything else as recorded', () => {
		expect(actorLabel('user:li.planner', people)).toBe('李计划');
		expect(actorLabel('user:gone.user', people)).toBe('gone.user');
		expect(actorLabel('token:ERP', people)).toBe('ERP');
		expect(actorLabel('system', people)).toBe('system');
		expect(actorLabel(null, people)).toBe('');
	});
});

import { describe, expect, it } from 'vitest';
import { departmentScope, inScope, mayDecideRequisition, salesScope, shopFloorScope } from '../../../server/auth/scope.ts';

describe('department scope', () => {
	it('narrows a sales user of a department to that department', () => {
		expect(salesScope({ roles: ['sales'], department: 'EAST' })).toBe('EAST');
		expect(salesScope({ roles: ['sales', 'viewer'], department: 'EAST' })).toBe('EAST');
	});

	it('does not narrow users without a department, or whose other roles work across departments', () => {
		expect(salesScope({ roles: ['sales'] })).toBeNull();
		expect(salesScope({ roles: ['sales'], department: null })).toBeNull();
		expect(salesScope({ roles: ['sales', 'planner'], department: 'EAST' })).toBeNull();
		expect(salesScope({ roles: ['manager'], department: 'EAST' })).toBeNull();
		expect(salesScope({ roles: ['admin'], department: 'EAST' })).toBeNull();
		expect(departmentScope({ roles: [], department: 'EAST' }, ['sales'])).toBeNull();
	});

	it('narrows shop-floor users to their workshop, not sales users', () => {
		expect(shopFloorScope({ roles: ['production'], department: 'WS1' })).toBe('WS1');
		expect(shopFloorScope({ roles: ['sales'], department: 'WS1' })).toBeNull();
		expect(shopFloorScope({ roles: ['production', 'warehouse'], department: 'WS1' })).toBeNull();
	});

	it('shows records of no department to everyone, others only within the scope', () => {
		expect(inScope(null, 'EAST')).toBe(true);
		expect(inScope('EAST', null)).toBe(true);
		expect(inScope('EAST', 'EAST')).toBe(true);
		expect(inScope('EAST', 'WEST')).toBe(false);
	});
});

describe('requisition ownership', () => {
	it('keeps the requester from deciding on their own requisition, admins excepted', () => {
		expect(mayDecideRequisition({ name: 'user:li', roles: ['manager'] }, 'user:li')).toBe(false);
		expect(mayDecideRequisition({ name: 'user:chen', roles: ['manager'] }, 'user:li')).toBe(true);
		expect(mayDecideRequisition({ name: 'user:root', roles: ['admin'] }, 'user:root')).toBe(true);
	});
});

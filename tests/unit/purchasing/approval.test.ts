import { describe, expect, it } from 'vitest';
import { chooseRule, DEFAULT_APPROVAL_RULES } from '../../../server/purchasing/approval.ts';
import type { ApprovalRule } from '../../../server/purchasing/schemas.ts';

const facts = { amount: 1000, category: null, supplierId: null, requesterRole: 'planner' };

describe('chooseRule', () => {
	it('auto-approves small requisitions and sends the rest to a manager by default', () => {
		expect(chooseRule(DEFAULT_APPROVAL_RULES, facts)?.ruleId).toBe('AUTO_UNDER_5000');
		expect(chooseRule(DEFAULT_APPROVAL_RULES, { ...facts, amount: 5000 })?.ruleId).toBe('MANAGER');
	});

	it('takes the first active rule by priority whose every condition holds', () => {
		const rules: ApprovalRule[] = [
			...DEFAULT_APPROVAL_RULES,
			{ ruleId: 'CHEMICALS', name: 'Chemicals need quality and manager', priority: 10, conditions: { categories: ['chemicals'] }, steps: [{ role: 'quality' }, { role: 'manager' }], active: true },
			{ ruleId: 'OFF', name: 'retired', priority: 1, conditions: {}, steps: [{ role: 'admin' }], active: false },
			{ ruleId: 'BIG_FROM_PROD', name: 'Production buying big', priority: 50, conditions: { minAmount: 20_000, requesterRoles: ['production'] }, steps: [{ role: 'manager' }, { role: 'admin' }], active: true },
			{ ruleId: 'ACME', name: 'Acme is pre-approved', priority: 20, conditions: { supplierIds: ['ACME'], maxAmount: 50_000 }, steps: [], active: true }
		];
		expect(chooseRule(rules, { ...facts, category: 'chemicals' })?.ruleId).toBe('CHEMICALS');
		expect(chooseRule(rules, { ...facts, amount: 30_000, requesterRole: 'production' })?.ruleId).toBe('BIG_FROM_PROD');
		expect(chooseRule(rules, { ...facts, amount: 30_000, requesterRole: 'planner' })?.ruleId).toBe('MANAGER');
		expect(chooseRule(rules, { ...facts, amount: 30_000, supplierId: 'ACME' })?.ruleId).toBe('ACME');
		expect(chooseRule(rules.map((r) => ({ ...r, active: false })), facts)).toBeNull();
	});
});

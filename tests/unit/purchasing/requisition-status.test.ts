import { describe, expect, it } from 'vitest';
import { pendingStep } from '../../../server/purchasing/requisition-status.ts';

const steps = [{ role: 'purchasing' }, { role: 'manager' }];
const approval = { step: 0, role: 'purchasing', by: 'user:sun.buyer', at: '2026-11-20T08:00:00.000Z' };

describe('the step a requisition waits for', () => {
	it('is the first step not approved yet', () => {
		expect(pendingStep({ status: 'pending', steps, approvals: [] })).toEqual({ step: 0, role: 'purchasing' });
		expect(pendingStep({ status: 'pending', steps, approvals: [approval] })).toEqual({ step: 1, role: 'manager' });
	});

	it('is none unless the requisition is pending', () => {
		expect(pendingStep({ status: 'approved', steps, approvals: [approval] })).toBeNull();
		expect(pendingStep({ status: 'rejected', steps, approvals: [] })).toBeNull();
	});
});

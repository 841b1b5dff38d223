import { describe, expect, it } from 'vitest';
import { pendingStep, stepStates } from '../../../server/purchasing/requisition-status.ts';

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

describe('each approval step of a requisition', () => {
	it('reads approved, then the pending step, then the steps waiting after it', () => {
		expect(stepStates({ status: 'pending', steps, approvals: [approval] }, null)).toEqual([
			{ step: 0, role: 'purchasing', state: 'approved', by: approval.by, at: approval.at },
			{ step: 1, role: 'manager', state: 'pending' }
		]);
		expect(stepStates({ status: 'pending', steps, approvals: [] }, null).map((s) => s.state)).toEqual(['pending', 'waiting']);
	});

	it('reads a rejected step with its note, and the steps after it as skipped', () => {
		const rejection = { step: 0, role: 'purchasing', by: 'user:sun.buyer', at: approval.at, note: 'too dear' };
		expect(stepStates({ status: 'rejected', steps, approvals: [] }, rejection)).toEqual([
			{ step: 0, role: 'purchasing', state: 'rejected', by: rejection.by, at: rejection.at, note: 'too dear' },
			{ step: 1, role: 'manager', state: 'skipped' }
		]);
	});
});

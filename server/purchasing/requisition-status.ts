// Where a requisition stands, as the lists and the record read it: the statuses the projection stores,
// the list's filters, and the step waiting for a decision. Pure; the pages keep the same lists for
// their labels (src/lib/components/purchasing/), and a unit test holds the two together.

/** As the requisitions projection stores them (server/purchasing/projectors.ts). */
export const REQ_STATUSES = ['pending', 'approved', 'rejected', 'ordered'] as const;
export type ReqStatus = (typeof REQ_STATUSES)[number];

/** The requisition list's filters: a status, everything, or what waits for one of the reader's roles. */
export const REQ_FILTERS = ['awaiting', 'all', ...REQ_STATUSES] as const;
export type ReqFilter = (typeof REQ_FILTERS)[number];

export interface Approval {
	step: number;
	role: string;
	by: string;
	at: string;
	/** The approver's or rejecter's comment, when given. */
	note?: string;
}

export type Rejection = Approval;

export interface ApprovalFacts {
	status: string;
	steps: readonly { role: string }[];
	approvals: readonly Approval[];
}

/** The step waiting for a decision (0-based) and its role; null unless the requisition is pending. */
export function pendingStep(r: ApprovalFacts): { step: number; role: string } | null {
	if (r.status !== 'pending') return null;
	const step = r.approvals.length;
	const next = r.steps[step];
	return next ? { step, role: next.role } : null;
}

export type StepState =
	| { step: number; role: string; state: 'approved'; by: string; at: string; note?: string }
	| { step: number; role: string; state: 'rejected'; by: string; at: string; note?: string }
	| { step: number; role: string; state: 'pending' | 'waiting' | 'skipped' };

/** Each step in order: approved (by whom, when), rejected, the one pending, those after it, or skipped after a rejection. */
export function stepStates(r: ApprovalFacts, rejection: Rejection | null): StepState[] {
	const pending = pendingStep(r);
	return r.steps.map(({ role }, step) => {
		const approval = r.approvals.find((a) => a.step === step);
		if (approval) return { step, role, state: 'approved', by: approval.by, at: approval.at, ...(approval.note ? { note: approval.note } : {}) };
		if (rejection && rejection.step === step) return { step, role, state: 'rejected', by: rejection.by, at: rejection.at, note: rejection.note };
		if (pending?.step === step) return { step, role, state: 'pending' };
		return { step, role, state: pending && step > pending.step ? 'waiting' : 'skipped' };
	});
}

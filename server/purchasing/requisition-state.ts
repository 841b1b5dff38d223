// The requisition state machine, declared where it is documented:
//   pending   raised; waits for the approval steps its rule gave it (in step order)
//   approved  every step approved (or its rule had none): may be ordered
//   rejected  refused at a step; final
//   ordered   a purchase order line names it; final
// A purchase order that names a requisition still pending (an ERP may send it before the approvals)
// records the order on it but leaves it pending: it becomes ordered once its last step is approved,
// so an order never skips an approval. Refusals keep their established codes: approving or rejecting
// a requisition that is not pending is ERR_REQ_NOT_PENDING, ordering one not approved ERR_REQ_NOT_APPROVED.
import { stateMachine } from '../events/state-machine.ts';

export const REQUISITION_TRANSITIONS = {
	pending: ['approved', 'rejected'],
	approved: ['ordered'],
	rejected: [],
	ordered: []
} as const satisfies Record<string, readonly string[]>;

export type RequisitionStatus = keyof typeof REQUISITION_TRANSITIONS;

/** The status a new requisition starts in: approved at once when its rule has no steps. */
export const initialRequisitionStatus = (autoApproved: boolean): RequisitionStatus => (autoApproved ? 'approved' : 'pending');

export const requisitionMachine = stateMachine(REQUISITION_TRANSITIONS, (from, to, path, requisitionId) =>
	to === 'ordered'
		? { code: 'ERR_REQ_NOT_APPROVED', path, message: `requisition ${requisitionId} is ${from}, not approved`, params: { requisitionId, status: from } }
		: { code: 'ERR_REQ_NOT_PENDING', path, message: `requisition ${requisitionId} is ${from}`, params: { status: from } }
);

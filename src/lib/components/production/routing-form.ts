// Routing editor values as typed and their conversion to the replaceRouting input. Operations are
// posted as repeated fields in table order; a row left wholly blank is no operation. Issue paths
// ("operations.1.workCenterId") count the operations sent, so a refused form shows them on those rows.
import type { Operation } from '$server/production/routing.queries.ts';
import { compact, num, optional } from '../form-values.ts';

export const OPERATION_FIELDS = ['seq', 'workCenterId', 'setupMinutes', 'runMinutesPerUnit', 'description'] as const;
export type OperationField = (typeof OPERATION_FIELDS)[number];
export type OperationValues = Record<OperationField, string>;

/** An operation as stored in the routing (and copied onto production orders): the core's type. */
export type { Operation };

export const operationValues = (ops: readonly Operation[]): OperationValues[] =>
	ops.map((o) => ({
		seq: String(o.seq),
		workCenterId: o.workCenterId,
		setupMinutes: String(o.setupMinutes),
		runMinutesPerUnit: String(o.runMinutesPerUnit),
		description: o.description ?? ''
	}));

/** A new row numbered 10 past the highest number shown, the usual gap for inserting steps later. */
export function blankOperation(rows: readonly { seq: string }[]): OperationValues {
	const top = Math.max(0, ...rows.map((r) => Number(r.seq)).filter((n) => Number.isFinite(n)));
	return { seq: String(Math.min(999, Math.floor(top / 10) * 10 + 10)), workCenterId: '', setupMinutes: '', runMinutesPerUnit: '', description: '' };
}

export function readRoutingForm(form: FormData): OperationValues[] {
	const all = (name: string) => form.getAll(name).map((v) => (typeof v === 'string' ? v : ''));
	const cols = Object.fromEntries(OPERATION_FIELDS.map((f) => [f, all(f)])) as Record<OperationField, string[]>;
	const n = Math.max(...OPERATION_FIELDS.map((f) => cols[f].length));
	return Array.from({ length: n }, (_, i) => Object.fromEntries(OPERATION_FIELDS.map((f) => [f, cols[f][i] ?? ''])) as OperationValues)
		// Only the number typed (it is filled in for a new row) is no operation either.
		.filter((o) => OPERATION_FIELDS.some((f) => f !== 'seq' && o[f].trim() !== ''));
}

/** The replaceRouting input. Required fields are passed even when empty, so the schema names them. */
export function routingInput(itemId: string, ops: readonly OperationValues[]) {
	return {
		itemId,
		operations: ops.map((o) =>
			compact({
				seq: num(o.seq),
				workCenterId: o.workCenterId,
				setupMinutes: num(o.setupMinutes),
				runMinutesPerUnit: num(o.runMinutesPerUnit),
				description: optional(o.description)
			})
		)
	};
}

export const operationPath = (i: number, field: OperationField) => `operations.${i}.${field}`;

export const isRoutingFieldPath = (p: string) => /^operations\.\d+\.(seq|workCenterId|setupMinutes|runMinutesPerUnit|description)$/.test(p);

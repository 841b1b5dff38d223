// Validates a whole ingest batch: every invalid event yields issues with its index and a dotted
// path ("data.lines.0.qty"), so an integrator can fix all of them at once. Pure: no IO.
import type { z } from 'zod';
import { envelopeSchema, quickEnvelope, type ValidEvent } from './envelope.ts';
import { EXTENSION_TYPE, extensionSchema, type Catalogue } from './catalogue.ts';
import type { ErrorCode } from '../errors.ts';
import { issueCode, presentAt } from './issue-codes.ts';

export interface ValidationIssue {
	index: number;
	path: string;
	message: string;
	code: ErrorCode;
	params: Record<string, string | number>;
}

export type BatchResult = { ok: true; events: ValidEvent[] } | { ok: false; issues: ValidationIssue[] };

export const MAX_BATCH_EVENTS = 10_000;

function toIssues(index: number, prefix: string, error: z.ZodError, input: unknown): ValidationIssue[] {
	const path = (parts: PropertyKey[]) => [prefix, ...parts.map(String)].filter(Boolean).join('.');
	return error.issues.flatMap((i) => {
		const { code, params } = issueCode(i, presentAt(input, i.path));
		return i.code === 'unrecognized_keys'
			? i.keys.map((k) => ({ index, path: path([...i.path, k]), message: 'is not a known field', code, params }))
			: [{ index, path: path(i.path), message: i.message, code, params }];
	});
}

export function validateEvent(catalogue: Catalogue, raw: unknown, index: number): ValidEvent | ValidationIssue[] {
	const quick = quickEnvelope(raw);
	const env = quick ? undefined : envelopeSchema.safeParse(raw);
	// Data is checked even when the envelope is wrong, so one answer lists every problem.
	const type = (raw as { type?: unknown } | null)?.type;
	const schema =
		typeof type !== 'string'
			? undefined
			: (catalogue.get(type)?.schema ?? (EXTENSION_TYPE.test(type) ? extensionSchema : undefined));
	const issues: ValidationIssue[] = !env || env.success ? [] : toIssues(index, '', env.error, raw);
	if (!schema && typeof type === 'string' && !issues.some((i) => i.path === 'type')) {
		issues.push({ index, path: 'type', message: `unknown event type "${type}"`, code: 'ERR_UNKNOWN_EVENT_TYPE', params: {} });
	}
	const data = schema?.safeParse((raw as { data?: unknown }).data);
	if (data && !data.success) issues.push(...toIssues(index, 'data', data.error, (raw as { data?: unknown }).data));
	const fields = quick ?? (env?.success ? env.data : undefined);
	if (!fields || !data?.success) return issues;
	const ev: ValidEvent = {
		id: fields.id.toLowerCase(),
		type: fields.type,
		occurredAt: fields.occurredAt,
		source: fields.source,
		data: data.data as Record<string, unknown>
	};
	if (fields.actor !== undefined) ev.actor = fields.actor;
	if (fields.reportedBy !== undefined) ev.reportedBy = fields.reportedBy;
	return ev;
}

export function validateBatch(catalogue: Catalogue, body: unknown): BatchResult {
	if (typeof body !== 'object' || body === null || !Array.isArray((body as { events?: unknown }).events)) {
		return { ok: false, issues: [{ index: -1, path: 'events', message: 'body must be {"events": [ … ]}', code: 'ERR_BAD_BODY', params: {} }] };
	}
	const raw = (body as { events: unknown[] }).events;
	if (raw.length === 0) return { ok: false, issues: [{ index: -1, path: 'events', message: 'must not be empty', code: 'ERR_TOO_FEW', params: { minimum: 1 } }] };
	const events: ValidEvent[] = [];
	const issues: ValidationIssue[] = [];
	raw.forEach((r, i) => {
		const v = validateEvent(catalogue, r, i);
		if (Array.isArray(v)) issues.push(...v);
		else events.push(v);
	});
	return issues.length ? { ok: false, issues } : { ok: true, events };
}

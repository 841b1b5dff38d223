// Event envelopes of the benchmark data: the shape POST /api/events takes and the event log stores
// (CONTRACTS.md), with business time in the factory's time zone. Plain data: a suite posts them over
// HTTP, appends them through the event log, or copies them, as its measurement needs.

export interface BenchEvent {
	id: string;
	type: string;
	occurredAt: string;
	source: string;
	actor?: string;
	data: Record<string, unknown>;
}

/** The benchmark factory works in China Standard Time (Asia/Shanghai, no daylight saving). */
export const FACTORY_OFFSET = '+08:00';
export const DAY_MS = 86_400_000;
export const SOURCE = 'bench';

/** Machine telemetry: most of a factory's events, stored and streamed but read by no projection. */
export const READING_TYPE = 'x.mes.machine_reading';

/** Midnight of an ISO date in factory time, as epoch milliseconds. */
export function dayStartMs(date: string): number {
	return Date.parse(`${date}T00:00:00${FACTORY_OFFSET}`);
}

/** The factory date (ISO) of an instant. */
export function factoryDateOf(ms: number): string {
	return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDaysIso(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export const iso = (ms: number) => new Date(ms).toISOString();

/** Events of a list per type, for reports and tests. */
export function countByType(events: Iterable<BenchEvent>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const e of events) out[e.type] = (out[e.type] ?? 0) + 1;
	return out;
}

// Shared benchmark plumbing: a cleanup stack that also runs on Ctrl-C, a timed batch pump with a fixed
// number of concurrent senders, process memory from /proc, and a plain-text table. No benchmark logic.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** Undo steps registered while setting up, run newest first, each at most once, errors logged not thrown. */
class Cleanup {
	private steps: { label: string; fn: () => Promise<void> }[] = [];

	add(label: string, fn: () => Promise<void>): void {
		this.steps.push({ label, fn });
	}

	async run(): Promise<void> {
		while (this.steps.length) {
			const step = this.steps.pop()!;
			try {
				await step.fn();
			} catch (err) {
				console.error(`cleanup "${step.label}" failed:`, err instanceof Error ? err.message : err);
			}
		}
	}
}

export const cleanup = new Cleanup();

export interface Timing {
	events: number;
	seconds: number;
	eventsPerSecond: number;
}

/**
 * Sends `batches` with `concurrency` senders pulling from one queue (as N clients would) and returns the
 * wall time from the first send to the last answer. `size` counts the events of a batch.
 */
export async function timeBatches<B>(
	batches: B[],
	concurrency: number,
	size: (b: B) => number,
	send: (b: B, sender: number) => Promise<void>
): Promise<Timing> {
	let next = 0;
	const sender = async (id: number) => {
		while (next < batches.length) await send(batches[next++], id);
	};
	const t0 = performance.now();
	await Promise.all(Array.from({ length: concurrency }, (_, i) => sender(i)));
	const seconds = (performance.now() - t0) / 1000;
	const events = batches.reduce((n, b) => n + size(b), 0);
	return { events, seconds, eventsPerSecond: events / seconds };
}

export interface JsonClient {
	post(path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }>;
	close(): void;
}

/**
 * A keep-alive HTTP client with one socket per sender. node:http rather than fetch: it costs the client a
 * fraction of the CPU, which matters when client, server and database share two cores. Open one per phase:
 * a socket left idle past the server's keep-alive timeout can be reset under the next request.
 */
export function jsonClient(baseUrl: string, sockets: number): JsonClient {
	const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
	return {
		post: (path, headers, body) =>
			new Promise((resolve, reject) => {
				const req = http.request(
					new URL(path, baseUrl),
					{ method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
					(res) => {
						const chunks: Buffer[] = [];
						res.on('data', (c: Buffer) => chunks.push(c));
						res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
						res.on('error', reject);
					}
				);
				req.on('error', reject);
				req.end(body);
			}),
		close: () => agent.destroy()
	};
}

export interface Memory {
	rssKb: number;
	peakRssKb: number;
}

/** VmRSS and VmHWM of a process (Linux); null where /proc is not available. */
export function processMemory(pid: number | undefined): Memory | null {
	if (!pid) return null;
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
		const m = { rssKb: kb('VmRSS'), peakRssKb: kb('VmHWM') };
		return Number.isFinite(m.rssKb) ? m : null;
	} catch {
		return null;
	}
}

/** Left-aligns the first column, right-aligns the others. */
export function formatTable(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const round = (n: number, digits = 0) => Number(n.toFixed(digits));

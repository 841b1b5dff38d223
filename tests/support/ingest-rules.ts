// A built server for the per-capability "rules hold through ingest" tests: set state up with commands
// (POST /api/commands/<name>, admin token), then show that an event posted to /api/events which breaks
// a command's rule is refused with the same code and field path, and that nothing of its batch is stored.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { freshDatabase, type TestDatabase } from './backend.ts';
import { startServer, type TestServer } from './server.ts';
import { ADMIN_TOKEN } from './tokens.ts';

interface Answer {
	status: number;
	body: Record<string, unknown> & { code?: string; issues?: { index?: number; path: string; code?: string; message: string }[] };
}

export interface IngestRules {
	server: TestServer;
	/** Runs a command as the admin token; throws unless it succeeds. */
	command(name: string, input: unknown): Promise<Record<string, unknown>>;
	/** Runs a command expected to fail; answers the API's answer. */
	tryCommand(name: string, input: unknown): Promise<Answer>;
	/** Posts events to /api/events (admin token unless another is given). */
	post(events: unknown[], token?: string): Promise<Answer>;
	/** Posts one event of `type`; throws unless it is accepted. */
	send(type: string, data: Record<string, unknown>, occurredAt?: string): Promise<void>;
	/**
	 * The heart of each test: the command refuses `input` with `code` on `path`; the same fact posted as
	 * an event of `type` (with `data`, default the input) is refused with the same code on "data.<path>",
	 * and neither it nor a harmless event sent with it is stored.
	 */
	expectSameRefusal(opts: { command?: string; input?: Record<string, unknown>; type: string; data?: Record<string, unknown>; code: string; path: string }): Promise<void>;
	close(): Promise<void>;
}

export const event = (type: string, data: Record<string, unknown>, occurredAt = new Date().toISOString()) => ({
	id: randomUUID(),
	type,
	occurredAt,
	source: 'erp',
	data
});

export async function openIngestRules(): Promise<IngestRules> {
	const database: TestDatabase = await freshDatabase();
	const server = await startServer({ ...database.env, LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });
	const call = async (path: string, body: unknown, token = ADMIN_TOKEN): Promise<Answer> => {
		const r = await fetch(server.url + path, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify(body)
		});
		return { status: r.status, body: (await r.json()) as Answer['body'] };
	};
	const stored = async (ids: string[]): Promise<number> => {
		const r = await fetch(`${server.url}/api/events?limit=1000`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
		let n = 0;
		let page = (await r.json()) as { events: { id: string }[]; next: string | null; more: boolean };
		for (;;) {
			n += page.events.filter((e) => ids.includes(e.id)).length;
			if (!page.more) return n;
			const next = await fetch(`${server.url}/api/events?limit=1000&after=${page.next}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
			page = (await next.json()) as typeof page;
		}
	};
	const rules: IngestRules = {
		server,
		async command(name, input) {
			const a = await call(`/api/commands/${name}`, input);
			if (a.status !== 200) throw new Error(`${name}: ${a.status} ${JSON.stringify(a.body)}`);
			return a.body;
		},
		tryCommand: (name, input) => call(`/api/commands/${name}`, input),
		post: (events, token) => call('/api/events', { events }, token),
		async send(type, data, occurredAt) {
			const a = await call('/api/events', { events: [event(type, data, occurredAt)] });
			if (a.status !== 200) throw new Error(`${type}: ${a.status} ${JSON.stringify(a.body)}`);
		},
		async expectSameRefusal({ command, input, type, data, code, path }) {
			if (command) {
				const c = await rules.tryCommand(command, input);
				expect([c.status, c.body.issues?.[0]]).toEqual([409, expect.objectContaining({ code, path })]);
			}
			const harmless = event('customer.upserted', { customerId: 'C-' + randomUUID().slice(0, 8), name: 'harmless' });
			const e = event(type, data ?? input!);
			const a = await rules.post([harmless, e]);
			expect(a.status).toBe(409);
			expect(a.body.code).toBe('ERR_REJECTED');
			expect(a.body.issues).toEqual([{ index: 1, path: `data.${path}`, code, message: expect.any(String), params: expect.any(Object) }]);
			expect(await stored([harmless.id, e.id])).toBe(0);
		},
		async close() {
			await server.stop();
			await database.drop();
		}
	};
	return rules;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel, freshDatabase, type TestDatabase } from '../../support/backend.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { DEMO_PASSWORD } from '../../../server/demo/state.ts';
import { DEMO_USERS } from '../../../seed/plant/users.ts';

// A newcomer's first start of the built server in demo mode, and the starts after it.
const ADMIN_TOKEN = 'demo-start-admin-token-0123456789';

interface Progress {
	status: 'off' | 'loading' | 'ready' | 'failed';
	step?: string;
	label?: { 'zh-CN': string; en: string };
	percent?: number;
}

let database: TestDatabase;
beforeAll(async () => {
	database = await freshDatabase();
});
afterAll(async () => database?.drop());

// A few days of history: the default 90 take minutes (npm run bench -- demo times those).
const env = (demo: '0' | '1') => ({ ...database.env, LIANDONG_DEMO: demo, LIANDONG_DEMO_HISTORY_DAYS: '3', LIANDONG_ADMIN_TOKEN: ADMIN_TOKEN });

async function items(server: TestServer): Promise<number> {
	const r = await fetch(`${server.url}/api/items?pageSize=1`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
	expect(r.status).toBe(200);
	return ((await r.json()) as { total: number }).total;
}

const progress = async (server: TestServer): Promise<Progress> => (await fetch(`${server.url}/demo/progress`)).json() as Promise<Progress>;

describe(`the first start in demo mode (${backendLabel})`, { timeout: 240_000 }, () => {
	it('answers /healthz at once while the demo is prepared, shows the progress on pages, and is ready with its accounts', async () => {
		const server = await startServer(env('1'));
		try {
			const seen: Progress[] = [];
			let slowestHealth = 0;
			let page: string | null = null;
			const deadline = Date.now() + 180_000;
			for (;;) {
				const t0 = performance.now();
				const health = await fetch(`${server.url}/healthz`);
				slowestHealth = Math.max(slowestHealth, performance.now() - t0);
				expect(health.status).toBe(200);
				const p = await progress(server);
				seen.push(p);
				if (p.status === 'loading' && (p.percent ?? 0) > 0 && !page) page = await (await fetch(`${server.url}/login`)).text();
				if (p.status === 'ready' || p.status === 'failed') break;
				if (Date.now() > deadline) throw new Error('the demo was not ready in time: ' + JSON.stringify(seen.at(-1)));
				await new Promise((r) => setTimeout(r, 100));
			}
			console.log(`${backendLabel}: demo ready after ${seen.length} polls; slowest /healthz ${Math.round(slowestHealth)} ms`);
			expect(seen.at(-1)).toMatchObject({ status: 'ready', percent: 100 });
			// Before the claim a poll may find nothing yet; after it, loading until ready, never backwards.
			const loading = seen.filter((p) => p.status === 'loading');
			expect(loading.length).toBeGreaterThan(1);
			expect(seen.findIndex((p) => p.status === 'loading')).toBeLessThanOrEqual(1);
			expect(loading.some((p) => p.percent! > 0 && p.percent! < 100 && p.label?.['zh-CN'] && p.label.en)).toBe(true);
			const percents = loading.map((p) => p.percent!);
			expect(percents).toEqual([...percents].sort((a, b) => a - b));
			expect(slowestHealth).toBeLessThan(2000);
			// A page served during the preparation says so, with the percentage.
			expect(page).toContain('data-testid="demo-banner"');
			expect(page).toMatch(/data-testid="demo-percent"[^>]*>\d+%/);

			const login = await (await fetch(`${server.url}/login`)).text();
			expect(login).toContain('data-testid="demo-accounts"');
			expect(login).toContain(DEMO_PASSWORD);
			for (const u of DEMO_USERS) expect(login).toContain(`data-username="${u.username}"`);
			expect(login).not.toContain('data-testid="demo-banner"');
			expect(await items(server)).toBe(222);
			expect(server.output()).toContain('demo plant loaded');
		} finally {
			await server.stop();
		}
	});

	it('continues on the same data at a second start, without loading again', async () => {
		const server = await startServer(env('1'));
		try {
			expect(await progress(server)).toMatchObject({ status: 'ready' });
			expect(await items(server)).toBe(222);
			// Give the demo's start its moment, then make sure it did not prepare anything.
			await new Promise((r) => setTimeout(r, 1000));
			expect(server.output()).not.toContain('demo plant loaded');
			expect(server.output()).not.toContain('demo: Setting up');
			// …and the factory goes on: the simulator runs again.
			expect(server.output()).toContain('demo: live simulator running');
		} finally {
			await server.stop();
		}
	});

	it('shows no demo accounts and no progress when not in demo mode', async () => {
		const server = await startServer(env('0'));
		try {
			expect(await progress(server)).toEqual({ status: 'off' });
			const login = await (await fetch(`${server.url}/login`)).text();
			expect(login).toContain('data-testid="login-form"');
			expect(login).not.toContain('data-testid="demo-accounts"');
			expect(login).not.toContain(DEMO_PASSWORD);
		} finally {
			await server.stop();
		}
		// An empty database outside demo mode stays empty: the first visit sets up an administrator.
		const empty = await freshDatabase();
		const other = await startServer({ ...empty.env, LIANDONG_DEMO: '0' });
		try {
			const r = await fetch(`${other.url}/login`, { redirect: 'manual' });
			expect(r.status).toBe(303);
			expect(r.headers.get('location')).toBe('/setup');
			expect(await progress(other)).toEqual({ status: 'off' });
		} finally {
			await other.stop();
			await empty.drop();
		}
	});
});

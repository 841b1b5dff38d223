// A test client for /live: collects every server message and waits for conditions on them.
import WebSocket from 'ws';

export interface LiveMsg {
	op: string;
	topic?: string;
	seq?: number;
	epoch?: string;
	value?: unknown;
	code?: string;
	[k: string]: unknown;
}

export class TestLiveClient {
	readonly messages: LiveMsg[] = [];
	private waiters: (() => void)[] = [];

	private constructor(readonly ws: WebSocket) {
		ws.on('message', (data) => {
			this.messages.push(JSON.parse(data.toString()) as LiveMsg);
			for (const w of this.waiters.splice(0)) w();
		});
		ws.on('close', () => {
			for (const w of this.waiters.splice(0)) w();
		});
	}

	/** `track`: a customer tracking link's secret, as the tracking page connects. */
	static connect(url: string, opts: { token?: string; track?: string; headers?: Record<string, string> } = {}): Promise<TestLiveClient> {
		const u = new URL('/live', url.replace(/^http/, 'ws'));
		if (opts.token) u.searchParams.set('token', opts.token);
		if (opts.track) u.searchParams.set('track', opts.track);
		const ws = new WebSocket(u, { headers: opts.headers });
		return new Promise((resolve, reject) => {
			ws.once('open', () => resolve(new TestLiveClient(ws)));
			ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
			ws.once('error', reject);
		});
	}

	/** Resolves with the HTTP status of a refused upgrade. */
	static refusal(url: string, opts: { token?: string; track?: string; headers?: Record<string, string> } = {}): Promise<number> {
		return TestLiveClient.connect(url, opts).then(
			(c) => {
				c.close();
				return 101;
			},
			(err: Error) => Number(/HTTP (\d+)/.exec(err.message)?.[1] ?? 0)
		);
	}

	send(msg: unknown) {
		this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
	}

	of(op: string, topic?: string): LiveMsg[] {
		return this.messages.filter((m) => m.op === op && (topic === undefined || m.topic === topic));
	}

	async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const v = probe();
			if (v) return v;
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages.slice(-3)).slice(0, 600)}`);
			await new Promise<void>((r) => {
				const t = setTimeout(r, Math.min(left, 200));
				this.waiters.push(() => {
					clearTimeout(t);
					r();
				});
			});
		}
	}

	closed(): Promise<{ code: number }> {
		return new Promise((resolve) => {
			if (this.ws.readyState === WebSocket.CLOSED) return resolve({ code: -1 });
			this.ws.once('close', (code) => resolve({ code }));
		});
	}

	close() {
		this.ws.close();
	}
}

// The WebSocket hub: authenticates upgrades on /live, keeps per-topic epochs and sequence numbers,
// sends a snapshot then updates, conflates value topics for slow clients and cuts stream topics
// (with a `gap`) for clients that fall too far behind. It learns of committed events only from the
// bus, so a node hears its own events and every other node's the same way.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import type { Principal } from '../auth/tokens.ts';
import type { Bus } from './bus.ts';
import { COMMITTED_CHANNEL } from '../events/append.ts';
import type { StoredEvent } from '../events/envelope.ts';
import { clientMessageSchema, resumeFor, type ClientMessage, type ServerMessage } from './protocol.ts';
import type { TopicKind, TopicProvider } from './topics.ts';

export interface HubOptions {
	/** Public origin (ORIGIN); when unset, a browser's Origin must match the Host it connected to. */
	origin?: string;
	authenticate(req: IncomingMessage, url: URL): Promise<Principal | null>;
	/**
	 * Whether each connection's credential still holds (token not revoked, session not ended, user not
	 * disabled). Asked every `recheckMs` for every open connection, so access taken away on any node
	 * closes the sockets on every node, without relying on the bus (which may drop messages).
	 */
	stillValid?(principals: Principal[]): Promise<boolean[]>;
	/** How often open connections are re-checked (default 2 s: a revoked token's socket closes within 5 s). */
	recheckMs?: number;
	providers: TopicProvider[];
	bus: Bus;
	log: Logger;
	heartbeatMs?: number;
	/** Largest inbound message; larger ones close the socket (1009). */
	maxInboundBytes?: number;
	/** Messages kept per stream topic so a reconnecting client can resume without a snapshot. */
	resumeBuffer?: number;
	/** Queued stream messages per client before its stream topics are cut with a `gap`. */
	maxBacklog?: number;
	/** Socket buffer above which the hub stops writing to a client and starts conflating/queuing. */
	highWaterBytes?: number;
	/** Bytes kept per stream topic for resuming (the message count limit applies too). */
	resumeBufferBytes?: number;
	/** Topics one client may hold. */
	maxSubscriptionsPerClient?: number;
	/** Topics this node keeps numbering; beyond it new topics are refused. */
	maxTopics?: number;
	/** Values a stream topic's snapshot shows. */
	streamSnapshotSize?: number;
	/** Value topics are read again at most this often after commits that affect them (default 250 ms). */
	valueMinGapMs?: number;
}

interface TopicState {
	name: string;
	kind: TopicKind;
	epoch: string;
	seq: number;
	ring: Update[];
	ringBytes: number;
	subscribers: Set<Client>;
	provider: TopicProvider;
	/** Stream topics: the latest values, which a snapshot shows; seeded from the provider once. */
	recent: unknown[];
	seeding?: Promise<boolean>;
	/** Value topics: the last value sent (JSON), so a value read again that has not changed is not sent. */
	lastJson?: string;
	/** Value topics with `refreshMs`: when the value was last read. */
	readAt?: number;
}

interface Update {
	seq: number;
	frame: string;
	value: unknown;
}

interface Subscription {
	/** While the snapshot is being read: updates wait here so the snapshot goes first. */
	pending: Update[] | null;
}

class Client {
	alive = true;
	readonly subs = new Map<string, Subscription>();
	/** Ordered frames: control messages and stream updates. Each entry remembers its topic for cutting. */
	readonly queue: { topic?: string; frame: string }[] = [];
	/** Latest frame per value topic (conflation). */
	readonly values = new Map<string, string>();
	private flushTimer: NodeJS.Timeout | null = null;

	constructor(
		readonly ws: WebSocket,
		readonly principal: Principal,
		private readonly hub: Hub
	) {}

	send(msg: ServerMessage) {
		this.queue.push({ frame: JSON.stringify(msg) });
		this.flush();
	}

	/** Serialises this client's requests, so one client runs one snapshot at a time. */
	chain: Promise<unknown> = Promise.resolve();

	deliver(topic: string, kind: TopicKind, u: Update) {
		const sub = this.subs.get(topic);
		if (!sub) return;
		if (sub.pending) {
			sub.pending.push(u);
			return;
		}
		if (kind === 'value') this.values.set(topic, u.frame);
		else {
			this.queue.push({ topic, frame: u.frame });
			if (this.queue.length > this.hub.maxBacklog) this.cutStreams();
		}
		this.flush();
	}

	/** Too far behind: drop queued stream updates and tell the client to resubscribe those topics. */
	private cutStreams() {
		const cut = new Set<string>();
		for (let i = this.queue.length - 1; i >= 0; i--) {
			const t = this.queue[i].topic;
			if (t) {
				cut.add(t);
				this.queue.splice(i, 1);
			}
		}
		for (const topic of cut) {
			this.hub.unsubscribe(this, topic);
			this.queue.push({ frame: JSON.stringify({ op: 'gap', topic, reason: 'slow-consumer' } satisfies ServerMessage) });
		}
	}

	flush() {
		if (this.ws.readyState !== WebSocket.OPEN) return;
		while (this.ws.bufferedAmount < this.hub.highWaterBytes) {
			const next = this.queue.shift();
			if (next) {
				this.ws.send(next.frame);
				continue;
			}
			const first = this.values.entries().next();
			if (first.done) return;
			this.values.delete(first.value[0]);
			this.ws.send(first.value[1]);
		}
		if (!this.flushTimer) {
			this.flushTimer = setTimeout(() => {
				this.flushTimer = null;
				this.flush();
			}, 20);
		}
	}

	dispose() {
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.queue.length = 0;
		this.values.clear();
	}
}

export class Hub {
	readonly nodeId = randomUUID();
	readonly maxBacklog: number;
	readonly highWaterBytes: number;
	private readonly wss: WebSocketServer;
	private readonly topics = new Map<string, TopicState>();
	private readonly clients = new Set<Client>();
	private readonly heartbeatMs: number;
	private readonly resumeBuffer: number;
	private readonly resumeBufferBytes: number;
	private readonly maxSubscriptions: number;
	private readonly maxTopics: number;
	private readonly snapshotSize: number;
	private heartbeat: NodeJS.Timeout | null = null;
	private recheck: NodeJS.Timeout | null = null;
	private rechecking = false;
	private unsubscribeBus: (() => Promise<void>) | null = null;
	private readonly valueMinGapMs: number;
	/** Value topics to read again: marked by commits that affect them and by their refresh interval. */
	private readonly dirty = new Set<TopicState>();
	private recomputeTimer: NodeJS.Timeout | null = null;
	private recomputing = false;
	private lastRecomputeAt = 0;
	private lastRecomputeEnd = 0;
	/** How long the last reading of the dirty value topics took. */
	private lastRecomputeMs = 0;
	private refreshTimer: NodeJS.Timeout | null = null;

	constructor(private readonly opts: HubOptions) {
		this.heartbeatMs = opts.heartbeatMs ?? 15_000;
		this.resumeBuffer = opts.resumeBuffer ?? 500;
		this.maxBacklog = opts.maxBacklog ?? 5_000;
		this.highWaterBytes = opts.highWaterBytes ?? 1 << 20;
		this.resumeBufferBytes = opts.resumeBufferBytes ?? 4 << 20;
		this.maxSubscriptions = opts.maxSubscriptionsPerClient ?? 200;
		this.maxTopics = opts.maxTopics ?? 10_000;
		this.snapshotSize = opts.streamSnapshotSize ?? 20;
		this.valueMinGapMs = opts.valueMinGapMs ?? 250;
		this.wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxInboundBytes ?? 16 * 1024 });
	}

	async start(): Promise<void> {
		this.unsubscribeBus = await this.opts.bus.subscribe(COMMITTED_CHANNEL, (m) => this.onCommitted(m as StoredEvent[]));
		this.opts.bus.onResync?.(() => this.resync());
		this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
		this.heartbeat.unref();
		if (this.opts.providers.some((p) => p.refreshMs)) {
			this.refreshTimer = setInterval(() => this.refreshDue(), 1_000);
			this.refreshTimer.unref();
		}
		if (this.opts.stillValid) {
			this.recheck = setInterval(() => void this.revalidate(), this.opts.recheckMs ?? 2_000);
			this.recheck.unref();
		}
	}

	/** Closes (4401) every connection whose token was revoked, session ended or user disabled. */
	async revalidate(): Promise<void> {
		if (this.rechecking || !this.clients.size || !this.opts.stillValid) return;
		this.rechecking = true;
		try {
			const clients = [...this.clients];
			const valid = await this.opts.stillValid(clients.map((c) => c.principal));
			clients.forEach((c, i) => {
				if (valid[i] || !this.clients.has(c)) return;
				c.ws.close(CLOSE_ACCESS_REVOKED, 'access revoked');
				this.drop(c);
			});
		} catch (err) {
			this.opts.log.warn({ err }, 'live: could not re-check connections; trying again');
		} finally {
			this.rechecking = false;
		}
	}

	get clientCount(): number {
		return this.clients.size;
	}

	/** Handles an HTTP upgrade on /live. Rejections are plain HTTP answers before the upgrade. */
	async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!this.originAllowed(req)) return reject(socket, 403, 'origin not allowed');
		let principal: Principal | null;
		try {
			principal = await this.opts.authenticate(req, url);
		} catch (err) {
			this.opts.log.error({ err }, 'live: authentication failed');
			return reject(socket, 500, 'authentication unavailable');
		}
		if (!principal) return reject(socket, 401, 'token or session required');
		this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, principal));
	}

	private originAllowed(req: IncomingMessage): boolean {
		const origin = req.headers.origin;
		if (!origin) return true; // not a browser: browsers always send Origin on WebSocket upgrades
		if (this.opts.origin) return origin === new URL(this.opts.origin).origin;
		const host = req.headers.host;
		if (!host) return false;
		try {
			return new URL(origin).host === host;
		} catch {
			return false;
		}
	}

	private onConnection(ws: WebSocket, principal: Principal) {
		const client = new Client(ws, principal, this);
		this.clients.add(client);
		ws.on('pong', () => (client.alive = true));
		ws.on('message', (data, isBinary) => {
			client.alive = true;
			if (isBinary) return client.send(badMessage('binary messages are not accepted'));
			const text = data.toString();
			client.chain = client.chain.then(() => this.onMessage(client, text)).catch((err) => {
				this.opts.log.error({ err }, 'live: message handling failed');
			});
		});
		ws.on('close', () => this.drop(client));
		ws.on('error', () => this.drop(client));
		client.send({ op: 'hello', node: this.nodeId, heartbeatMs: this.heartbeatMs });
	}

	private async onMessage(client: Client, text: string) {
		let parsed: ClientMessage;
		try {
			const r = clientMessageSchema.safeParse(JSON.parse(text));
			if (!r.success) {
				const i = r.error.issues[0];
				return client.send(badMessage(`${i.path.join('.') || 'message'}: ${i.message}`));
			}
			parsed = r.data;
		} catch {
			return client.send(badMessage('not JSON'));
		}
		if (parsed.op === 'ping') return client.send({ op: 'pong', t: new Date().toISOString() });
		if (parsed.op === 'unsub') {
			for (const t of parsed.topics) this.unsubscribe(client, t);
			return;
		}
		await Promise.all(parsed.topics.map((t) => this.subscribe(client, t, resumeFor(parsed, t))));
	}

	/** The provider of a topic the principal may follow, or the error a subscription to it gets. */
	private providerFor(principal: Principal, topic: string): TopicProvider | Extract<ServerMessage, { op: 'error' }> {
		const provider = this.opts.providers.find((p) => p.matches(topic));
		if (!provider) return { op: 'error', code: 'ERR_LIVE_UNKNOWN_TOPIC', topic, message: `unknown topic ${topic}` };
		// Kiosk tokens follow what wall screens show, nothing else (topics of providers for screens).
		// A customer's tracking link follows its own tracking topic, nothing else (tracking-topics.ts).
		const kind = principal.kind;
		if (!provider.authorize(principal, topic) || (kind === 'kiosk' && !provider.forScreens) || (kind === 'tracking') !== Boolean(provider.forTracking)) {
			return { op: 'error', code: 'ERR_LIVE_FORBIDDEN', topic, message: `not allowed to read ${topic}` };
		}
		return provider;
	}

	/**
	 * The current values of value topics, read as a subscription's snapshot reads them and under the same
	 * rules: what a page is served with, so that it shows its figures without waiting for its socket.
	 * Those the principal may not follow, stream topics and values that fail to read are left out; the
	 * subscription that follows brings them (and supersedes the rest).
	 */
	async currentValues(principal: Principal, topics: readonly string[]): Promise<Record<string, unknown>> {
		const out: Record<string, unknown> = {};
		await Promise.all(
			[...new Set(topics)].slice(0, this.maxSubscriptions).map(async (topic) => {
				const provider = this.providerFor(principal, topic);
				if ('op' in provider || provider.kind !== 'value') return;
				try {
					out[topic] = await provider.snapshot(topic);
				} catch (err) {
					this.opts.log.warn({ err, topic }, 'live: could not read a value for a page');
				}
			})
		);
		return out;
	}

	private async subscribe(client: Client, topic: string, resume?: { epoch: string; seq: number }) {
		const provider = this.providerFor(client.principal, topic);
		if ('op' in provider) return client.send(provider);
		// Subscribing again is how a client asks for a fresh start (after a gap it noticed itself).
		if (client.subs.has(topic)) this.unsubscribe(client, topic);
		if (client.subs.size >= this.maxSubscriptions) {
			return client.send({ op: 'error', code: 'ERR_LIVE_LIMIT', topic, message: `at most ${this.maxSubscriptions} topics per connection` });
		}
		const state = this.topicState(topic, provider);
		if (!state) return client.send({ op: 'error', code: 'ERR_LIVE_LIMIT', topic, message: 'this node follows too many topics' });

		if (resume && resume.epoch === state.epoch && resume.seq <= state.seq) {
			const oldest = state.ring.length ? state.ring[0].seq : state.seq + 1;
			if (resume.seq + 1 >= oldest || resume.seq === state.seq) {
				state.subscribers.add(client);
				client.subs.set(topic, { pending: null });
				for (const m of state.ring) if (m.seq > resume.seq) client.deliver(topic, state.kind, m);
				return;
			}
		}

		if (state.kind === 'stream') {
			// The snapshot comes from the hub's memory of the topic, taken in the same tick as the
			// subscription: it and the updates after it never overlap and leave no hole.
			const marker: Subscription = { pending: null };
			client.subs.set(topic, marker);
			if (!(await this.seeded(state))) {
				if (client.subs.get(topic) === marker) client.subs.delete(topic);
				return client.send({ op: 'error', code: 'ERR_LIVE_SNAPSHOT_FAILED', topic, message: 'snapshot failed, try again' });
			}
			if (client.subs.get(topic) !== marker || !this.clients.has(client)) return; // unsubscribed or gone meanwhile
			state.subscribers.add(client);
			client.send({ op: 'snap', topic, kind: state.kind, epoch: state.epoch, seq: state.seq, value: state.recent.slice(-this.snapshotSize) });
			return;
		}

		// Value topics: the current value is read, and updates meanwhile wait until it has been sent.
		const sub: Subscription = { pending: [] };
		client.subs.set(topic, sub);
		state.subscribers.add(client);
		const seq = state.seq;
		let value: unknown;
		try {
			value = await provider.snapshot(topic);
		} catch (err) {
			this.opts.log.error({ err, topic }, 'live: snapshot failed');
			this.unsubscribe(client, topic);
			return client.send({ op: 'error', code: 'ERR_LIVE_SNAPSHOT_FAILED', topic, message: 'snapshot failed, try again' });
		}
		if (client.subs.get(topic) !== sub) return; // unsubscribed meanwhile
		// The first value read is the one later reads are compared with. (A newer snapshot for a later
		// subscriber means commits came that marked the topic: the next read sends it to everyone.)
		if (state.lastJson === undefined) {
			state.lastJson = JSON.stringify(value);
			state.readAt = Date.now();
		}
		const pending = sub.pending ?? [];
		sub.pending = null;
		client.send({ op: 'snap', topic, kind: state.kind, epoch: state.epoch, seq, value });
		for (const u of pending) client.deliver(topic, state.kind, u);
	}

	/** Loads a stream topic's recent history once, merged with what was published meanwhile. */
	private seeded(state: TopicState): Promise<boolean> {
		state.seeding ??= state.provider.snapshot(state.name).then(
			(seed) => {
				const key = state.provider.key ?? ((v: unknown) => JSON.stringify(v));
				const have = new Set(state.recent.map(key));
				const older = (Array.isArray(seed) ? seed : []).filter((v) => !have.has(key(v)));
				state.recent = [...older, ...state.recent].slice(-this.snapshotSize);
				return true;
			},
			(err) => {
				this.opts.log.error({ err, topic: state.name }, 'live: snapshot failed');
				state.seeding = undefined;
				return false;
			}
		);
		return state.seeding;
	}

	unsubscribe(client: Client, topic: string) {
		client.subs.delete(topic);
		const state = this.topics.get(topic);
		if (!state) return;
		state.subscribers.delete(client);
		// Nobody follows it here any more: its last value goes stale, the next subscriber reads afresh.
		if (!state.subscribers.size) {
			state.lastJson = undefined;
			this.dirty.delete(state);
		}
	}

	private topicState(topic: string, provider: TopicProvider): TopicState | null {
		let s = this.topics.get(topic);
		if (!s) {
			if (this.topics.size >= this.maxTopics) return null;
			s = { name: topic, kind: provider.kind, epoch: newEpoch(), seq: 0, ring: [], ringBytes: 0, subscribers: new Set(), provider, recent: [] };
			this.topics.set(topic, s);
		}
		return s;
	}

	/**
	 * The bus reconnected: messages may have been lost while it was down, and nothing in the numbering
	 * would show it. Every topic starts a new epoch and its subscribers are told to resubscribe.
	 */
	resync() {
		this.opts.log.warn('live: bus reconnected; asking every subscriber for a fresh snapshot');
		for (const state of this.topics.values()) {
			state.epoch = newEpoch();
			state.ring = [];
			state.ringBytes = 0;
			state.recent = [];
			state.seeding = undefined;
			for (const c of [...state.subscribers]) {
				this.unsubscribe(c, state.name);
				c.send({ op: 'gap', topic: state.name, reason: 'resync' });
			}
		}
	}

	/** Publishes a value on a topic to every local subscriber. */
	publish(topic: string, value: unknown) {
		const state = this.topics.get(topic);
		if (!state) return; // nobody has ever subscribed on this node: nothing to number
		state.seq += 1;
		const frame = JSON.stringify({ op: 'upd', topic, epoch: state.epoch, seq: state.seq, value } satisfies ServerMessage);
		const u: Update = { seq: state.seq, frame, value };
		if (state.kind === 'stream') {
			state.recent.push(value);
			if (state.recent.length > this.snapshotSize) state.recent.shift();
			state.ring.push(u);
			state.ringBytes += frame.length;
			while (state.ring.length > this.resumeBuffer || (state.ringBytes > this.resumeBufferBytes && state.ring.length > 1)) {
				state.ringBytes -= state.ring.shift()!.frame.length;
			}
		}
		for (const c of state.subscribers) c.deliver(topic, state.kind, u);
	}

	private onCommitted(events: StoredEvent[]) {
		if (!Array.isArray(events)) return;
		for (const e of events) {
			this.publish('events:*', e);
			this.publish(`events:${e.type}`, e);
		}
		// Every node hears every commit on the bus and reads the values its own subscribers follow from
		// the database: each screen on each node gets each change once, and no node holds what another needs.
		for (const state of this.topics.values()) {
			if (state.kind !== 'value' || !state.subscribers.size || !state.provider.affectedBy) continue;
			if (state.provider.affectedBy(state.name, events)) this.markDirty(state);
		}
	}

	private markDirty(state: TopicState) {
		this.dirty.add(state);
		this.scheduleRecompute();
	}

	/**
	 * At once after a quiet spell, then at most every valueMinGapMs while commits keep coming; and never
	 * sooner than three times the last reading's duration after it ended, so that reading values takes
	 * at most a quarter of the time: a value that has become costly to read (a big factory, a busy
	 * database) is sent less often rather than keeping the database busy for the writers.
	 */
	private scheduleRecompute() {
		if (this.recomputeTimer || this.recomputing || this.closed) return;
		const next = Math.max(this.lastRecomputeAt + this.valueMinGapMs, this.lastRecomputeEnd + 3 * this.lastRecomputeMs);
		const wait = Math.max(0, next - Date.now());
		this.recomputeTimer = setTimeout(() => {
			this.recomputeTimer = null;
			void this.recompute();
		}, wait);
		this.recomputeTimer.unref();
	}

	private async recompute() {
		this.recomputing = true;
		this.lastRecomputeAt = Date.now();
		const batch = [...this.dirty];
		this.dirty.clear();
		try {
			await Promise.all(batch.map((state) => this.readValue(state)));
		} finally {
			this.lastRecomputeEnd = Date.now();
			this.lastRecomputeMs = this.lastRecomputeEnd - this.lastRecomputeAt;
			this.recomputing = false;
			if (this.dirty.size) this.scheduleRecompute();
		}
	}

	/** Reads a value topic again and sends it to its subscribers when it changed. */
	private async readValue(state: TopicState) {
		if (!state.subscribers.size) return;
		let value: unknown;
		try {
			value = await state.provider.snapshot(state.name);
		} catch (err) {
			// Left as it was: the next commit or refresh tries again.
			this.opts.log.warn({ err, topic: state.name }, 'live: could not read a value topic');
			return;
		}
		state.readAt = Date.now();
		const json = JSON.stringify(value);
		if (json === state.lastJson || !state.subscribers.size) return;
		state.lastJson = json;
		this.publish(state.name, value);
	}

	/** Value topics that move with time: marked when their refresh interval has passed. */
	private refreshDue() {
		const now = Date.now();
		for (const state of this.topics.values()) {
			const every = state.provider.refreshMs;
			if (state.kind === 'value' && every && state.subscribers.size && now - (state.readAt ?? 0) >= every) this.markDirty(state);
		}
	}

	private beat() {
		const hb = JSON.stringify({ op: 'hb', t: new Date().toISOString() } satisfies ServerMessage);
		for (const c of this.clients) {
			if (!c.alive) {
				c.ws.terminate();
				this.drop(c);
				continue;
			}
			c.alive = false;
			c.ws.ping();
			c.queue.push({ frame: hb });
			c.flush();
		}
	}

	private drop(client: Client) {
		if (!this.clients.delete(client)) return;
		for (const t of client.subs.keys()) this.topics.get(t)?.subscribers.delete(client);
		client.subs.clear();
		client.dispose();
	}

	private closed = false;

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		if (this.heartbeat) clearInterval(this.heartbeat);
		if (this.recheck) clearInterval(this.recheck);
		if (this.refreshTimer) clearInterval(this.refreshTimer);
		if (this.recomputeTimer) clearTimeout(this.recomputeTimer);
		await this.unsubscribeBus?.();
		for (const c of this.clients) {
			c.ws.close(1001, 'server shutting down');
			this.drop(c);
		}
		await new Promise<void>((r) => this.wss.close(() => r()));
	}
}

/** Close code of a connection whose credential no longer holds: sign in again or get a new token. */
export const CLOSE_ACCESS_REVOKED = 4401;

function newEpoch(): string {
	return randomUUID().slice(0, 8);
}

function badMessage(message: string): ServerMessage {
	return { op: 'error', code: 'ERR_LIVE_BAD_MESSAGE', message };
}

function reject(socket: Duplex, status: number, message: string) {
	const reason = { 401: 'Unauthorized', 403: 'Forbidden', 500: 'Internal Server Error' }[status] ?? 'Error';
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`
	);
}

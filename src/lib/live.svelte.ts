// Browser client of the live protocol: one WebSocket, topics with snapshot-then-updates,
// resume after reconnect ({epoch, seq} per topic), and a fresh snapshot on any gap. Topics asked for in
// the same tick go in one message: the server reads their snapshots together rather than one by one.
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'closed';

/** The protocol's limit of topics in one message (server/live/protocol.ts). */
const MAX_TOPICS_PER_MESSAGE = 100;

export interface TopicHandler {
	snap(value: unknown): void;
	upd(value: unknown): void;
}

interface TopicState {
	handler: TopicHandler;
	kind?: 'stream' | 'value';
	epoch?: string;
	seq?: number;
}

type ServerMessage =
	| { op: 'hello'; node: string; heartbeatMs: number }
	| { op: 'snap' | 'upd'; topic: string; kind?: 'stream' | 'value'; epoch: string; seq: number; value: unknown }
	| { op: 'gap'; topic: string }
	| { op: 'hb' | 'pong'; t: string }
	| { op: 'error'; code: string; message: string; topic?: string };

export class LiveConnection {
	status = $state<LiveStatus>('idle');
	lastError = $state<string | null>(null);
	/** When the server was last heard from (any message, heartbeats included); null before the first. */
	lastHeard = $state<number | null>(null);
	/** When the connection was last lost (null while it stands): how old the numbers on a screen are. */
	lostAt = $state<number | null>(null);
	private ws: WebSocket | null = null;
	private heartbeatMs = 15_000;
	private watchdog: ReturnType<typeof setInterval> | null = null;
	private readonly topics = new Map<string, TopicState>();
	private retry = 0;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private stopped = false;
	/** Topics to (re)subscribe in the next message, sent at the end of the current tick. */
	private readonly asking = new Set<string>();
	private askScheduled = false;

	/**
	 * A kiosk or API token; `{track}`: a customer tracking link's secret (its page follows its one
	 * topic); none: the session cookie of the signed-in user.
	 */
	constructor(private readonly credential?: string | { track: string }) {}

	subscribe(topic: string, handler: TopicHandler): void {
		this.topics.set(topic, { handler });
		this.ask(topic);
	}

	unsubscribe(topic: string): void {
		if (!this.topics.delete(topic)) return;
		this.asking.delete(topic);
		if (this.ws?.readyState === WebSocket.OPEN) this.send({ op: 'unsub', topics: [topic] });
	}

	connect(): void {
		this.stopped = false;
		const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
		const c = this.credential;
		const query = typeof c === 'string' ? `?token=${encodeURIComponent(c)}` : c ? `?track=${encodeURIComponent(c.track)}` : '';
		const ws = new WebSocket(`${proto}//${location.host}/live${query}`);
		this.ws = ws;
		this.status = 'connecting';
		ws.onopen = () => {
			this.retry = 0;
			this.status = 'open';
			this.lastHeard = Date.now();
			for (const topic of this.topics.keys()) this.asking.add(topic);
			this.sendSubscriptions();
		};
		ws.onmessage = (ev) => {
			this.lastHeard = Date.now();
			if (this.lostAt !== null) this.lostAt = null;
			this.onMessage(JSON.parse(String(ev.data)) as ServerMessage);
		};
		ws.onclose = () => {
			if (this.ws !== ws) return;
			this.status = 'closed';
			this.lostAt ??= this.lastHeard ?? Date.now();
			if (!this.stopped) this.scheduleReconnect();
		};
		// A connection that went quiet (a cable pulled, a proxy that dropped it without a word) shows no
		// close for minutes: when not even a heartbeat came for two and a half beats, start over.
		if (!this.watchdog) {
			this.watchdog = setInterval(() => {
				const w = this.ws;
				if (w && w.readyState === WebSocket.OPEN && this.lastHeard !== null && Date.now() - this.lastHeard > this.heartbeatMs * 2.5) {
					this.ws = null;
					this.status = 'closed';
					this.lostAt ??= this.lastHeard;
					w.close();
					if (!this.stopped) this.scheduleReconnect();
				}
			}, 1000);
		}
	}

	close(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		if (this.watchdog) clearInterval(this.watchdog);
		this.watchdog = null;
		this.ws?.close();
		this.ws = null;
		this.status = 'closed';
	}

	private scheduleReconnect() {
		const delay = Math.min(30_000, 500 * 2 ** this.retry++) * (0.5 + Math.random() / 2);
		this.timer = setTimeout(() => this.connect(), delay);
	}

	private send(msg: unknown) {
		this.ws?.send(JSON.stringify(msg));
	}

	/** Subscribes to a topic with the next message (on an open socket; else when it opens). */
	private ask(topic: string) {
		this.asking.add(topic);
		if (this.askScheduled) return;
		this.askScheduled = true;
		queueMicrotask(() => {
			this.askScheduled = false;
			if (this.ws?.readyState === WebSocket.OPEN) this.sendSubscriptions();
		});
	}

	/** One message for the topics asked for (at most the server's 100 a message), each resuming where it can. */
	private sendSubscriptions() {
		const topics = [...this.asking].filter((t) => this.topics.has(t));
		this.asking.clear();
		for (let i = 0; i < topics.length; i += MAX_TOPICS_PER_MESSAGE) {
			const batch = topics.slice(i, i + MAX_TOPICS_PER_MESSAGE);
			const resume: Record<string, { epoch: string; seq: number }> = {};
			for (const topic of batch) {
				const s = this.topics.get(topic)!;
				if (s.epoch !== undefined && s.seq !== undefined) resume[topic] = { epoch: s.epoch, seq: s.seq };
			}
			this.send(Object.keys(resume).length ? { op: 'sub', topics: batch, resume } : { op: 'sub', topics: batch });
		}
	}

	private resubscribe(topic: string) {
		const s = this.topics.get(topic);
		if (!s) return;
		s.epoch = s.seq = undefined;
		this.ask(topic);
	}

	private onMessage(m: ServerMessage) {
		if (m.op === 'snap' || m.op === 'upd') {
			const s = this.topics.get(m.topic);
			if (!s) return;
			if (m.op === 'upd') {
				if (s.epoch !== m.epoch || s.seq === undefined) return this.resubscribe(m.topic);
				if (m.seq <= s.seq) return; // an old duplicate
				// Streams must be contiguous; value topics may skip (the server conflates to the latest value).
				if (s.kind !== 'value' && m.seq !== s.seq + 1) return this.resubscribe(m.topic);
			} else s.kind = m.kind;
			s.epoch = m.epoch;
			s.seq = m.seq;
			if (m.op === 'snap') s.handler.snap(m.value);
			else s.handler.upd(m.value);
		} else if (m.op === 'hello') {
			this.heartbeatMs = m.heartbeatMs;
		} else if (m.op === 'gap') {
			this.resubscribe(m.topic);
		} else if (m.op === 'error') {
			this.lastError = m.message;
			if (m.code === 'ERR_LIVE_SNAPSHOT_FAILED' && m.topic) {
				const topic = m.topic;
				setTimeout(() => this.resubscribe(topic), 1000);
			}
		}
	}
}

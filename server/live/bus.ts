// The bus carries committed facts between nodes: in-process when REDIS_URL is unset, Redis pub/sub
// when set (a separate subscriber connection, as Redis requires). Delivery is at most once; the
// database stays the source of truth and live clients heal gaps from snapshots (DESIGN.md).
import { resolve } from 'node:path';
import { Redis } from 'ioredis';

export type BusHandler = (message: unknown) => void;

export interface Bus {
	kind: 'memory' | 'redis';
	publish(channel: string, message: unknown): Promise<void>;
	/** Returns an unsubscribe function. */
	subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
	/** Resolves when the bus can carry messages (Redis connected). */
	ping(): Promise<boolean>;
	/** Called after the bus lost and regained its subscription: messages may have been lost meanwhile. */
	onResync?(handler: () => void): void;
	close(): Promise<void>;
	/** Shared Redis command connection for locks and shared state; absent on the memory bus. */
	redis?: Redis;
}

export function memoryBus(): Bus {
	const handlers = new Map<string, Set<BusHandler>>();
	return {
		kind: 'memory',
		async publish(channel, message) {
			// Deliver on a later tick, like a real bus: publishers never run subscriber code inline.
			// The message is shared, not copied: handlers treat messages as read-only.
			const set = handlers.get(channel);
			if (!set?.size) return;
			queueMicrotask(() => {
				for (const h of set) h(message);
			});
		},
		async subscribe(channel, handler) {
			const set = handlers.get(channel) ?? new Set();
			set.add(handler);
			handlers.set(channel, set);
			return async () => {
				set.delete(handler);
			};
		},
		async ping() {
			return true;
		},
		async close() {
			handlers.clear();
		}
	};
}

export async function redisBus(url: string, namespace: string, onError: (err: Error) => void): Promise<Bus> {
	const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableAutoPipelining: true } as const;
	const pub = new Redis(url, options);
	// Named, so an operator (or a test) can find this node's subscriber in CLIENT LIST.
	const sub = new Redis(url, { ...options, enableAutoPipelining: false, connectionName: subscriberName(namespace) });
	pub.on('error', onError);
	sub.on('error', onError);
	await Promise.all([pub.connect(), sub.connect()]);
	const resyncHandlers: (() => void)[] = [];
	// ioredis reconnects and resubscribes by itself; each 'ready' after the first is a reconnect.
	sub.on('ready', () => {
		for (const h of resyncHandlers) h();
	});
	const handlers = new Map<string, Set<BusHandler>>();
	const key = (channel: string) => `${namespace}:${channel}`;
	sub.on('message', (ch: string, raw: string) => {
		const channel = ch.slice(namespace.length + 1);
		const set = handlers.get(channel);
		if (!set?.size) return;
		let msg: unknown;
		try {
			msg = JSON.parse(raw);
		} catch (err) {
			onError(err as Error);
			return;
		}
		for (const h of set) h(msg);
	});
	return {
		kind: 'redis',
		redis: pub,
		async publish(channel, message) {
			await pub.publish(key(channel), JSON.stringify(message));
		},
		async subscribe(channel, handler) {
			let set = handlers.get(channel);
			if (!set) {
				set = new Set();
				handlers.set(channel, set);
				await sub.subscribe(key(channel));
			}
			set.add(handler);
			return async () => {
				set!.delete(handler);
				if (!set!.size) {
					handlers.delete(channel);
					await sub.unsubscribe(key(channel));
				}
			};
		},
		async ping() {
			if (sub.status !== 'ready') return false;
			try {
				return (await pub.ping()) === 'PONG';
			} catch {
				return false;
			}
		},
		onResync(h) {
			resyncHandlers.push(h);
		},
		async close() {
			handlers.clear();
			resyncHandlers.length = 0;
			await Promise.allSettled([pub.quit(), sub.quit()]);
		}
	};
}

export function subscriberName(namespace: string): string {
	return 'liandong-sub:' + namespace.replace(/[^A-Za-z0-9:._/-]/g, '_');
}

/**
 * Nodes sharing a database share a namespace, so several installations (or test databases) can share
 * one Redis. Embedded databases belong to one process: their folder names the namespace.
 */
export function busNamespace(databaseUrl: string | undefined, dataDir?: string): string {
	if (!databaseUrl) return `liandong:pglite:${resolve(dataDir ?? '.')}`;
	const u = new URL(databaseUrl);
	return `liandong:${u.hostname || 'local'}:${u.port || '5432'}${u.pathname || '/'}`;
}

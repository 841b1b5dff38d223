// The live protocol on /live (DESIGN.md, Live protocol). Domain events never go to sockets as they
// are: topics decide what a screen sees; this file is the typed wire format of both directions.
import type { ErrorCode } from '../errors.ts';
import { z } from 'zod';

const resumePoint = z.strictObject({ epoch: z.string().max(64), seq: z.number().int().nonnegative() });
const topicName = z.string().min(1).max(200);

export const clientMessageSchema = z.discriminatedUnion('op', [
	z.strictObject({
		op: z.literal('sub'),
		topics: z.array(topicName).min(1).max(100),
		/** One point for every topic listed, or one per topic. */
		resume: z.union([resumePoint, z.record(topicName, resumePoint)]).optional()
	}),
	z.strictObject({ op: z.literal('unsub'), topics: z.array(topicName).min(1).max(100) }),
	z.strictObject({ op: z.literal('ping') })
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
	| { op: 'hello'; node: string; heartbeatMs: number }
	/** kind `stream`: every update follows with seq+1; kind `value`: updates may skip (conflated). */
	| { op: 'snap'; topic: string; kind: 'stream' | 'value'; epoch: string; seq: number; value: unknown }
	| { op: 'upd'; topic: string; epoch: string; seq: number; value: unknown }
	/** The server dropped this topic for this client (it fell behind); resubscribe to get a snapshot. */
	| { op: 'gap'; topic: string; reason: 'slow-consumer' | 'resync' }
	| { op: 'hb'; t: string }
	| { op: 'pong'; t: string }
	| { op: 'error'; code: LiveErrorCode; message: string; topic?: string };

/** The /live codes of the error catalogue (server/errors.ts). */
export type LiveErrorCode = Extract<ErrorCode, `ERR_LIVE_${string}`>;

export function resumeFor(msg: Extract<ClientMessage, { op: 'sub' }>, topic: string) {
	const r = msg.resume;
	if (!r) return undefined;
	if ('epoch' in r && typeof r.epoch === 'string') return r as { epoch: string; seq: number };
	return (r as Record<string, { epoch: string; seq: number }>)[topic];
}

// Generic webhook: POST {"type":"alert"|"digest"|"test", "title", "text", "link", …payload} as JSON.
// With a secret, `X-Liandong-Timestamp` (ms) and `X-Liandong-Signature: sha256=<hex HMAC-SHA256 of
// timestamp + "." + body>` let the receiver check it came from here and is fresh.
import { createHmac } from 'node:crypto';
import type { Notice } from '../notice.ts';
import { plainText } from './render.ts';
import type { HttpMessage } from './types.ts';

export function webhookSignature(secret: string, timestampMs: number, body: string): string {
	return 'sha256=' + createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex');
}

export function webhookPayload(n: Notice): Record<string, unknown> {
	return { type: n.type, title: n.title, severity: n.severity ?? null, text: plainText(n), link: n.link?.url ?? null, ...n.payload };
}

export function webhookMessage(url: string, secret: string | null, n: Notice, now: Date): HttpMessage {
	const body = JSON.stringify(webhookPayload(n));
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (secret) {
		headers['x-liandong-timestamp'] = String(now.getTime());
		headers['x-liandong-signature'] = webhookSignature(secret, now.getTime(), body);
	}
	return { url, headers, body };
}

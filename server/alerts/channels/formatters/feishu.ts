// Feishu (飞书) / Lark robot: POST {"msg_type":"interactive","card":{…}} (or "text"). With a signing
// secret, `timestamp` (seconds, as a string) and `sign` = Base64 of HMAC-SHA256(key = timestamp +
// "\n" + secret, message = "") go in the body beside msg_type.
import { createHmac } from 'node:crypto';
import type { Notice } from '../notice.ts';
import { clip, markdown, plainText } from './render.ts';
import type { HttpMessage } from './types.ts';

export function feishuSign(secret: string, timestampS: number): string {
	return createHmac('sha256', `${timestampS}\n${secret}`).update('').digest('base64');
}

const TEMPLATE = { info: 'blue', warning: 'orange', critical: 'red' } as const;

export function feishuPayload(n: Notice, format: 'interactive' | 'text' = 'interactive'): Record<string, unknown> {
	if (format === 'text') return { msg_type: 'text', content: { text: clip(plainText(n), 4000) } };
	const elements: Record<string, unknown>[] = [{ tag: 'div', text: { tag: 'lark_md', content: clip(markdown({ ...n, link: undefined }, { heading: false }), 8000) } }];
	if (n.link) elements.push({ tag: 'action', actions: [{ tag: 'button', text: { tag: 'plain_text', content: n.link.label }, type: 'primary', url: n.link.url }] });
	return {
		msg_type: 'interactive',
		card: { config: { wide_screen_mode: true }, header: { title: { tag: 'plain_text', content: clip(n.title, 100) }, template: TEMPLATE[n.severity ?? 'info'] }, elements }
	};
}

export function feishuMessage(url: string, secret: string | null, n: Notice, now: Date): HttpMessage {
	const payload = feishuPayload(n);
	if (secret) {
		const timestamp = Math.floor(now.getTime() / 1000);
		Object.assign(payload, { timestamp: String(timestamp), sign: feishuSign(secret, timestamp) });
	}
	return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}

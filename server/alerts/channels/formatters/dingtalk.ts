// DingTalk (钉钉) robot: POST {"msgtype":"markdown","markdown":{"title","text"}}. With a signing
// secret, `timestamp` (ms) and `sign` = URL-encoded Base64 of HMAC-SHA256(key = secret, message =
// timestamp + "\n" + secret) are added to the URL's query.
import { createHmac } from 'node:crypto';
import type { Notice } from '../notice.ts';
import { clip, markdown } from './render.ts';
import type { HttpMessage } from './types.ts';

export function dingtalkSign(secret: string, timestampMs: number): string {
	return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function dingtalkPayload(n: Notice): Record<string, unknown> {
	return { msgtype: 'markdown', markdown: { title: clip(n.title, 100), text: clip(markdown(n, { heading: true }), 18000) } };
}

export function dingtalkMessage(url: string, secret: string | null, n: Notice, now: Date): HttpMessage {
	let target = url;
	if (secret) {
		const timestamp = now.getTime();
		const u = new URL(url);
		u.searchParams.delete('timestamp');
		u.searchParams.delete('sign');
		// Appended by hand: URLSearchParams would encode the already URL-encoded signature differently.
		target = `${u.toString()}${u.search ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(secret, timestamp))}`;
	}
	return { url: target, headers: { 'content-type': 'application/json' }, body: JSON.stringify(dingtalkPayload(n)) };
}

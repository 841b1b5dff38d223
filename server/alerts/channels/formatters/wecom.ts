// WeCom (企业微信) group robot: POST {"msgtype":"markdown","markdown":{"content"}} to the robot's URL
// (its `key` is in the URL); `text` for a service that must not use markdown. Content ≤ 4096 bytes.
import type { Notice } from '../notice.ts';
import { clip, markdown, plainText } from './render.ts';
import type { HttpMessage } from './types.ts';

const WECOM_COLOUR = { info: 'info', warning: 'warning', critical: 'warning' } as const;

/** UTF-8 bytes, which the robot counts: Chinese text is three bytes a character. */
function clipBytes(s: string, max: number): string {
	let out = clip(s, max);
	while (Buffer.byteLength(out) > max) out = out.slice(0, Math.floor(out.length * 0.9)) + '…';
	return out;
}

export function wecomPayload(n: Notice, format: 'markdown' | 'text' = 'markdown'): Record<string, unknown> {
	if (format === 'text') return { msgtype: 'text', text: { content: clipBytes(plainText(n), 2048) } };
	const content = markdown(n, { heading: true, colour: (s, t) => `<font color="${WECOM_COLOUR[s]}">${t}</font>` });
	return { msgtype: 'markdown', markdown: { content: clipBytes(content, 4096) } };
}

export function wecomMessage(url: string, n: Notice): HttpMessage {
	return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(wecomPayload(n)) };
}

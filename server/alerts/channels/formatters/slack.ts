// Slack incoming webhook: POST {"text", "blocks"}; `text` is the notification and fallback, the blocks
// the message (header, mrkdwn section, a button to the record). Slack answers "ok" or an error text.
import type { Notice } from '../notice.ts';
import { clip, plainText, slackMrkdwn } from './render.ts';
import type { HttpMessage } from './types.ts';

export function slackPayload(n: Notice): Record<string, unknown> {
	const blocks: Record<string, unknown>[] = [
		{ type: 'header', text: { type: 'plain_text', text: clip(n.title, 150), emoji: true } },
		{ type: 'section', text: { type: 'mrkdwn', text: clip(slackMrkdwn(n), 3000) } }
	];
	if (n.link) blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: clip(n.link.label, 75) }, url: n.link.url }] });
	return { text: clip(plainText(n), 3000), blocks };
}

export function slackMessage(url: string, n: Notice): HttpMessage {
	return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(slackPayload(n)) };
}

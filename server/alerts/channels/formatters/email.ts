// Email: subject, plain text and HTML of a notice, for the SMTP sender (send.ts).
import type { Notice } from '../notice.ts';
import { clip, html, plainText } from './render.ts';
import type { EmailMessage } from './types.ts';

export function emailMessage(to: string[], n: Notice): EmailMessage {
	return { to, subject: clip(n.title.replace(/[\r\n]+/g, ' '), 200), text: plainText(n), html: html(n) };
}

// Sending one formatted message, once: an HTTP POST (fetch, 10 s timeout) or an email over SMTP
// (nodemailer). The answer says whether it was delivered: a 2xx is not enough for the robots, which
// answer 200 with {"errcode":…} (WeCom, DingTalk) or {"code":…} (Feishu/Lark) when they refuse.
// Errors are described without the URL: a robot's key lives in its query.
import nodemailer from 'nodemailer';
import type { Outgoing } from './formatters/index.ts';
import type { EmailMessage, HttpMessage } from './formatters/types.ts';
import { checkTarget } from './channel.ts';

export interface SendOutcome {
	ok: boolean;
	httpStatus?: number;
	error?: string;
}

export interface SendDeps {
	/** Hosts besides the official ones (LIANDONG_WEBHOOK_HOSTS): checked again at send time. */
	webhookHosts: readonly string[];
	smtpUrl?: string;
	smtpFrom?: string;
	/** HTTP timeout (default 10 s). */
	timeoutMs?: number;
}

/** The service's own verdict in a 2xx body: errcode/code other than 0 is a refusal. */
export function bodyVerdict(text: string): string | null {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return null;
	}
	if (!body || typeof body !== 'object') return null;
	const b = body as Record<string, unknown>;
	for (const key of ['errcode', 'code', 'StatusCode']) {
		if (key in b && b[key] !== 0 && b[key] !== '0') {
			const msg = b.errmsg ?? b.msg ?? b.StatusMessage ?? '';
			return `${key} ${String(b[key])}${msg ? ': ' + String(msg).slice(0, 200) : ''}`;
		}
	}
	return null;
}

async function postHttp(m: HttpMessage, deps: SendDeps): Promise<SendOutcome> {
	const problem = checkTarget(m.url, deps.webhookHosts);
	if (problem) return { ok: false, error: `target not allowed (${problem.code})` };
	let res: Response;
	try {
		res = await fetch(m.url, { method: 'POST', headers: m.headers, body: m.body, redirect: 'error', signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000) });
	} catch (err) {
		const e = err as Error & { cause?: { code?: string } };
		return { ok: false, error: e.name === 'TimeoutError' ? 'timed out' : `not reached: ${e.cause?.code ?? e.name}` };
	}
	const text = (await res.text().catch(() => '')).slice(0, 4000);
	if (!res.ok) return { ok: false, httpStatus: res.status, error: `HTTP ${res.status}${text ? ': ' + text.slice(0, 200) : ''}` };
	const refused = bodyVerdict(text);
	return refused ? { ok: false, httpStatus: res.status, error: refused } : { ok: true, httpStatus: res.status };
}

async function sendEmail(m: EmailMessage, deps: SendDeps): Promise<SendOutcome> {
	if (!deps.smtpUrl) return { ok: false, error: 'email is not configured (LIANDONG_SMTP_URL)' };
	const transport = nodemailer.createTransport(deps.smtpUrl);
	try {
		const from = deps.smtpFrom ?? `Liandong <liandong@${new URL(deps.smtpUrl).hostname}>`;
		await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
		return { ok: true };
	} catch (err) {
		const e = err as Error & { responseCode?: number };
		return { ok: false, error: `SMTP ${e.responseCode ?? ''} ${e.message}`.replace(/\s+/g, ' ').trim().slice(0, 300) };
	} finally {
		transport.close();
	}
}

export function sendOnce(out: Outgoing, deps: SendDeps): Promise<SendOutcome> {
	return out.via === 'http' ? postHttp(out.http, deps) : sendEmail(out.email, deps);
}

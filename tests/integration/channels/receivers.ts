// Local receivers for channel tests: an HTTP server on 127.0.0.1 that records every request and
// answers from a per-path script (else the service's "ok"), and a minimal SMTP server over node:net
// that records each mail's envelope and data.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Received {
	path: string;
	url: URL;
	headers: IncomingMessage['headers'];
	body: string;
}

export interface Answer {
	status: number;
	body: string;
}

const OK: Record<string, Answer> = {
	wecom: { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
	dingtalk: { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
	feishu: { status: 200, body: '{"code":0,"msg":"success","data":{}}' },
	slack: { status: 200, body: 'ok' }
};

export interface HttpReceiver {
	host: string;
	origin: string;
	requests: Received[];
	/** Answers the next requests to `path` with these, in order; afterwards the service's "ok". */
	script(path: string, answers: Answer[]): void;
	on(path: string): Received[];
	close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
	const requests: Received[] = [];
	const scripts = new Map<string, Answer[]>();
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			requests.push({ path: url.pathname, url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			const queued = scripts.get(url.pathname)?.shift();
			const answer = queued ?? OK[url.pathname.slice(1).split('/')[0]] ?? { status: 204, body: '' };
			res.writeHead(answer.status, { 'content-type': answer.body.startsWith('{') ? 'application/json' : 'text/plain' });
			res.end(answer.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		host: `127.0.0.1:${port}`,
		origin: `http://127.0.0.1:${port}`,
		requests,
		script: (path, answers) => scripts.set(path, [...(scripts.get(path) ?? []), ...answers]),
		on: (path) => requests.filter((r) => r.path === path),
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

export interface Mail {
	from: string;
	to: string[];
	data: string;
}

export interface SmtpReceiver {
	url: string;
	mails: Mail[];
	close(): Promise<void>;
}

/** Just enough SMTP (RFC 5321) for one client: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no auth. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
	const mails: Mail[] = [];
	const server: TcpServer = createTcpServer((socket) => {
		let buffer = '';
		let current: Mail | null = null;
		let inData = false;
		const reply = (s: string) => socket.write(s + '\r\n');
		reply('220 test.local ESMTP');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					current!.data = buffer.slice(0, end).replace(/^\.\./gm, '.');
					buffer = buffer.slice(end + 5);
					mails.push(current!);
					current = null;
					inData = false;
					reply('250 OK queued');
					continue;
				}
				const nl = buffer.indexOf('\r\n');
				if (nl < 0) return;
				const line = buffer.slice(0, nl);
				buffer = buffer.slice(nl + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO') reply('250-test.local\r\n250 8BITMIME');
				else if (verb === 'HELO') reply('250 test.local');
				else if (verb === 'MAIL') {
					current = { from: /<([^>]*)>/.exec(line)?.[1] ?? '', to: [], data: '' };
					reply('250 OK');
				} else if (verb === 'RCPT') {
					current?.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
					reply('250 OK');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'RSET') {
					current = null;
					reply('250 OK');
				} else if (verb === 'NOOP') reply('250 OK');
				else if (verb === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else reply('502 Command not implemented');
			}
		});
		socket.on('error', () => undefined);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

// Spawns the built production server (build/liandong.js) on a free port and waits until it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export interface TestServer {
	url: string;
	port: number;
	proc: ChildProcess;
	output(): string;
	stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>, timeoutMs = 45_000): Promise<TestServer> {
	const proc = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : []), join(ROOT, 'build/liandong.js')], {
		cwd: ROOT,
		// Planning and alerts run by themselves only where a test asks (LIANDONG_PLANNING=1, LIANDONG_ALERTS=1): their
		// events would join every event stream.
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LIANDONG_LOG_LEVEL: 'info', LIANDONG_DEMO: '0', LIANDONG_PLANNING: '0', LIANDONG_ALERTS: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	// BENCH_SERVER_LOG=<folder>: each server's output is also kept there (server-<pid>.log), to read after a benchmark.
	const keep = process.env.BENCH_SERVER_LOG ? join(process.env.BENCH_SERVER_LOG, `server-${proc.pid}.log`) : null;
	if (keep) {
		mkdirSync(process.env.BENCH_SERVER_LOG!, { recursive: true });
		const file = createWriteStream(keep);
		proc.stdout!.on('data', (c: Buffer) => file.write(c));
		proc.stderr!.on('data', (c: Buffer) => file.write(c));
		proc.on('exit', () => file.end());
	}
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => {
			// Not left running behind the caller's back (its cleanup never hears of it).
			proc.kill('SIGKILL');
			reject(new Error('server did not start in time:\n' + out));
		}, timeoutMs);
		const onData = (chunk: Buffer) => {
			out += chunk.toString();
			for (const line of out.split('\n')) {
				if (!line.includes('"Liandong listening')) continue;
				try {
					const port = (JSON.parse(line) as { port: number }).port;
					clearTimeout(timer);
					resolve(port);
					return;
				} catch {
					/* partial line */
				}
			}
		};
		proc.stdout!.on('data', onData);
		proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
		proc.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${out}`));
		});
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		proc,
		output: () => out,
		stop: () =>
			new Promise<void>((resolve) => {
				if (proc.exitCode !== null) return resolve();
				proc.once('exit', () => resolve());
				proc.kill('SIGTERM');
				setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
			})
	};
}

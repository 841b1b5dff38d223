// One pino logger per process. Secrets never reach it: tokens and passwords are redacted by path.
import { pino, type Logger } from 'pino';

/** JSON lines on stdout; `toStderr` for the CLI, whose stdout carries its answer only. */
export function createLogger(level: string, toStderr = false): Logger {
	const options = {
		level,
		base: { app: 'liandong' },
		redact: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.password']
	};
	return toStderr ? pino(options, pino.destination(2)) : pino(options);
}
export type { Logger };

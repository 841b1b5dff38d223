// One pino logger per process. Secrets never reach it: tokens and passwords are redacted by path.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
	return pino({
		level,
		base: { app: 'liandong' },
		redact: ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.password']
	});
}
export type { Logger };

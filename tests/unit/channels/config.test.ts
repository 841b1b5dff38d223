// The channel settings of the environment: allowed webhook hosts, the sealing key, SMTP, digest time.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';

describe('channel configuration', () => {
	it('reads allowed webhook hosts as lower-case host[:port] names', () => {
		expect(loadConfig({ LIANDONG_WEBHOOK_HOSTS: ' MES.factory.local:8080, hooks.internal ,' }).webhookHosts).toEqual(['mes.factory.local:8080', 'hooks.internal']);
		expect(loadConfig({}).webhookHosts).toEqual([]);
		expect(loadConfig({}).standupTime).toBe('08:30');
	});

	it('names every bad channel variable', () => {
		try {
			loadConfig({ LIANDONG_WEBHOOK_HOSTS: 'https://mes.local/x', LIANDONG_SECRET_KEY: 'short', LIANDONG_SMTP_URL: 'http://mail', LIANDONG_STANDUP_TIME: '8:30' });
			throw new Error('accepted');
		} catch (err) {
			expect(err).toBeInstanceOf(ConfigError);
			expect((err as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['LIANDONG_SECRET_KEY', 'LIANDONG_SMTP_URL', 'LIANDONG_STANDUP_TIME', 'LIANDONG_WEBHOOK_HOSTS']);
		}
	});

	it('takes a 32-byte key as hex or base64', () => {
		expect(loadConfig({ LIANDONG_SECRET_KEY: 'ab'.repeat(32) }).secretKey).toBe('ab'.repeat(32));
		expect(loadConfig({ LIANDONG_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }).secretKey).toBeDefined();
	});
});

// Channel secrets at rest: AES-256-GCM under one key, from LIANDONG_SECRET_KEY or else generated once
// and kept in `channel_keys`. A sealed value names its key ("v1.<keyId>.<iv>.<tag>.<data>", base64url),
// so a changed key is reported as such instead of as garbage. Secrets in clear live only in memory,
// for the moment of signing a request; nothing here logs.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/db.ts';

export interface SealingKey {
	id: string;
	key: Buffer;
}

const b64 = (b: Buffer) => b.toString('base64url');

export function keyFrom(material: string): SealingKey {
	const key = /^[0-9a-fA-F]{64}$/.test(material) ? Buffer.from(material, 'hex') : Buffer.from(material, 'base64');
	if (key.length !== 32) throw new Error('a sealing key is 32 bytes');
	return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/** The key of this installation: the configured one, else the stored one, created on first use. */
export async function sealingKey(q: Queryable, configured: string | undefined): Promise<SealingKey> {
	if (configured) return keyFrom(configured);
	const found = await q.query<{ key_id: string; key: Buffer | Uint8Array }>('select key_id, key from channel_keys order by created_at limit 1');
	if (found.rows[0]) return { id: found.rows[0].key_id, key: Buffer.from(found.rows[0].key) };
	const fresh = keyFrom(randomBytes(32).toString('hex'));
	// Two nodes creating one at once: whichever row lands first is the key of both.
	await q.query(`select pg_advisory_xact_lock(hashtext('liandong:channel-key'))`);
	await q.query('insert into channel_keys (key_id, key) select $1, $2 where not exists (select 1 from channel_keys)', [fresh.id, fresh.key]);
	const row = await q.query<{ key_id: string; key: Buffer | Uint8Array }>('select key_id, key from channel_keys order by created_at limit 1');
	return { id: row.rows[0].key_id, key: Buffer.from(row.rows[0].key) };
}

export function seal(plain: string, k: SealingKey): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', k.key, iv);
	const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
	return ['v1', k.id, b64(iv), b64(cipher.getAuthTag()), b64(data)].join('.');
}

export class UnsealError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnsealError';
	}
}

export function unseal(sealed: string, k: SealingKey): string {
	const [v, keyId, iv, tag, data] = sealed.split('.');
	if (v !== 'v1' || data === undefined) throw new UnsealError('not a sealed secret');
	if (keyId !== k.id) throw new UnsealError(`sealed with another key (${keyId}); set the secret again or restore LIANDONG_SECRET_KEY`);
	try {
		const d = createDecipheriv('aes-256-gcm', k.key, Buffer.from(iv, 'base64url'));
		d.setAuthTag(Buffer.from(tag, 'base64url'));
		return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
	} catch {
		throw new UnsealError('the sealed secret does not open with this key');
	}
}

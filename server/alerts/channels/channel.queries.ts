// Reads of alert channels. Lists never carry a secret, sealed or not: only whether one is set. The
// targets delivery needs (secrets unsealed, in memory) come from `targets`.
import type { Queryable } from '../../db/db.ts';
import { maskUrl, type ChannelKind, type ChannelTarget, type MessageLocale, type Severity } from './channel.ts';
import { sealingKey, unseal } from './secrets.ts';

export interface ChannelView {
	channelId: string;
	kind: ChannelKind;
	/** The URL with the robot's key hidden. */
	urlMasked: string | null;
	to: string[];
	secretSet: boolean;
	minSeverity: Severity;
	active: boolean;
	digest: boolean;
	locale: MessageLocale;
	updatedBy: string | null;
	updatedAt: string;
}

interface Row {
	channel_id: string;
	kind: ChannelKind;
	url: string | null;
	recipients: string[];
	secret_sealed: string | null;
	min_severity: Severity;
	active: boolean;
	digest: boolean;
	locale: MessageLocale;
	updated_by: string | null;
	version_at: Date | string;
}

const COLUMNS = 'channel_id, kind, url, recipients, secret_sealed, min_severity, active, digest, locale, updated_by, version_at';

function view(r: Row): ChannelView {
	return {
		channelId: r.channel_id,
		kind: r.kind,
		urlMasked: maskUrl(r.url),
		to: r.recipients,
		secretSet: r.secret_sealed !== null,
		minSeverity: r.min_severity,
		active: r.active,
		digest: r.digest,
		locale: r.locale,
		updatedBy: r.updated_by,
		updatedAt: new Date(r.version_at).toISOString()
	};
}

export async function listChannels(q: Queryable): Promise<ChannelView[]> {
	const r = await q.query<Row>(`select ${COLUMNS} from alert_channels order by channel_id`);
	return r.rows.map(view);
}

export async function getChannel(q: Queryable, channelId: string): Promise<ChannelView | null> {
	const r = await q.query<Row>(`select ${COLUMNS} from alert_channels where channel_id = $1`, [channelId]);
	return r.rows[0] ? view(r.rows[0]) : null;
}

/** The full URL, for the admin's edit form only (a robot URL is configuration the admin entered). */
export async function channelUrl(q: Queryable, channelId: string): Promise<string | null> {
	const r = await q.query<{ url: string | null }>('select url from alert_channels where channel_id = $1', [channelId]);
	return r.rows[0]?.url ?? null;
}

/** The sealed secret a save without `secret` carries forward. */
export async function storedSecret(q: Queryable, channelId: string): Promise<string | null> {
	const r = await q.query<{ secret_sealed: string | null }>('select secret_sealed from alert_channels where channel_id = $1', [channelId]);
	return r.rows[0]?.secret_sealed ?? null;
}

/** Channels as delivery uses them, secrets opened; `ids` narrows to some (all when absent). */
export async function targets(q: Queryable, secretKey: string | undefined, ids?: string[]): Promise<(ChannelTarget | { channelId: string; error: string })[]> {
	const r = await q.query<Row>(`select ${COLUMNS} from alert_channels ${ids ? 'where channel_id = any($1::text[])' : ''} order by channel_id`, ids ? [ids] : []);
	const needKey = r.rows.some((x) => x.secret_sealed);
	const key = needKey ? await sealingKey(q, secretKey) : null;
	return r.rows.map((x) => {
		let secret: string | null = null;
		if (x.secret_sealed) {
			try {
				secret = unseal(x.secret_sealed, key!);
			} catch (err) {
				return { channelId: x.channel_id, error: (err as Error).message };
			}
		}
		return {
			channelId: x.channel_id,
			kind: x.kind,
			url: x.url,
			to: x.recipients,
			secret,
			minSeverity: x.min_severity,
			active: x.active,
			digest: x.digest,
			locale: x.locale
		};
	});
}

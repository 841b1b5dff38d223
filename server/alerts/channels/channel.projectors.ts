// Projection of alert_channel.saved into alert_channels: the latest setting per channel by business
// time (last writer wins whatever the arrival order). The secret stays sealed.
import type { Queryable } from '../../db/db.ts';
import { asJson, latestPerKey, type Projector } from '../../events/projectors.ts';
import type { AlertChannelSaved } from './schemas.ts';

export const alertChannelSaved: Projector<AlertChannelSaved> = {
	type: 'alert_channel.saved',
	async apply(tx, events) {
		const rows = latestPerKey(events, (e) => e.data.channelId).map((e) => ({
			id: e.data.channelId,
			kind: e.data.kind,
			url: e.data.url ?? null,
			recipients: e.data.to ?? [],
			sealed: e.data.secretSealed ?? null,
			min: e.data.minSeverity,
			active: e.data.active,
			digest: e.data.digest,
			locale: e.data.locale,
			by: e.actor ?? e.source,
			at: e.occurredAt,
			eid: e.id
		}));
		await tx.query(
			`insert into alert_channels (channel_id, kind, url, recipients, secret_sealed, min_severity, active, digest, locale, updated_by, version_at, version_id)
			select id, kind, url, recipients, sealed, min, active, digest, locale, by, at, eid
			from jsonb_to_recordset($1::jsonb) as x(id text, kind text, url text, recipients jsonb, sealed text, min text, active boolean,
				digest boolean, locale text, by text, at timestamptz, eid uuid)
			on conflict (channel_id) do update set kind = excluded.kind, url = excluded.url, recipients = excluded.recipients,
				secret_sealed = excluded.secret_sealed, min_severity = excluded.min_severity, active = excluded.active, digest = excluded.digest,
				locale = excluded.locale, updated_by = excluded.updated_by, version_at = excluded.version_at, version_id = excluded.version_id
			where (alert_channels.version_at, alert_channels.version_id) < (excluded.version_at, excluded.version_id)`,
			[asJson(rows)]
		);
	}
};

export const channelProjectors = [alertChannelSaved] as Projector[];

/** Empties the channel settings before a rebuild; the outbox, the log and the key are not projections. */
export async function resetProjections(tx: Queryable): Promise<void> {
	await tx.exec('truncate alert_channels');
}

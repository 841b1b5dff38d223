import { fail, redirect } from '@sveltejs/kit';
import { savedHref } from '$lib/components/saved';
import { runtime } from '$lib/server/runtime';
import { requireUser, userActor } from '$lib/server/auth';
import { attempt } from '$lib/server/forms';
import { compact, optional, text } from '$lib/components/form-values';
import { execute } from '$server/commands/command.ts';
import { saveAlertChannel } from '$server/alerts/channels/channel.commands.ts';
import { channelUrl, listChannels } from '$server/alerts/channels/channel.queries.ts';
import { deliveryLog, sendTestMessage } from '$server/alerts/channels/deliver.ts';
import type { Actions, PageServerLoad } from './$types';

// Alert channels (admin): every channel without its secret, the recent deliveries, one form to add a
// channel or change one (?channel=… opens it), and a test message per channel.
interface ChannelFormValues {
	channelId: string;
	kind: string;
	url: string;
	to: string;
	minSeverity: string;
	active: boolean;
	digest: boolean;
	locale: string;
	secretSet: boolean;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url, saveAlertChannel.roles);
	const rt = await runtime();
	const channels = await listChannels(rt.db);
	const wanted = url.searchParams.get('channel');
	const c = wanted === null ? null : (channels.find((x) => x.channelId === wanted) ?? null);
	const editing: ChannelFormValues | null = c
		? {
				channelId: c.channelId,
				kind: c.kind,
				url: (await channelUrl(rt.db, c.channelId)) ?? '',
				to: c.to.join('\n'),
				minSeverity: c.minSeverity,
				active: c.active,
				digest: c.digest,
				locale: c.locale,
				secretSet: c.secretSet
			}
		: null;
	return { channels, editing, log: await deliveryLog(rt.db, { limit: 30 }), saved: url.searchParams.get('saved') };
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireUser(locals, url, saveAlertChannel.roles);
		const form = await request.formData();
		const values: ChannelFormValues = {
			channelId: text(form, 'channelId'),
			kind: text(form, 'kind'),
			url: text(form, 'url'),
			to: text(form, 'to'),
			minSeverity: text(form, 'minSeverity'),
			active: form.has('active'),
			digest: form.has('digest'),
			locale: text(form, 'locale'),
			secretSet: form.has('secretSet')
		};
		const editing = form.has('editing');
		const secret = text(form, 'secret');
		const recipients = values.to.split(/[\s,;]+/).filter(Boolean);
		const input = compact({
			channelId: values.channelId,
			kind: values.kind,
			url: values.kind === 'email' ? undefined : optional(values.url),
			to: values.kind === 'email' ? recipients : undefined,
			// Blank keeps the secret set; the box removes it.
			secret: form.has('clearSecret') ? null : optional(secret),
			minSeverity: optional(values.minSeverity),
			active: values.active,
			digest: values.digest,
			locale: optional(values.locale)
		});
		const rt = await runtime();
		const out = await attempt(() => execute(rt, saveAlertChannel, input as never, userActor(user), 'ui'));
		// What was typed comes back, never the secret.
		if ('issues' in out) return fail(out.status, { values, editing, issues: out.issues });
		redirect(303, savedHref('/settings/channels', 'settings.saved', out.result.channelId));
	},
	test: async ({ locals, url, request }) => {
		requireUser(locals, url, saveAlertChannel.roles);
		const channelId = text(await request.formData(), 'channelId');
		const rt = await runtime();
		const out = await sendTestMessage({ db: rt.db, clock: rt.clock, log: rt.log, config: rt.config }, channelId);
		if (!out) return fail(404, { tested: { channelId, ok: false, error: 'not found' } });
		return { tested: { channelId, ok: out.ok, error: out.error ?? null } };
	}
};

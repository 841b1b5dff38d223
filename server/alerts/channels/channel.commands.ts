// alert_channel.save: an admin creates or changes a channel. The URL is checked against the robot
// hosts and LIANDONG_WEBHOOK_HOSTS here (the allowed list is the node's configuration); the secret is
// sealed before it reaches the event, and a save without `secret` keeps the one already set.
import type { Command } from '../../commands/command.ts';
import { AppError } from '../../errors.ts';
import { checkTarget, DEFAULT_MIN_SEVERITY, isWebhookKind } from './channel.ts';
import { alertChannelInput, type AlertChannelInput, type AlertChannelSaved } from './schemas.ts';
import { seal, sealingKey } from './secrets.ts';
import { storedSecret } from './channel.queries.ts';

const MESSAGES = {
	ERR_WEBHOOK_URL: () => 'must be a URL starting with https://',
	ERR_WEBHOOK_HTTPS: (host: string) => `${host} must be reached over https://`,
	ERR_WEBHOOK_HOST: (host: string) => `${host} is not a WeCom, DingTalk, Feishu/Lark or Slack robot host, nor in LIANDONG_WEBHOOK_HOSTS`
};

export const saveAlertChannel: Command<AlertChannelInput, { channelId: string; secretSet: boolean }> = {
	name: 'alert_channel.save',
	input: alertChannelInput,
	roles: [],
	async run(ctx, input) {
		if (isWebhookKind(input.kind) && input.url) {
			const problem = checkTarget(input.url, ctx.config.webhookHosts);
			if (problem) {
				const host = 'host' in problem ? problem.host : '';
				const message = MESSAGES[problem.code](host);
				throw new AppError('ERR_VALIDATION', `invalid input for alert_channel.save`, {
					issues: [{ index: 0, path: 'url', message, code: problem.code, params: 'host' in problem ? { host } : {} }]
				});
			}
		}
		let secretSealed: string | undefined;
		if (typeof input.secret === 'string') secretSealed = seal(input.secret, await sealingKey(ctx.tx, ctx.config.secretKey));
		else if (input.secret === undefined) secretSealed = (await storedSecret(ctx.tx, input.channelId)) ?? undefined;
		const data: AlertChannelSaved = {
			channelId: input.channelId,
			kind: input.kind,
			...(input.url ? { url: input.url } : {}),
			...(input.to?.length ? { to: input.to } : {}),
			...(secretSealed ? { secretSealed } : {}),
			minSeverity: input.minSeverity ?? DEFAULT_MIN_SEVERITY,
			active: input.active ?? true,
			digest: input.digest ?? true,
			locale: input.locale ?? 'zh-CN'
		};
		return { events: [{ type: 'alert_channel.saved', data }], result: { channelId: input.channelId, secretSet: Boolean(secretSealed) } };
	}
};

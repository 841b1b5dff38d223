// One formatter per kind: a notice for a channel, in that service's own format. Pure: the time used
// for signing is an argument.
import type { ChannelTarget } from '../channel.ts';
import type { Notice } from '../notice.ts';
import { dingtalkMessage } from './dingtalk.ts';
import { emailMessage } from './email.ts';
import { feishuMessage } from './feishu.ts';
import { slackMessage } from './slack.ts';
import type { EmailMessage, HttpMessage } from './types.ts';
import { webhookMessage } from './webhook.ts';
import { wecomMessage } from './wecom.ts';

export type Outgoing = { via: 'http'; http: HttpMessage } | { via: 'email'; email: EmailMessage };

export function format(target: Pick<ChannelTarget, 'kind' | 'url' | 'to' | 'secret'>, n: Notice, now: Date): Outgoing {
	const url = target.url ?? '';
	switch (target.kind) {
		case 'wecom':
			return { via: 'http', http: wecomMessage(url, n) };
		case 'dingtalk':
			return { via: 'http', http: dingtalkMessage(url, target.secret, n, now) };
		case 'feishu':
			return { via: 'http', http: feishuMessage(url, target.secret, n, now) };
		case 'slack':
			return { via: 'http', http: slackMessage(url, n) };
		case 'webhook':
			return { via: 'http', http: webhookMessage(url, target.secret, n, now) };
		case 'email':
			return { via: 'email', email: emailMessage(target.to, n) };
	}
}

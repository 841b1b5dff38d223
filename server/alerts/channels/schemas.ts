// Schemas of alert channels: the alert_channel.save input and the alert_channel.saved event. The
// event never holds a secret in clear, only its sealed form (secrets.ts). Pure zod; no IO.
import { z } from 'zod';
import { code, text } from '../../events/primitives.ts';
import { coded } from '../../events/issue-codes.ts';
import { CHANNEL_KINDS, MESSAGE_LOCALES, SEVERITIES } from './channel.ts';

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

const email = z
	.string({ message: 'must be a string' })
	.trim()
	.max(254, 'must be at most 254 characters')
	.refine((v) => EMAIL.test(v), { message: 'must be an email address', params: coded('ERR_INVALID_FORMAT') });

const url = z
	.string({ message: 'must be a string' })
	.trim()
	.max(2000, 'must be at most 2000 characters')
	.refine(
		(v) => {
			try {
				return ['https:', 'http:'].includes(new URL(v).protocol);
			} catch {
				return false;
			}
		},
		{ message: 'must be a URL starting with https://', params: coded('ERR_WEBHOOK_URL') }
	);

const kind = z.enum(CHANNEL_KINDS);
const severity = z.enum(SEVERITIES);

/** Webhook kinds need a URL, email needs addresses; neither takes the other's. */
function targetRules(v: { kind: string; url?: string | null; to?: string[] }, ctx: z.RefinementCtx) {
	if (v.kind === 'email') {
		if (!v.to?.length) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required for email: at least one address', params: coded('ERR_REQUIRED') });
		if (v.url) ctx.addIssue({ code: 'custom', path: ['url'], message: 'is not used by email channels', params: coded('ERR_UNKNOWN_FIELD') });
	} else {
		if (!v.url) ctx.addIssue({ code: 'custom', path: ['url'], message: `is required for ${v.kind} channels`, params: coded('ERR_REQUIRED') });
		if (v.to?.length) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is only used by email channels', params: coded('ERR_UNKNOWN_FIELD') });
	}
}

export const alertChannelInput = z
	.strictObject({
		channelId: code,
		kind,
		url: url.optional(),
		to: z.array(email).max(50, 'must be at most 50 addresses').optional(),
		/** Signing secret (DingTalk, Feishu/Lark; HMAC header of a generic webhook). Absent: keep; null: remove. */
		secret: text(500).nullable().optional(),
		minSeverity: severity.optional(),
		active: z.boolean().optional(),
		/** Also receives the morning standup digest (default true). */
		digest: z.boolean().optional(),
		/** The language of its messages (default zh-CN, the factory's). */
		locale: z.enum(MESSAGE_LOCALES).optional()
	})
	.superRefine(targetRules);

export type AlertChannelInput = z.infer<typeof alertChannelInput>;

const SEALED = /^v1\.[0-9a-f]{12}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export const alertChannelSavedSchema = z
	.strictObject({
		channelId: code,
		kind,
		url: url.optional(),
		to: z.array(email).max(50).optional(),
		/** The secret sealed with the installation's key: never the secret itself. */
		secretSealed: z.string().max(2000).regex(SEALED, 'must be a sealed secret').optional(),
		minSeverity: severity,
		active: z.boolean(),
		digest: z.boolean(),
		locale: z.enum(MESSAGE_LOCALES)
	})
	.superRefine(targetRules);

export type AlertChannelSaved = z.infer<typeof alertChannelSavedSchema>;

export const channelEventTypes = [
	{
		type: 'alert_channel.saved',
		commandOnly: true,
		schema: alertChannelSavedSchema,
		description:
			'An alert channel (WeCom, DingTalk, Feishu/Lark, Slack, generic webhook or email) was created or changed; its signing secret, if any, is carried sealed, never in clear.'
	}
];

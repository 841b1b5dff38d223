// Alert channels: the kinds, severities, the message a channel is handed, and the rules on where a
// webhook may point. Pure types and functions; no IO. What is sent where is decided here and in
// delivery.ts; how each service wants it written is in formatters/.
export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'slack', 'webhook', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const MESSAGE_LOCALES = ['zh-CN', 'en'] as const;
export type MessageLocale = (typeof MESSAGE_LOCALES)[number];

export const DEFAULT_MIN_SEVERITY: Severity = 'warning';

/** Severity at or above a channel's threshold: info < warning < critical. */
export function atOrAbove(severity: Severity, min: Severity): boolean {
	return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(min);
}

/** Kinds that post to a URL (all but email). */
export const isWebhookKind = (k: ChannelKind): boolean => k !== 'email';

/** The hosts of each service's robots; a webhook may reach these, or a host of LIANDONG_WEBHOOK_HOSTS. */
export const OFFICIAL_HOSTS: Readonly<Record<Exclude<ChannelKind, 'email' | 'webhook'>, readonly string[]>> = {
	wecom: ['qyapi.weixin.qq.com'],
	dingtalk: ['oapi.dingtalk.com'],
	feishu: ['open.feishu.cn', 'open.larksuite.com'],
	slack: ['hooks.slack.com']
};

const ALL_OFFICIAL = new Set(Object.values(OFFICIAL_HOSTS).flat());

export interface AlertRef {
	kind: string;
	id: string;
	lineId?: string;
}

/** An alert as a channel tells it: both languages' words, and where to look. */
export interface AlertMessage {
	alertId: string;
	rule: string;
	severity: Severity;
	status: 'open' | 'acknowledged' | 'resolved';
	ref: AlertRef;
	title: Record<MessageLocale, string>;
	message: Record<MessageLocale, string>;
	owner?: string;
	/** Absolute URL of the record (the public origin + the alert's path). */
	link: string;
	raisedAt: string;
	/** Set for an escalation: the level reached and to whom. */
	escalationLevel?: number;
	escalatedTo?: string;
	/** Quiet hours (decided by the alert rules): record, do not push. */
	suppress?: boolean;
}

/** A channel as delivery sees it: the secret already unsealed, in memory only. */
export interface ChannelTarget {
	channelId: string;
	kind: ChannelKind;
	url: string | null;
	to: string[];
	secret: string | null;
	minSeverity: Severity;
	active: boolean;
	digest: boolean;
	locale: MessageLocale;
}

/** `host` or `host:port` as LIANDONG_WEBHOOK_HOSTS lists them (default ports left out). */
function hostKeys(u: URL): string[] {
	const host = u.hostname.toLowerCase();
	return u.port ? [`${host}:${u.port}`] : [host, `${host}:${u.protocol === 'https:' ? 443 : 80}`];
}

export type TargetProblem = { code: 'ERR_WEBHOOK_URL' } | { code: 'ERR_WEBHOOK_HTTPS'; host: string } | { code: 'ERR_WEBHOOK_HOST'; host: string };

/**
 * Whether a webhook may point at `url`: https to an official robot host, or to a host of the
 * configured list (which alone may also be plain http: a receiver inside the factory's network).
 */
export function checkTarget(url: string, allowedHosts: readonly string[]): TargetProblem | null {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return { code: 'ERR_WEBHOOK_URL' };
	}
	if (u.protocol !== 'https:' && u.protocol !== 'http:') return { code: 'ERR_WEBHOOK_URL' };
	if (u.username || u.password) return { code: 'ERR_WEBHOOK_URL' };
	const host = u.port ? `${u.hostname}:${u.port}` : u.hostname;
	const configured = hostKeys(u).some((k) => allowedHosts.includes(k));
	if (configured) return null;
	if (!ALL_OFFICIAL.has(u.hostname.toLowerCase()) || u.port) return { code: 'ERR_WEBHOOK_HOST', host };
	return u.protocol === 'https:' ? null : { code: 'ERR_WEBHOOK_HTTPS', host };
}

/** A URL as lists show it: the robot's key (query values, Slack's path tokens) hidden. */
export function maskUrl(url: string | null): string | null {
	if (!url) return null;
	try {
		const u = new URL(url);
		const hide = (v: string) => (v.length <= 4 ? '••••' : '••••' + v.slice(-4));
		for (const [k, v] of [...u.searchParams]) u.searchParams.set(k, hide(v));
		const parts = u.pathname.split('/');
		const path = parts.map((p) => ((/\d/.test(p) && p.length >= 5) || p.length >= 12 ? hide(p) : p)).join('/');
		return `${u.origin}${path}${u.search ? decodeURIComponent(u.search) : ''}`;
	} catch {
		return '••••';
	}
}

// A notice written as Markdown (WeCom, DingTalk, Feishu's lark_md), Slack mrkdwn, plain text or
// HTML: the shared part of every formatter. Text that came from records is escaped for each syntax.
import type { Notice } from '../notice.ts';

/**
 * Record text inside the robots' Markdown: their subsets know no backslash escapes, so what would
 * change the layout is neutralised instead — angle brackets (WeCom's <font> tags) become full-width,
 * line breaks spaces, and "](" cannot open a link.
 */
export const escapeMd = (s: string) =>
	s
		.replace(/</g, '＜')
		.replace(/>/g, '＞')
		.replace(/\r?\n/g, ' ')
		.replace(/\]\(/g, '] (');
export const escapeSlack = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export interface MarkdownOptions {
	/** A heading line of its own (WeCom, DingTalk); Feishu puts the title in the card header. */
	heading: boolean;
	/** Colour the severity (WeCom's <font color>). */
	colour?: (severity: NonNullable<Notice['severity']>, text: string) => string;
}

export function markdown(n: Notice, o: MarkdownOptions): string {
	const out: string[] = [];
	if (o.heading) out.push(`### ${escapeMd(n.title)}`);
	for (const l of n.lines) out.push(`> ${escapeMd(l)}`);
	if (n.lines.length) out.push('');
	for (const f of n.facts) {
		const value = escapeMd(f.value);
		out.push(`**${escapeMd(f.label)}**: ${o.colour && n.severity && f === n.facts[0] ? o.colour(n.severity, value) : value}`);
	}
	for (const s of n.sections) {
		out.push('', `**${escapeMd(s.heading)}**`);
		for (const i of s.items) out.push(`- ${escapeMd(i)}`);
	}
	if (n.link) out.push('', `[${escapeMd(n.link.label)}](${n.link.url})`);
	return out.join('\n');
}

/** Slack's mrkdwn: *bold*, <url|label>. */
export function slackMrkdwn(n: Notice): string {
	const out: string[] = [];
	for (const l of n.lines) out.push(escapeSlack(l));
	if (n.facts.length) out.push(n.facts.map((f) => `*${escapeSlack(f.label)}*: ${escapeSlack(f.value)}`).join('\n'));
	for (const s of n.sections) out.push(`*${escapeSlack(s.heading)}*\n${s.items.map((i) => `• ${escapeSlack(i)}`).join('\n')}`);
	return out.join('\n\n');
}

export function plainText(n: Notice): string {
	const out = [n.title, ...n.lines, ''];
	for (const f of n.facts) out.push(`${f.label}: ${f.value}`);
	for (const s of n.sections) out.push('', s.heading, ...s.items.map((i) => `- ${i}`));
	if (n.link) out.push('', `${n.link.label}: ${n.link.url}`);
	return out.join('\n');
}

const COLOURS = { info: '#0b4f9c', warning: '#b7791f', critical: '#c53030' } as const;

export function html(n: Notice): string {
	const colour = COLOURS[n.severity ?? 'info'];
	const facts = n.facts.map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`).join('');
	const sections = n.sections
		.map((s) => `<h3 style="margin:16px 0 4px">${escapeHtml(s.heading)}</h3><ul>${s.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`)
		.join('');
	const link = n.link ? `<p><a href="${escapeHtml(n.link.url)}">${escapeHtml(n.link.label)}</a></p>` : '';
	return `<!doctype html><html><body style="font-family:sans-serif">
<h2 style="color:${colour};margin:0 0 8px">${escapeHtml(n.title)}</h2>
${n.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}
<table>${facts}</table>${sections}${link}
</body></html>`;
}

/** Cuts text to `max` characters (a service's limit), marking the cut. */
export function clip(s: string, max: number): string {
	return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

// zh-CN first, en second. Messages are keyed; the server picks the locale (the `lang` cookie set by
// the language switch, else zh-CN — the product's default whatever the browser's language, because
// shop-floor and wall-screen browsers are often left in English) and pages get it from the root layout.
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { purchasing } from './areas/purchasing.ts';
import { production } from './areas/production.ts';
import { settings } from './areas/settings.ts';
import { partners } from './areas/partners.ts';
import { inventory } from './areas/inventory.ts';
import { custom } from './areas/custom.ts';
import { planning } from './areas/planning.ts';
import { promise } from './areas/promise.ts';
import { linkage } from './areas/linkage.ts';
import { numbering } from './areas/numbering.ts';
import { channels } from './areas/channels.ts';
import { alerts } from './areas/alerts.ts';
import { demo } from './areas/demo.ts';
import { screens } from './areas/screens.ts';
import { tracking } from './areas/tracking.ts';
import { standup } from './areas/standup.ts';
import { review } from './areas/review.ts';
import { shell } from './areas/shell.ts';
import { home } from './areas/home.ts';
import { saved } from './areas/saved.ts';
import { fields } from './areas/fields.ts';
import { picker } from './areas/picker.ts';
import { errors, type ErrorText, type ValueWords } from './areas/errors.ts';
import type { ErrorCode, ErrorParams } from '$server/errors.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// Area dictionaries (areas/*.ts) hold both languages of one part of the app; the type system checks
// that each has the same keys in both.
const AREAS = [purchasing, production, settings, partners, inventory, custom, planning, promise, linkage, numbering, channels, alerts, demo, screens, tracking, standup, review, shell, home, saved, fields, picker] as const;
type AreaKeys = (typeof AREAS)[number] extends infer A ? (A extends { 'zh-CN': infer Z } ? keyof Z : never) : never;
export type MessageKey = keyof typeof zhCN | AreaKeys;

const dictionaries: Record<Locale, Record<MessageKey, string>> = {
	'zh-CN': Object.assign({}, zhCN, ...AREAS.map((a) => a['zh-CN'])),
	en: Object.assign({}, en, ...AREAS.map((a) => a.en))
};

export function isLocale(v: unknown): v is Locale {
	return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export function pickLocale(chosen: string | undefined): Locale {
	return isLocale(chosen) ? chosen : 'zh-CN';
}

/**
 * A message may hold a singular and a plural form, "{n} item||{n} items": the form is chosen by the
 * locale's plural rules for the parameter `n` (a number, or a number already formatted for display).
 * Chinese messages have one form.
 */
function choosePlural(s: string, rules: Intl.PluralRules, n: string | number | undefined): string {
	if (!s.includes('||')) return s;
	if (n === undefined) return s.split('||')[1];
	const [one, other] = s.split('||');
	const count = typeof n === 'number' ? n : Number(n.replace(/[^\d.-]/g, ''));
	return rules.select(count) === 'one' ? one : other;
}

const isKnownCode = (code: string): code is ErrorCode => Object.hasOwn(errors['zh-CN'], code);

/** The count a plural message turns on: `n`, else the first of its placeholders given as a number. */
function countOf(s: string, params: Record<string, unknown>): string | number | undefined {
	if (params.n !== undefined) return params.n as string | number;
	for (const [, name] of s.matchAll(/\{(\w+)\}/g)) if (typeof params[name] === 'number') return params[name] as number;
	return undefined;
}

function interpolate(s: string, params: Record<string, unknown>): string {
	let out = s;
	for (const [k, v] of Object.entries(params)) out = out.replaceAll(`{${k}}`, String(v));
	return out;
}

export function translator(locale: Locale) {
	const dict = dictionaries[locale];
	const rules = new Intl.PluralRules(locale);
	const t = (key: MessageKey, params?: Record<string, string | number>): string => {
		const s = choosePlural(dict[key] ?? dictionaries['zh-CN'][key] ?? key, rules, params?.n);
		return params ? interpolate(s, params) : s;
	};
	const words: ValueWords = {
		moStatus: (status) => dict[`mo.status.${status}` as MessageKey] ?? status,
		error: (code, params) => (code !== 'ERR_CUSTOM_INVALID' && isKnownCode(code) ? error(code, params as never) : undefined)
	};
	/** A catalogue error in this locale; undefined when its parameters are missing (then the server's message stands). */
	function error<C extends ErrorCode>(code: C, params: Partial<ErrorParams<C>> = {}): string | undefined {
		const entry = (errors[locale][code] ?? errors['zh-CN'][code]) as ErrorText<C> | undefined;
		if (entry === undefined) return undefined;
		try {
			const s = typeof entry === 'function' ? entry(params as ErrorParams<C>, words) : choosePlural(entry, rules, countOf(entry, params));
			const out = interpolate(s, params);
			return /\{\w+\}|undefined/.test(out) ? undefined : out;
		} catch {
			return undefined;
		}
	}
	/** Whether a key exists (a key built from data, e.g. a field name, may not). */
	const has = (key: string): boolean => Object.hasOwn(dict, key);
	return Object.assign(t, { locale, error, has });
}

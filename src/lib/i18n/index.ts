// zh-CN first, en second. Messages are keyed; the server picks the locale (cookie `lang`, then
// Accept-Language, then zh-CN) and pages receive it from the root layout.
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof zhCN;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function isLocale(v: unknown): v is Locale {
	return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(cookie)) return cookie;
	const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
	if (first.startsWith('en')) return 'en';
	return 'zh-CN';
}

export function translator(locale: Locale) {
	const dict = dictionaries[locale];
	return (key: MessageKey, params?: Record<string, string | number>): string => {
		let s = dict[key] ?? zhCN[key] ?? key;
		if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
		return s;
	};
}

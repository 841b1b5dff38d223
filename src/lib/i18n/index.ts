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

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// Area dictionaries (areas/*.ts) hold both languages of one part of the app; the type system checks
// that each has the same keys in both.
const AREAS = [purchasing, production, settings, partners, inventory, custom] as const;
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
	if (n === undefined || !s.includes('||')) return s;
	const [one, other] = s.split('||');
	const count = typeof n === 'number' ? n : Number(n.replace(/[^\d.-]/g, ''));
	return rules.select(count) === 'one' ? one : other;
}

export function translator(locale: Locale) {
	const dict = dictionaries[locale];
	const rules = new Intl.PluralRules(locale);
	return (key: MessageKey, params?: Record<string, string | number>): string => {
		let s = choosePlural(dict[key] ?? dictionaries['zh-CN'][key] ?? key, rules, params?.n);
		if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
		return s;
	};
}

// Amounts as people read them: the currency's symbol or code and its usual decimals, in the reader's
// locale (¥1,234.50 / US$1,234.50 in Chinese; CN¥1,234.50 / $1,234.50 in English). One function for
// every page, so an order's lines and its total never disagree in form.

const formats = new Map<string, Intl.NumberFormat>();

/** `amount` in `currency` (ISO 4217) for `locale`; an empty string for null (no price). */
export function formatMoney(amount: number | null, currency: string, locale: string): string {
	if (amount === null) return '';
	const key = `${locale}|${currency}`;
	let f = formats.get(key);
	if (!f) {
		f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'symbol' });
		formats.set(key, f);
	}
	return f.format(amount);
}

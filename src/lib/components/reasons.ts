// A reason code as histories show it: its label in the page's language (the layout's `reasonLabels`,
// every list, retired codes too), the code itself kept for a tooltip. A code no list knows (deleted, or
// sent by an integrator) is shown as the code.
export function reasonLabel(code: string | null | undefined, labels: Readonly<Record<string, string>> | ReadonlyMap<string, string>): string {
	if (!code) return '';
	const label = labels instanceof Map ? labels.get(code) : (labels as Record<string, string>)[code];
	return label || code;
}

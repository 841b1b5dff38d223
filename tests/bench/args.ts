// The arguments of `npm run bench`: benchmark names and the scale of the benchmark data.

/** The scale from --scale <f> or --scale=<f>, else BENCH_SCALE, else 1; the other arguments are names. */
export function parseArgs(args: string[], env: NodeJS.ProcessEnv = process.env): { scale: number; names: string[] } | { error: string } {
	let raw = env.BENCH_SCALE || undefined;
	let from = 'BENCH_SCALE';
	const rest: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (a === '--scale') {
			if (i + 1 >= args.length) return { error: '--scale needs a number' };
			raw = args[++i];
			from = '--scale';
		} else if (a.startsWith('--scale=')) {
			raw = a.slice('--scale='.length);
			from = '--scale';
		} else rest.push(a);
	}
	if (raw === undefined) return { scale: 1, names: rest };
	const scale = Number(raw);
	if (!Number.isFinite(scale) || scale <= 0 || scale > 1) return { error: `${from} must be a number above 0 and at most 1, got "${raw}"` };
	return { scale, names: rest };
}

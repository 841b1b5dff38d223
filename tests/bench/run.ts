// `npm run bench [-- [--scale <f>] <name> …]`: runs the named benchmarks, or all of them, one after
// another, on the benchmark data (seed/bench/) at a scale (--scale, else BENCH_SCALE, else 1: the sizes
// the targets were set for). Each benchmark prints its own figures and its ratio to its baseline
// (CONTRACTS.md); a missed target is reported, never an exit code. Exit 1 only when a benchmark fails
// to run, 2 on an unknown name or a bad scale.
import { parseArgs } from './args.ts';
import { cleanup } from './harness.ts';

interface Benchmark {
	about: string;
	run(scale: number): Promise<void>;
}

const benchmarks = {
	ingest: {
		about: 'POST /api/events throughput (event log alone, realistic mix) against COPY into a table like `events`',
		run: async (scale) => (await import('./ingest.ts')).runIngestBench(scale)
	},
	reads: {
		about: 'p95 of every list, record and API read over HTTP on 100,000 sales order lines and 1,000,000 events, against the same at 1%',
		run: async (scale) => (await import('./reads.ts')).runReadsBench('postgres', scale)
	},
	planning: {
		about: 'MRP on a generated factory (10,000 items, 5 BOM levels, 50,000 sales order lines, 365 days): regenerative run, net change after one new sales order, memory',
		run: async (scale) => (await import('./planning.ts')).runPlanningBench(scale)
	},
	live: {
		about: 'commit-to-screen latency with 1,000 WebSocket clients on two nodes (PostgreSQL + Redis) at 1,000 events/s, against a bare ws broadcast',
		run: async (scale) => (await import('./live.ts')).runLiveBench(scale)
	},
	kpi: {
		about: 'KPI live-window queries over 90 days × 10,000 events/day (p95 ≤ 20 ms) against the same answer aggregated from the raw events',
		run: async (scale) => (await import('./kpi.ts')).runKpiBench(scale)
	},
	demo: {
		about: 'first start of the demo factory on a fresh data folder (plant, 90 days of history, plan): seconds to ready (≤ 60 s), /healthz meanwhile, against a plain first start',
		run: async () => (await import('./demo.ts')).runDemoBench()
	},
	soak: {
		about: 'a wall screen for days, accelerated: the plant overview in Chromium under fast live updates, playlist turns and cut connections; heap after GC, DOM nodes, listeners and charts over time (growth ≤ 5%), against the same page with no updates (SOAK_MINUTES, default 2.5)',
		run: async () => (await import('./soak.ts')).runSoakBench()
	},
	screens: {
		about: 'wall screens in Chromium: navigation to every widget showing data on the 90-day demo against an empty database (p95 ≤ 1 s), and the plant overview\'s heap after SCREENS_HEAP_MINUTES (default 60) of live updates against after the first minute (≤ 10%)',
		run: async () => (await import('./screens.ts')).runScreensBench()
	},
	'reads-embedded': {
		about: 'the reads benchmark on the embedded database (PGlite) instead of PostgreSQL',
		run: async (scale) => (await import('./reads.ts')).runReadsBench('embedded', scale)
	}
} satisfies Record<string, Benchmark>;

type Name = keyof typeof benchmarks;
const names = Object.keys(benchmarks) as Name[];

function usage(): string {
	return [
		'usage: npm run bench [-- [--scale <f>] <name> …]   (no name: run all)',
		'  --scale <f>  size of the benchmark data, 0 < f ≤ 1 (default BENCH_SCALE, else 1: the sizes below)',
		...names.map((n) => `  ${n.padEnd(14)} ${benchmarks[n].about}`)
	].join('\n');
}

async function main(args: string[]): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		console.error(usage());
		return 0;
	}
	const parsed = parseArgs(args);
	if ('error' in parsed) {
		console.error(`${parsed.error}\n${usage()}`);
		return 2;
	}
	const { scale } = parsed;
	const unknown = parsed.names.filter((a) => !(names as string[]).includes(a));
	if (unknown.length) {
		console.error(`unknown benchmark: ${unknown.join(', ')}\n${usage()}`);
		return 2;
	}
	let failed = 0;
	for (const name of parsed.names.length ? (parsed.names as Name[]) : names) {
		console.error(`\n▶ bench ${name}${scale === 1 ? '' : ` (scale ${scale})`}`);
		try {
			await benchmarks[name].run(scale);
		} catch (err) {
			failed++;
			console.error(`✗ bench ${name} failed:`, err instanceof Error ? (err.stack ?? err.message) : err);
		} finally {
			await cleanup.run();
		}
	}
	return failed ? 1 : 0;
}

// Ctrl-C or a kill still stops the server and drops the scratch database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		console.error(`\n${signal}: cleaning up`);
		void cleanup.run().finally(() => process.exit(130));
	});
}

process.exitCode = await main(process.argv.slice(2));

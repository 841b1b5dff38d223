// `npm run bench [-- <name> …]`: runs the named benchmarks, or all of them, one after another.
// Each benchmark prints its own figures and its ratio to its baseline (CONTRACTS.md); a missed target
// is reported, never an exit code. Exit 1 only when a benchmark fails to run, 2 on an unknown name.
import { cleanup } from './harness.ts';

interface Benchmark {
	about: string;
	run(): Promise<void>;
}

const benchmarks = {
	ingest: {
		about: 'POST /api/events throughput (event log alone, realistic mix) against COPY into a table like `events`',
		run: async () => (await import('./ingest.ts')).runIngestBench()
	},
	reads: {
		about: 'p95 of every list, record and API read over HTTP on 100,000 sales order lines and 1,000,000 events, against the same at 1%',
		run: async () => (await import('./reads.ts')).runReadsBench()
	},
	planning: {
		about: 'MRP on a generated factory (10,000 items, 5 BOM levels, 50,000 sales order lines, 365 days): regenerative run, net change after one new sales order, memory',
		run: async () => (await import('./planning.ts')).runPlanningBench()
	},
	live: {
		about: 'commit-to-screen latency with 1,000 WebSocket clients on two nodes (PostgreSQL + Redis) at 1,000 events/s, against a bare ws broadcast',
		run: async () => (await import('./live.ts')).runLiveBench()
	},
	kpi: {
		about: 'KPI live-window queries over 90 days × 10,000 events/day (p95 ≤ 20 ms) against the same answer aggregated from the raw events',
		run: async () => (await import('./kpi.ts')).runKpiBench()
	},
	'reads-embedded': {
		about: 'the reads benchmark on the embedded database (PGlite) instead of PostgreSQL',
		run: async () => (await import('./reads.ts')).runReadsBench('embedded')
	}
} satisfies Record<string, Benchmark>;

type Name = keyof typeof benchmarks;
const names = Object.keys(benchmarks) as Name[];

function usage(): string {
	return ['usage: npm run bench [-- <name> …]   (no name: run all)', ...names.map((n) => `  ${n.padEnd(10)} ${benchmarks[n].about}`)].join(
		'\n'
	);
}

async function main(args: string[]): Promise<number> {
	if (args.includes('--help') || args.includes('-h')) {
		console.error(usage());
		return 0;
	}
	const unknown = args.filter((a) => !(names as string[]).includes(a));
	if (unknown.length) {
		console.error(`unknown benchmark: ${unknown.join(', ')}\n${usage()}`);
		return 2;
	}
	let failed = 0;
	for (const name of args.length ? (args as Name[]) : names) {
		console.error(`\n▶ bench ${name}`);
		try {
			await benchmarks[name].run();
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

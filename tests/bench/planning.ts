// The planning engine on the benchmark factory (seed/bench/factory.ts, scale 1: 10,000 items on five
// BOM levels, 50,000 sales order lines, 365 day buckets), no database. Figures, each beside its baseline
// from the same run:
//   regenerative run (median and p95 of several)   vs the same factory at 10% (how it scales)
//   net change after one new sales order (p95)     vs the regenerative run (median)
//   memory, in a child process whose V8 heap is capped at HEAP_CAP_MB (planning-memory.ts): peak RSS,
//   live heap with one plan, and the run times under that cap   vs the process with the input alone
// Targets: regenerative ≤ 2 s, net change p95 ≤ 50 ms, peak RSS ≤ 500 MB. CPU time is shown beside wall
// time: on a shared machine the gap is time spent waiting for a core. More figures (the promise, ATP/CTP)
// join as further sections in SECTIONS; each gets the shared context and returns its rows.
import { spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { toPlanInput, type GeneratedFactory } from '../../seed/bench/factory.ts';
import { DEFAULT_SEED, planningFactory } from '../../seed/bench/sets.ts';
import { planNetChange, planRegenerative } from '../../server/planning/mrp.ts';
import type { Plan, PlanInput } from '../../server/planning/types.ts';
import { formatTable, processMemory, round } from './harness.ts';
import { promiseSection, riskSection } from './planning-promise.ts';

const SEED = DEFAULT_SEED;
const REGENERATIVE_RUNS = 7;
const NET_CHANGE_WARMUP = 5;
const NET_CHANGE_RUNS = 60;
const MB = 1024 * 1024;
/** Old-generation cap of the memory run: with young generation and code, the process stays under 500 MB. */
const HEAP_CAP_MB = 400;
const MEMORY_RUNS = { regenerative: 3, netChange: 40 };

/** What every section may use: the factory, its input, a regenerative plan of it, the timings so far. */
export interface PlanningContext {
	/** The factory's size (1: 10,000 items); the baseline factory is a tenth of it. */
	scale: number;
	factory: GeneratedFactory;
	input: PlanInput;
	plan: Plan;
	regenerativeMs: { median: number; p95: number };
}

export interface FigureRow {
	figure: string;
	value: number;
	unit: string;
	baseline: { label: string; value: number } | null;
	target: { text: string; pass: boolean } | null;
	/** Anything else worth printing beside it (CPU time, counts). */
	note?: string;
}

export interface PlanningSection {
	name: string;
	run(ctx: PlanningContext): FigureRow[] | Promise<FigureRow[]>;
}

interface Sample {
	wall: number;
	cpu: number;
}

function timed<T>(fn: () => T): { value: T; sample: Sample } {
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const value = fn();
	const wall = performance.now() - t0;
	const c = process.cpuUsage(c0);
	return { value, sample: { wall, cpu: (c.user + c.system) / 1000 } };
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * q) - 1)];
const ms = (x: number) => `${round(x, 1)} ms`;

/** Regenerative runs, one plan alive at a time; the last one is kept for the other sections. */
function regenerativeRuns(input: PlanInput, runs: number): { plan: Plan; samples: Sample[] } {
	planRegenerative(input); // warm-up: the first run also compiles
	let plan: Plan | null = null;
	const samples: Sample[] = [];
	for (let k = 0; k < runs; k++) {
		plan = null;
		const r = timed(() => planRegenerative(input));
		plan = r.value;
		samples.push(r.sample);
	}
	return { plan: plan!, samples };
}

const regenerative: PlanningSection = {
	name: 'regenerative',
	run(ctx) {
		const small = toPlanInput(planningFactory(ctx.scale * 0.1, SEED));
		const tenth = regenerativeRuns(small, REGENERATIVE_RUNS).samples.map((s) => s.wall);
		return [
			{
				figure: 'regenerative run, median',
				value: ctx.regenerativeMs.median,
				unit: 'ms',
				baseline: { label: 'same at 10% scale', value: quantile(tenth, 0.5) },
				target: { text: '≤ 2000 ms', pass: ctx.regenerativeMs.median <= 2000 }
			},
			{ figure: 'regenerative run, p95', value: ctx.regenerativeMs.p95, unit: 'ms', baseline: { label: 'same at 10% scale', value: quantile(tenth, 0.95) }, target: null }
		];
	}
};

const netChange: PlanningSection = {
	name: 'net change',
	run(ctx) {
		// One new sales order line at a time on a product, soon (as most new orders are); each run starts
		// from the plan the previous one made, as the live plan does.
		const products = ctx.factory.items.filter((i) => i.level === 0);
		let prev = ctx.plan;
		let input = ctx.input;
		const samples: Sample[] = [];
		let replanned = 0;
		for (let k = 0; k < NET_CHANGE_WARMUP + NET_CHANGE_RUNS; k++) {
			const item = products[(k * 7919) % products.length];
			const demand = { itemId: item.id, bucket: 3 + ((k * 13) % 60), qty: 5 * (1 + (k % 20)), source: { kind: 'sales_order_line' as const, orderId: `BENCH-${k}`, lineId: '1' } };
			input = { ...input, demands: [...input.demands, demand] };
			const r = timed(() => planNetChange(prev, input, [item.id]));
			if (k >= NET_CHANGE_WARMUP) {
				samples.push(r.sample);
				for (const [id, rec] of r.value.records) if (rec !== prev.records.get(id)) replanned++;
			}
			prev = r.value;
		}
		// The figures mean nothing unless the result is the regenerative plan of the same input.
		const same = isDeepStrictEqual(prev, planRegenerative(input));
		if (!same) throw new Error('net change differs from a regenerative run of the same input');
		const wall = samples.map((s) => s.wall);
		const cpu = samples.map((s) => s.cpu);
		const p95 = quantile(wall, 0.95);
		return [
			{
				figure: 'net change, one new sales order, p95',
				value: p95,
				unit: 'ms',
				baseline: { label: 'regenerative run, median', value: ctx.regenerativeMs.median },
				target: { text: '≤ 50 ms', pass: p95 <= 50 },
				note: `median ${ms(quantile(wall, 0.5))}, CPU p95 ${ms(quantile(cpu, 0.95))}; ${round(replanned / samples.length)} items replanned on average; equals regenerative: yes`
			}
		];
	}
};

const memory: PlanningSection = {
	name: 'memory (child process, capped heap)',
	run(ctx) {
		const child = spawnSync(
			process.execPath,
			[
				`--max-old-space-size=${HEAP_CAP_MB}`,
				'--expose-gc',
				'--import',
				'tsx',
				fileURLToPath(new URL('./planning-memory.ts', import.meta.url)),
				String(SEED),
				String(MEMORY_RUNS.regenerative),
				String(MEMORY_RUNS.netChange),
				String(ctx.scale)
			],
			{ encoding: 'utf8', maxBuffer: 1 << 20 }
		);
		if (child.status !== 0) throw new Error(`memory run failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
		const m = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
			regenerativeMs: number[];
			netChangeMs: number[];
			peakRssKb: number;
			heapInputMb: number;
			heapWithPlanMb: number;
		};
		const peak = m.peakRssKb / 1024;
		return [
			{
				figure: `peak RSS, heap capped at ${HEAP_CAP_MB} MB`,
				value: peak,
				unit: 'MB',
				baseline: { label: 'live heap, input alone', value: m.heapInputMb },
				target: { text: '≤ 500 MB', pass: peak <= 500 }
			},
			{ figure: 'live heap with one plan', value: m.heapWithPlanMb, unit: 'MB', baseline: { label: 'live heap, input alone', value: m.heapInputMb }, target: null },
			{
				figure: 'regenerative run under the cap, median',
				value: quantile(m.regenerativeMs, 0.5),
				unit: 'ms',
				baseline: { label: 'regenerative run, median', value: ctx.regenerativeMs.median },
				target: null
			},
			{
				figure: 'net change under the cap, p95',
				value: quantile(m.netChangeMs, 0.95),
				unit: 'ms',
				baseline: { label: 'regenerative run, median', value: ctx.regenerativeMs.median },
				target: null,
				note: `median ${ms(quantile(m.netChangeMs, 0.5))} over ${m.netChangeMs.length} runs`
			}
		];
	}
};

/** Sections in the order they run; a new figure is one more entry here. */
export const SECTIONS: PlanningSection[] = [regenerative, netChange, promiseSection, riskSection, memory];

export async function runPlanningBench(scale = 1): Promise<void> {
	const memBefore = processMemory(process.pid);
	const factory = planningFactory(scale, SEED);
	const input = toPlanInput(factory);
	console.error(
		`  factory: ${input.items.length} items, ${input.bom.length} BOM lines, ${input.demands.length} demands (${factory.salesOrders.reduce((n, o) => n + o.lines.length, 0)} sales order lines), ${input.receipts.length} receipts, ${input.buckets} buckets`
	);
	const regen = regenerativeRuns(input, REGENERATIVE_RUNS);
	const wall = regen.samples.map((s) => s.wall);
	const ctx: PlanningContext = { scale, factory, input, plan: regen.plan, regenerativeMs: { median: quantile(wall, 0.5), p95: quantile(wall, 0.95) } };
	const plannedOrders = [...ctx.plan.plannedOrders.values()].reduce((n, l) => n + l.length, 0);
	console.error(
		`  plan: ${plannedOrders} planned orders, ${[...ctx.plan.exceptions.values()].reduce((n, l) => n + l.length, 0)} exceptions; ` +
			`regenerative CPU median ${ms(quantile(regen.samples.map((s) => s.cpu), 0.5))}`
	);

	const rows: FigureRow[] = [];
	for (const section of SECTIONS) {
		console.error(`  ${section.name} …`);
		rows.push(...(await section.run(ctx)));
	}
	const memAfter = processMemory(process.pid);
	rows.push({
		figure: 'peak RSS of this process (uncapped heap)',
		value: (memAfter?.peakRssKb ?? NaN) / 1024,
		unit: 'MB',
		baseline: { label: 'before generating', value: (memBefore?.rssKb ?? NaN) / 1024 },
		target: null,
		note: 'V8 collects lazily when memory is plentiful, and this process holds two plans to check net change; see the capped run'
	});

	console.log(`\nplanning — seed ${SEED}${scale === 1 ? '' : `, scale ${scale}`}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine\n`);
	console.log(
		formatTable(
			['figure', 'value', 'baseline', 'baseline value', 'ratio', 'target', ''],
			rows.map((r) => [
				r.figure,
				`${round(r.value, 1)} ${r.unit}`,
				r.baseline?.label ?? '',
				r.baseline ? `${round(r.baseline.value, 1)} ${r.unit}` : '',
				r.baseline ? (r.value / r.baseline.value).toFixed(3) : '',
				r.target?.text ?? '',
				r.target ? (r.target.pass ? 'PASS' : 'MISS') : ''
			])
		)
	);
	for (const r of rows) if (r.note) console.log(`  ${r.figure}: ${r.note}`);
	console.log(
		JSON.stringify({
			bench: 'planning',
			seed: SEED,
			scale,
			items: input.items.length,
			demands: input.demands.length,
			buckets: input.buckets,
			plannedOrders,
			figures: rows.map((r) => ({
				figure: r.figure,
				value: round(r.value, 2),
				unit: r.unit,
				baseline: r.baseline ? { ...r.baseline, value: round(r.baseline.value, 2) } : null,
				ratio: r.baseline ? round(r.value / r.baseline.value, 4) : null,
				target: r.target
			}))
		})
	);
}

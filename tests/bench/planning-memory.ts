// Child process of the planning benchmark: the same factory planned in a process whose V8 heap is capped
// (the parent passes --max-old-space-size and --expose-gc), so its peak RSS says what planning needs rather
// than how lazily V8 collects when memory is plentiful. Prints one JSON line on stdout.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { toPlanInput } from '../../seed/bench/factory.ts';
import { planningFactory } from '../../seed/bench/sets.ts';
import { planNetChange, planRegenerative } from '../../server/planning/mrp.ts';
import type { Plan } from '../../server/planning/types.ts';

const [seedArg, runsArg, netArg, scaleArg] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
const status = () => readFileSync('/proc/self/status', 'utf8');
const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status())?.[1] ?? NaN);

const factory = planningFactory(Number(scaleArg ?? 1), Number(seedArg));
let input = toPlanInput(factory);
gc?.();
const heapInput = process.memoryUsage().heapUsed;

let plan: Plan | null = null;
const regenerativeMs: number[] = [];
for (let k = 0; k < Number(runsArg); k++) {
	plan = null;
	const t0 = performance.now();
	plan = planRegenerative(input);
	regenerativeMs.push(performance.now() - t0);
}
gc?.();
const heapWithPlan = process.memoryUsage().heapUsed;

const products = factory.items.filter((i) => i.level === 0);
const netChangeMs: number[] = [];
for (let k = 0; k < Number(netArg); k++) {
	const item = products[(k * 7919) % products.length];
	input = { ...input, demands: [...input.demands, { itemId: item.id, bucket: 3 + ((k * 13) % 60), qty: 5 * (1 + (k % 20)), source: { kind: 'sales_order_line', orderId: `MEM-${k}`, lineId: '1' } }] };
	const t0 = performance.now();
	plan = planNetChange(plan!, input, [item.id]);
	netChangeMs.push(performance.now() - t0);
}

process.stdout.write(
	JSON.stringify({ regenerativeMs, netChangeMs, peakRssKb: kb('VmHWM'), heapInputMb: heapInput / 2 ** 20, heapWithPlanMb: heapWithPlan / 2 ** 20, gc: !!gc }) + '\n'
);

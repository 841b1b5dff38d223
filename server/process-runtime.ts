// One Runtime per process, shared by the production entry, Vite's dev server and SvelteKit's
// server code (which may be bundled separately): it lives on globalThis under a registered symbol.
import { loadConfig } from './config.ts';
import { createRuntime, type Runtime } from './runtime.ts';

const KEY = Symbol.for('liandong.runtime');
type Holder = { [KEY]?: Promise<Runtime> };

export function processRuntime(): Promise<Runtime> {
	const g = globalThis as Holder;
	g[KEY] ??= createRuntime(loadConfig(process.env));
	return g[KEY];
}

export function setProcessRuntime(rt: Promise<Runtime>): void {
	(globalThis as Holder)[KEY] = rt;
}

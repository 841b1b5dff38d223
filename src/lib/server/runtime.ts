// The only door from SvelteKit into server/: routes get the process Runtime here.
export { processRuntime as runtime } from '$server/process-runtime.ts';
export type { Runtime } from '$server/runtime.ts';

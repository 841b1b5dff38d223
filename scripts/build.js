// Production build: SvelteKit (vite build → build/handler.js) and the server entry bundled by
// esbuild (→ build/liandong.js, dependencies left in node_modules), plus the SQL migrations.
import { spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { STAMP } from './build-state.js';

const vite = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (vite.status !== 0) process.exit(vite.status ?? 1);

for (const [entry, out] of [
	['server/index.ts', 'build/liandong.js'],
	['server/cli.ts', 'build/cli.js']
]) {
	await build({
		entryPoints: [entry],
		outfile: out,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		sourcemap: true,
		logLevel: 'warning'
	});
}
cpSync('server/db/migrations', 'build/migrations', { recursive: true });
writeFileSync(STAMP, new Date().toISOString() + '\n');
console.error('build complete');

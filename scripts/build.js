// Production build: SvelteKit (vite build → build/handler.js) and the server entry bundled by
// esbuild (→ build/liandong.js, dependencies left in node_modules), plus the SQL migrations and an
// embedded database made from them for first starts (build/pglite-template).
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// An embedded database created and migrated here, which a first start copies into its new data folder
// instead of creating one (server/db/pglite.ts `template`): creating takes PGlite 2-3 s.
const TEMPLATE = 'build/pglite-template';
rmSync(TEMPLATE, { recursive: true, force: true });
const migrate = spawnSync(process.execPath, ['build/cli.js', 'migrate'], {
	env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', LIANDONG_DATA_DIR: TEMPLATE },
	stdio: ['ignore', 'ignore', 'inherit']
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);
const pglite = JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')).version;
writeFileSync(`${TEMPLATE}/liandong-template.json`, JSON.stringify({ pglite }) + '\n');
writeFileSync(STAMP, new Date().toISOString() + '\n');
console.error('build complete');

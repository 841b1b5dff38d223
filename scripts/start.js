// `npm start`: build when the build is missing or stale, then serve (server/index.ts, bundled).
import { spawnSync } from 'node:child_process';
import { buildIsStale } from './build-state.js';

if (buildIsStale()) {
	console.error('building Liandong (first start or sources changed)…');
	const r = spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
	if (r.status !== 0) process.exit(r.status ?? 1);
}
await import('../build/liandong.js');

// Decides whether the production build is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const STAMP = 'build/.liandong-build';
const SOURCES = ['src', 'server', 'seed', 'screens/schema.ts', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json', 'scripts/build.js'];

function newest(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let m = 0;
	for (const e of readdirSync(path)) m = Math.max(m, newest(join(path, e)));
	return m;
}

export function buildIsStale(root = '.') {
	const stamp = join(root, STAMP);
	if (!existsSync(stamp)) return true;
	const built = statSync(stamp).mtimeMs;
	return SOURCES.some((s) => newest(join(root, s)) > built);
}

// Part of `npm run check`: the core in server/ is reachable from src/ only through server-only files
// (`+page.server.ts`, `+layout.server.ts`, `+server.ts`, `hooks.server.ts`, any `*.server.ts`, and
// `src/lib/server/`). SvelteKit guards `$lib/server` itself but not a root folder, so a page or a
// shared component importing the core would ship it (and its secrets' handling) to the browser.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

function* walk(dir) {
	for (const name of readdirSync(dir)) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) yield* walk(p);
		else if (/\.(ts|js|svelte)$/.test(name)) yield p;
	}
}

const serverOnly = (file) => /\.server\.(ts|js)$/.test(file) || /(^|\/)\+server\.(ts|js)$/.test(file) || relative(src, file).startsWith('lib/server/');
// Type-only imports are erased before anything ships, so `import type` and declaration files may name the core.
const specifier = /(?:^|[;\n])\s*(?:import(?!\s+type\b)[^'";]*?from\s*|export[^'";]*?from\s*|import\s*)(['"])([^'"]+)\1|import\s*\(\s*(['"])([^'"]+)\3\s*\)/g;

const offences = [];
for (const file of walk(src)) {
	if (serverOnly(file) || file.endsWith('.d.ts')) continue;
	const text = readFileSync(file, 'utf8');
	for (const m of text.matchAll(specifier)) {
		const spec = m[2] ?? m[4];
		const intoCore = spec === '$server' || spec.startsWith('$server/') || (spec.startsWith('.') && relative(root, resolve(dirname(file), spec)).split('/')[0] === 'server');
		if (intoCore) offences.push(`${relative(root, file)}: imports ${spec}`);
	}
}
if (offences.length) {
	console.error('Client-side files must not import the server core (only *.server.ts, +server.ts and src/lib/server/ may):');
	for (const o of offences) console.error('  ' + o);
	process.exit(1);
}

// `npm test`: the whole suite. Always on the embedded backends (PGlite, in-process bus); again on
// PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set; then the browser tests in Chromium.
// Extra arguments go to vitest (e.g. `npm test -- tests/unit`), in which case browser tests are
// run only if asked for by path.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIsStale } from './build-state.js';

const args = process.argv.slice(2);
const vitest = 'node_modules/vitest/vitest.mjs';

function run(label, file, argv, env) {
	console.error(`\n▶ ${label}`);
	const r = spawnSync(process.execPath, [file, ...argv], { stdio: 'inherit', env });
	if (r.status !== 0) {
		console.error(`✖ ${label} failed`);
		process.exit(r.status ?? 1);
	}
}

if (buildIsStale()) run('build (integration and browser tests run the built server)', 'scripts/build.js', [], process.env);

const embedded = { ...process.env, DATABASE_URL: '', REDIS_URL: '' };
const unitArgs = args.length ? args.filter((a) => !a.startsWith('tests/e2e')) : [];
const wantsE2e = !args.length || args.some((a) => a.startsWith('tests/e2e'));

if (!args.length || unitArgs.length) {
	run('tests on embedded backends (PGlite, memory bus)', vitest, ['run', ...unitArgs], embedded);
	if (process.env.DATABASE_URL || process.env.REDIS_URL) {
		run(
			`tests on ${[process.env.DATABASE_URL && 'PostgreSQL', process.env.REDIS_URL && 'Redis'].filter(Boolean).join(' + ')}`,
			vitest,
			['run', ...unitArgs],
			process.env
		);
	} else {
		console.error('\n(DATABASE_URL and REDIS_URL unset: PostgreSQL/Redis pass skipped; set them to run it)');
	}
}

if (wantsE2e) {
	const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!existsSync(chromium)) {
		if (process.env.CI) {
			console.error(`✖ browser tests need Chromium at ${chromium}`);
			process.exit(1);
		}
		console.error(`\n(browser tests skipped: no Chromium at ${chromium}; apt-get install chromium)`);
	} else {
		run('browser tests (Chromium)', vitest, ['run', '--config', 'vitest.e2e.config.ts', ...args.filter((a) => a.startsWith('tests/e2e'))], embedded);
	}
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests open a real database per file (PGlite cloned from a
// prepared template, or a fresh PostgreSQL database) and spawn the built server where HTTP is involved.
export default defineConfig({
	// Server-side modules under src/lib and src/routes (list queries shared by a page and its API) import $lib.
	resolve: {
		alias: {
			$lib: fileURLToPath(new URL('./src/lib', import.meta.url)),
			$server: fileURLToPath(new URL('./server', import.meta.url))
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		globalSetup: ['tests/support/global-setup.ts'],
		pool: 'forks',
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 60_000,
		reporters: ['default']
	}
});

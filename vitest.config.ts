import { defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests open a real database per file (PGlite cloned from a
// prepared template, or a fresh PostgreSQL database) and spawn the built server where HTTP is involved.
export default defineConfig({
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

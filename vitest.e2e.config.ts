import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against the built server.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		globalSetup: ['tests/support/global-setup.ts'],
		pool: 'forks',
		maxWorkers: 1,
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});

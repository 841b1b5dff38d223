import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The framework-free core. Only server-only files may import it (scripts/check-server-imports.js).
		alias: { $server: 'server', '$server/*': 'server/*' }
	}
};

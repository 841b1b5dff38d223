import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The framework-free core. Only server-only files may import it (scripts/check-server-imports.js).
		// Wall-screen definitions and their one schema, shared by the core and the screen page.
		alias: { $server: 'server', '$server/*': 'server/*', $screens: 'screens', '$screens/*': 'screens/*' },
		// Content-Security-Policy of every page (sent as a header; SvelteKit adds a nonce for its own
		// inline script). Inline style attributes are allowed for progress bars (`style:width`), never
		// inline <style> or script; the live socket is same-origin ('self' covers ws: and wss:).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

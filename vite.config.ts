import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

// In `npm run dev` the WebSocket hub shares Vite's HTTP server, as it shares the production server in server/index.ts.
// The runtime is loaded through Vite's SSR module graph so SvelteKit routes and the hub use one instance.
function liveHub(): Plugin {
	return {
		name: 'liandong-live-hub',
		apply: 'serve',
		async configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer) return;
			const mod = await server.ssrLoadModule('/server/process-runtime.ts');
			const rt = await mod.processRuntime();
			const { attachHub } = await server.ssrLoadModule('/server/live/attach.ts');
			attachHub(rt, httpServer, { skipPaths: ['/@vite', '/__vite'] });
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), liveHub()],
	server: { port: Number(process.env.PORT ?? 5173) }
});

// Wires the hub to an HTTP server's upgrade event on /live. Other upgrade paths are left alone
// when another listener owns them (Vite's HMR socket in dev) and refused otherwise.
import type { Server } from 'node:http';
import type { Runtime } from '../runtime.ts';

export const LIVE_PATH = '/live';

export function attachHub(rt: Runtime, server: Server, opts: { skipPaths?: string[] } = {}): void {
	server.on('upgrade', (req, socket, head) => {
		const path = (req.url ?? '/').split('?')[0];
		if (path === LIVE_PATH) {
			void rt.hub.handleUpgrade(req, socket, head);
			return;
		}
		if (opts.skipPaths) return; // dev: Vite handles its own upgrades
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
	});
}

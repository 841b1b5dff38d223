// The live benchmark's baseline: a bare `ws` broadcast. POST /broadcast with {"events":[…]} sends each
// event whose type is the probe type to every connected client, as a frame shaped like the hub's
// update; everything else is parsed and dropped. No auth, topics, sequence numbers or database.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const PROBE = process.argv[2] ?? 'x.bench.probe';
const wss = new WebSocketServer({ noServer: true });
let seq = 0;
const server = http.createServer((req, res) => {
	/** @type {Buffer[]} */
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		for (const e of body.events) {
			if (e.type !== PROBE) continue;
			const frame = JSON.stringify({ op: 'upd', topic: `events:${PROBE}`, epoch: 'bare', seq: ++seq, value: e });
			for (const ws of wss.clients) ws.send(frame);
		}
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ accepted: body.events.length, duplicates: 0 }));
	});
});
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => {
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	console.log(`listening on ${address.port}`);
});

import { json } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import { demoProgress } from '$lib/server/demo';
import type { RequestHandler } from './$types';

// The demo factory's preparation, polled by the banner of every page (signed in or not): status,
// step and percentage; {"status":"off"} when not in demo mode or no demo was prepared here.
export const GET: RequestHandler = async () => {
	const rt = await runtime();
	return json((await demoProgress(rt)) ?? { status: 'off' }, { headers: { 'cache-control': 'no-store' } });
};

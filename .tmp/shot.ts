import { launchBrowser } from '../tests/support/browser.ts';
const base = process.env.BASE ?? 'http://127.0.0.1:3555';
const screens = (process.env.SCREENS ?? 'plant-overview').split(',');
const sizes = (process.env.SIZES ?? '1920x1080').split(',').map((s) => s.split('x').map(Number));
const browser = await launchBrowser();
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() === 'error' || /Content Security/.test(m.text())) console.log('console:', m.text().slice(0, 300)); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(base + '/login');
await page.fill('input[name=username]', 'chen.guoqiang');
await page.fill('input[name=password]', 'demo1234');
await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
for (const id of screens) {
	for (const [w, h] of sizes) {
		await page.setViewportSize({ width: w, height: h });
		await page.goto(`${base}/screens/${id}${process.env.Q ?? ''}`);
		await page.waitForTimeout(Number(process.env.WAIT ?? 4000));
		const overflow = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight, badge: document.querySelector('[data-testid=connection-badge]')?.textContent }));
		console.log(id, w, h, JSON.stringify(overflow));
		await page.screenshot({ path: `/tmp/shot-${id}-${w}x${h}.png` });
	}
}
await browser.close();

import { launchBrowser } from '../tests/support/browser.ts';
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://127.0.0.1:3555/login');
await page.fill('input[name=username]', 'chen.guoqiang');
await page.fill('input[name=password]', 'demo1234');
await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
for (const [w, h] of [[1280, 800], [390, 844]]) {
	await page.setViewportSize({ width: w, height: h });
	await page.goto('http://127.0.0.1:3555/screens');
	await page.screenshot({ path: `/tmp/list-${w}.png`, fullPage: true });
}
await browser.close();

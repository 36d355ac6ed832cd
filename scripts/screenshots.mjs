// `npm run screenshots`: pictures of the demo for the README, light and dark, desktop and a
// 375 px phone, taken in the same headless Chromium as the tests from the demo server that
// `npm start` runs (mock model, no network). Writes docs/demo-<theme>-<device>.png.
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright';
import { startDemoServer } from '../demo/server/dev-server.mjs';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.mjs';

const OUT = new URL('../docs/', import.meta.url);
const DEVICES = {
  desktop: { viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 },
  mobile: { viewport: { width: 375, height: 760 }, deviceScaleFactor: 2, isMobile: true },
};
const THEMES = ['light', 'dark'];
const PROMPTS = ['Compare the transports in a table', "Think: how many r's are in strawberry?"];

const demo = await startDemoServer();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
await mkdir(OUT, { recursive: true });
try {
  for (const [device, options] of Object.entries(DEVICES)) {
    for (const theme of THEMES) {
      const page = await browser.newPage({
        ...options,
        colorScheme: /** @type {'light' | 'dark'} */ (theme),
        reducedMotion: 'reduce',
      });
      await page.goto(`${demo.url}/`);
      await page.check(`input[name="theme"][value="${theme}"]`);
      await page.selectOption('#settings [name="rate"]', '1000');
      for (const prompt of PROMPTS) {
        const input = page.locator('#chat [part="input"]');
        await input.fill(prompt);
        await input.press('Enter');
        await page.locator('#chat:not([streaming])').waitFor({ timeout: 15_000 });
      }
      // The same framing every time: the page at its top, the conversation at its end.
      await page.evaluate(() => {
        const { document, scrollTo } = /** @type {any} */ (globalThis);
        document.activeElement?.blur();
        scrollTo(0, 0);
        const list = document.querySelector('#chat').shadowRoot.querySelector('[part="messages"]');
        list.scrollTop = list.scrollHeight;
      });
      await page.waitForTimeout(300);
      const file = new URL(`demo-${theme}-${device}.png`, OUT);
      await page.screenshot({ path: file.pathname });
      console.log(`wrote docs/demo-${theme}-${device}.png`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await demo.close();
}

/**
 * sandbox.leaks: the leak probe (tests/fixtures/sandbox/leak-probe.ts) run as a learner would run
 * it, in headless Chromium against the built site: every way out that it reports as reached,
 * plus every request that reached a server outside the site, plus the site's own storage or
 * page found changed afterwards. Goal: 0.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium.ts';
import { leakProbe, reachedChannels } from '../../tests/fixtures/sandbox/leak-probe.ts';

const EXERCISE = 'shuffle-hash-join';

export async function countLeaks(baseUrl: string): Promise<{ leaks: number; details: string[] }> {
  const hits: string[] = [];
  const outside = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.end('reached');
  });
  await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
  const outsideUrl = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ serviceWorkers: 'block' });
    await page.goto(`${baseUrl}/distributed-joins/`);
    await page.evaluate(() => {
      localStorage.setItem('canary', 'site data');
      document.cookie = 'session=site-cookie; path=/';
    });
    const section = page.locator(`#exercise-${EXERCISE}`);
    await section.scrollIntoViewIfNeeded();
    await section.locator('sai-exercise[data-ready="true"]').waitFor();
    await section.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(leakProbe(outsideUrl, baseUrl));
    await section.getByRole('button', { name: /Run checks/ }).click();
    const printed = section.locator('[data-results] .sai-check__output, [data-results] .sai-console').first();
    await printed.waitFor({ timeout: 20_000 });
    const text = (await printed.textContent()) ?? '';
    const reached = reachedChannels(text);
    if (!text.includes('beacon:')) reached.push('the probe did not finish');
    const details = [...reached.map((channel) => `reached: ${channel}`), ...hits.map((hit) => `outside server got: ${hit}`)];
    if ((await page.evaluate(() => localStorage.getItem('canary'))) !== 'site data') details.push("the site's storage changed");
    return { leaks: details.length, details };
  } finally {
    await browser.close();
    outside.close();
  }
}

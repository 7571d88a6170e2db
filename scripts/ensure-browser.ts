/**
 * Makes sure the browser tests have a Chromium before anything else runs, so a fresh machine
 * gets one clear sentence instead of a wall of launch errors. Tries the browser the tests use
 * (scripts/chromium.ts); when there is none, installs Playwright's own Chromium once; when that
 * is impossible (no network), stops with the commands that fix it.
 */
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.ts';

const FIX = [
  'The browser tests need Chromium, and none could be started or installed.',
  'Install one, then run `npm test` again:',
  '  npx playwright install chromium        (any system with network access)',
  '  sudo apt-get install chromium          (Debian/Ubuntu; used from /usr/bin/chromium)',
  'or point CHROMIUM_PATH at an existing Chromium or Chrome binary.',
].join('\n');

async function canLaunch(): Promise<string | undefined> {
  try {
    const browser = await chromium.launch(chromiumLaunchOptions());
    await browser.close();
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

const first = await canLaunch();
if (first !== undefined) {
  const own = chromiumLaunchOptions().executablePath === undefined;
  let installed = false;
  if (own) {
    console.log('ensure-browser: no Chromium found; installing Playwright\'s (npx playwright install chromium) ...');
    const install = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', timeout: 10 * 60_000 });
    installed = install.status === 0 && (await canLaunch()) === undefined;
  }
  if (!installed) {
    console.error(`\n${FIX}\n(${first})`);
    process.exit(1);
  }
}

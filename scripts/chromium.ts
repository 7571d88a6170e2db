/**
 * How the tests and benchmarks start Chromium. CHROMIUM_PATH wins; else the system's
 * /usr/bin/chromium when present (Debian's package); else Playwright's own download.
 * The flags keep a headless Chromium quiet on machines without a network or a GPU.
 */
import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

export const SYSTEM_CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumLaunchOptions(): LaunchOptions {
  const path = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return path ? { executablePath: path, args: SYSTEM_CHROMIUM_FLAGS } : {};
}

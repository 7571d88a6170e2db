/**
 * Content-Security-Policy on the built site: every kind of page carries the strict page policy
 * (a <meta> Astro writes) and the small header policy, nothing the site does is refused, and a
 * script injected into the page is. The Run button is not used: the runner is not under test here.
 */
import { expect, test, type Page, type Response } from '@playwright/test';
import { LESSON_URL, openExercise, setCode } from './helpers.ts';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  /** The document that reported it: the page, or a frame such as the runner sandbox. */
  document?: string;
}

declare global {
  interface Window {
    __cspViolations: Violation[];
    __injected?: string;
  }
}

/**
 * Records what the browser refuses: violation events (in the page and in its frames, so a header
 * policy that got in the way of the sandbox's own would show too), and console errors naming the CSP.
 */
async function watchCsp(page: Page): Promise<{ violations: () => Promise<Violation[]>; consoleErrors: string[] }> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
      true,
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (/content security policy/i.test(msg.text())) consoleErrors.push(`${msg.type()}: ${msg.text()}`);
  });
  const violations = async () => {
    const perFrame = await Promise.all(
      page.frames().map(async (frame) => {
        const found = await frame.evaluate(() => window.__cspViolations ?? []).catch(() => []);
        return found.map((v) => (frame === page.mainFrame() ? v : { ...v, document: frame.url() }));
      }),
    );
    return perFrame.flat();
  };
  return { violations, consoleErrors };
}

/** Each directive's name and sources: "script-src 'self' x" -> ['script-src', ["'self'", 'x']]. */
function directives(policy: string): Map<string, string[]> {
  const entries = policy
    .split(/[;,]/)
    .map((d) => d.trim().split(/\s+/))
    .filter(([name]) => name)
    .map(([name, ...sources]): [string, string[]] => [name.toLowerCase(), sources]);
  return new Map(entries);
}

/** What the header policy must hold (sent with every file, the 404 page included). */
function expectHeaderPolicy(header: string | undefined): void {
  expect(header, 'Content-Security-Policy header').toBeTruthy();
  const policy = directives(header!);
  expect(policy.get('frame-ancestors')).toContain("'self'");
  expect(policy.get('object-src')).toEqual(["'none'"]);
  // The header also covers /sandbox/*: it must leave scripts to the sandbox's own policy.
  for (const name of policy.keys()) expect(name).not.toMatch(/^(default|script|style|worker|connect|child)-src/);
}

/** The page's meta policy and the response's header policy, checked for what each must hold. */
async function expectPolicies(page: Page, response: Response | null): Promise<void> {
  const meta = page.locator('meta[http-equiv="content-security-policy" i]');
  await expect(meta).toHaveCount(1);
  const pagePolicy = directives((await meta.getAttribute('content')) ?? '');
  const scriptSrc = pagePolicy.get('script-src') ?? [];
  expect(scriptSrc).toContain("'self'");
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc.some((s) => s.startsWith("'sha256-"))).toBe(true);
  expect(pagePolicy.get('object-src')).toEqual(["'none'"]);
  expect(pagePolicy.get('base-uri')).toEqual(["'none'"]);
  expect(pagePolicy.get('frame-src')).toContain("'self'");
  expect(pagePolicy.get('worker-src')).toEqual(["'self'", 'blob:']);
  expectHeaderPolicy(response?.headers()['content-security-policy']);
}

async function expectNothingRefused(page: Page, csp: Awaited<ReturnType<typeof watchCsp>>): Promise<void> {
  expect(await csp.violations()).toEqual([]);
  expect(csp.consoleErrors).toEqual([]);
}

test('home page: both policies, nothing refused', async ({ page }) => {
  const csp = await watchCsp(page);
  const response = await page.goto('/');
  await expectPolicies(page, response);
  await page.waitForLoadState('networkidle');
  // The theme picker runs inline code from Starlight.
  await page.getByRole('combobox', { name: 'Select theme' }).first().selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectNothingRefused(page, csp);
});

test('lesson page: both policies, the editor and its type checker work, nothing refused', async ({ page }) => {
  const csp = await watchCsp(page);
  const response = await page.goto(LESSON_URL);
  await expectPolicies(page, response);
  // The editor island (CodeMirror and its styles) starts.
  const section = await openExercise(page, 'broadcast-hash-join');
  await expect(section.locator('.cm-content')).toBeVisible();
  // The type checker runs in a module worker from the same origin.
  await setCode(page, section, "import { SparkSession } from '@sai/spark';\n\nconst spark = new SparkSession({ executors: 'four' });\n");
  await expect(section.locator('[data-type-errors] li')).toHaveCount(1, { timeout: 30_000 });
  // Every other island and diagram on the way down.
  for (const exercise of await page.locator('sai-exercise').all()) {
    await exercise.scrollIntoViewIfNeeded();
    await expect(exercise).toHaveAttribute('data-ready', 'true');
  }
  await expectNothingRefused(page, csp);
});

test('404 page: both policies, nothing refused', async ({ page }) => {
  const csp = await watchCsp(page);
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  // Static hosts (and the local server, scripts/serve-site.ts) send the headers with the 404 page too.
  await expectPolicies(page, response);
  await page.waitForLoadState('networkidle');
  await expectNothingRefused(page, csp);
});

test('search works under the policy (Pagefind and its WebAssembly)', async ({ page }) => {
  const csp = await watchCsp(page);
  const response = await page.goto('/');
  await expectPolicies(page, response);
  await page.getByRole('button', { name: 'Search' }).click();
  const input = page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' });
  await expect(input).toBeFocused();
  await input.fill('broadcast');
  const firstResult = page.locator('.pagefind-ui__result-link').first();
  await expect(firstResult).toBeVisible({ timeout: 10_000 });
  await expect(firstResult).toHaveAttribute('href', /distributed-joins/);
  // Enter in the search box submits nothing anywhere (form-action 'none' must not get in the way).
  await input.press('Enter');
  await firstResult.click();
  await expect(page).toHaveURL(/distributed-joins/);
  await expectNothingRefused(page, csp);
});

test('search still works when Pagefind cannot start its worker and compiles WebAssembly in the page', async ({ page }) => {
  const csp = await watchCsp(page);
  await page.route('**/pagefind/pagefind-worker.js', (route) => route.fulfill({ status: 404, body: '' }));
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('dialog', { name: 'Search' }).getByRole('textbox', { name: 'Search' }).fill('broadcast');
  await expect(page.locator('.pagefind-ui__result-link').first()).toBeVisible({ timeout: 10_000 });
  await expectNothingRefused(page, csp);
});

test('script injected into the page is refused: inline <script>, event handler attribute, eval', async ({ page }) => {
  const csp = await watchCsp(page);
  await page.goto('/');
  await page.waitForLoadState('networkidle');

  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = "window.__injected = 'script';";
    document.body.append(script);
    const holder = document.createElement('div');
    holder.innerHTML = `<img src="data:," onerror="window.__injected = 'handler'">`;
    document.body.append(holder);
  });
  // Later, from a timer: code that Playwright evaluates itself is exempt from the eval rule.
  const evalResult = await page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        setTimeout(() => {
          try {
            resolve(String((0, eval)('1 + 1')));
          } catch (error) {
            resolve((error as Error).name);
          }
        }),
      ),
  );
  expect(evalResult).toBe('EvalError');

  await expect
    .poll(async () => [...new Set((await csp.violations()).map((v) => v.directive))].sort())
    .toEqual(['script-src', 'script-src-attr', 'script-src-elem']);
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();
});

test('the header policy comes with every file, scripts and search index included', async ({ page }) => {
  for (const path of ['/favicon.svg', '/pagefind/pagefind.js', '/sitemap-index.xml']) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expectHeaderPolicy(response.headers()['content-security-policy']);
  }
});

/**
 * Where the sandbox page (public/sandbox/runner.html) lives. Its URL carries the page's version
 * (a hash of its text, set at build time), so static hosts may let browsers keep it for a year
 * (SANDBOX_CACHE_CONTROL, in public/_headers and vercel.json): a service worker cannot answer for
 * a sandboxed frame, so the HTTP cache is what lets exercises run offline.
 */
export const SANDBOX_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * This site, unless the build names a separate sandbox origin (PUBLIC_SANDBOX_ORIGIN), which puts
 * learner code in its own process in every browser.
 */
export function sandboxUrl(): string {
  const origin = (import.meta.env.PUBLIC_SANDBOX_ORIGIN as string | undefined) ?? '';
  const version = (import.meta.env.SAI_SANDBOX_VERSION as string | undefined) ?? 'dev';
  return `${origin.replace(/\/$/, '')}${import.meta.env.BASE_URL.replace(/\/?$/, '/')}sandbox/runner.html?v=${version}`;
}

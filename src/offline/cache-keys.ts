/**
 * How the service worker names what it keeps. Runs in the worker and in unit tests (no DOM, no Node).
 */

/** One cache per site version: a new version fills its own and never touches the one in use. */
export const cacheName = (version: string): string => `sai-${version}`;
export const isOurCache = (name: string): boolean => name.startsWith('sai-');

/** Written last into a version's cache: a cache without it was never finished and is never read. */
export const MANIFEST_KEY = '__precache.json';

/**
 * The kept page a navigation asks for: the path alone (newsletter links carry tracking queries),
 * and a directory page by its trailing slash (`/kafka-delivery` is `/kafka-delivery/`).
 */
export function pageKey(url: URL): string {
  const last = url.pathname.split('/').at(-1) ?? '';
  return last === '' || last.includes('.') ? url.pathname : `${url.pathname}/`;
}

/**
 * The older caches to delete once a version is in use: all but the newest finished one, which
 * tabs still showing the previous version may need for the code they load late.
 */
export function cachesToDelete(older: Array<{ name: string; keptAt: number | undefined }>): string[] {
  const finished = older.filter((cache) => cache.keptAt !== undefined).sort((a, b) => b.keptAt! - a.keptAt!);
  const keep = finished[0]?.name;
  return older.map((cache) => cache.name).filter((name) => name !== keep);
}

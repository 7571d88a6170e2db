/**
 * The service worker: keeps one whole version of the site (src/offline/precache-manifest.ts lists
 * it) so that, after one visit, every lesson, example and exercise works with no network.
 *
 * - Install fills a cache of its own with every file, each checked against the hash the build
 *   recorded, and marks it finished last. Any failure (offline, a file changed by a newer deploy)
 *   fails the install: the version in use goes on, whole.
 * - A new version waits until the page asks it to take over (the reader accepts the update, see
 *   offline-client.ts), so a page never mixes two versions' files.
 * - Pages and files come from the version in use; what it lacks goes to the network, then to the
 *   previous version's cache (for a tab still showing that version), and an unknown page asked for
 *   offline gets the 404 page marked as offline.
 */
import type { PrecacheManifest } from './precache-manifest.ts';
import { MANIFEST_KEY, cacheName, cachesToDelete, isOurCache, pageKey } from './cache-keys.ts';

declare const __SAI_PRECACHE__: PrecacheManifest;

// The few service-worker types used here (the project's TypeScript library is the DOM's).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageFromPage extends ExtendableEvent {
  readonly data: unknown;
}
interface ServiceWorkerScope {
  readonly registration: { readonly scope: string };
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageFromPage) => void): void;
}

const worker = self as unknown as ServiceWorkerScope;
const MANIFEST = __SAI_PRECACHE__;
const CACHE = cacheName(MANIFEST.version);
const scopePath = new URL(worker.registration.scope).pathname;
const NOT_FOUND_PAGE = `${scopePath}404.html`;
/** Files fetched at once while installing: a phone's connection is not flooded. */
const AT_ONCE = 6;

async function sha16(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Other finished versions' caches: `url hash` -> the cache holding those bytes. */
async function earlierCopies(): Promise<Map<string, string>> {
  const copies = new Map<string, string>();
  for (const name of await caches.keys()) {
    if (!isOurCache(name) || name === CACHE) continue;
    const manifest = await (await caches.open(name)).match(MANIFEST_KEY);
    if (!manifest) continue;
    const { files } = (await manifest.json()) as PrecacheManifest;
    for (const file of files) copies.set(`${file.url} ${file.hash}`, name);
  }
  return copies;
}

async function keepFile(cache: Cache, file: PrecacheManifest['files'][number], earlier: Map<string, string>): Promise<void> {
  if (await cache.match(file.url)) return; // kept (and checked) by an install that was cut short (the browser closed)
  const holder = earlier.get(`${file.url} ${file.hash}`);
  const copy = holder ? await (await caches.open(holder)).match(file.url) : undefined;
  if (copy) return cache.put(file.url, copy);
  const response = await fetch(file.url, { cache: 'no-cache' });
  if (!response.ok || response.redirected) throw new Error(`${file.url}: HTTP ${response.status}`);
  if ((await sha16(await response.clone().arrayBuffer())) !== file.hash) {
    throw new Error(`${file.url} is not the file of version ${MANIFEST.version} (a newer version is being published)`);
  }
  await cache.put(file.url, response);
}

async function install(): Promise<void> {
  const cache = await caches.open(CACHE);
  const earlier = await earlierCopies();
  const queue = [...MANIFEST.files];
  const fetcher = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) await keepFile(cache, file, earlier);
  };
  try {
    await Promise.all(Array.from({ length: AT_ONCE }, fetcher));
  } catch (error) {
    await caches.delete(CACHE); // nothing half-kept stays on the device
    throw error;
  }
  await cache.put(MANIFEST_KEY, new Response(JSON.stringify({ ...MANIFEST, keptAt: Date.now() })));
}

async function activate(): Promise<void> {
  const older = [];
  for (const name of await caches.keys()) {
    if (!isOurCache(name) || name === CACHE) continue;
    const manifest = await (await caches.open(name)).match(MANIFEST_KEY);
    older.push({ name, keptAt: manifest ? ((await manifest.json()) as { keptAt?: number }).keptAt : undefined });
  }
  await Promise.all(cachesToDelete(older).map((name) => caches.delete(name)));
  await worker.clients.claim(); // the page that installed the first version uses it at once
}

const own = async (key: string): Promise<Response | undefined> => (await caches.open(CACHE)).match(key, { ignoreVary: true });

async function page(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const key = pageKey(url);
  const kept = await own(key);
  // `/kafka-delivery` -> `/kafka-delivery/`, as the host would: the page's relative links need the slash.
  if (kept && key !== url.pathname) return Response.redirect(new URL(key + url.search, url).href, 301);
  if (kept) return kept;
  try {
    return await fetch(request);
  } catch {
    return (await caches.match(key, { ignoreVary: true })) ?? (await offlinePage()) ?? Response.error();
  }
}

/** The 404 page, marked so it says the page is not kept on this device rather than missing. */
async function offlinePage(): Promise<Response | undefined> {
  const notFound = await own(NOT_FOUND_PAGE);
  if (!notFound) return undefined;
  const html = (await notFound.text()).replace('<html', '<html data-offline');
  return new Response(html, { status: 503, headers: notFound.headers });
}

async function asset(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const kept = url.search ? undefined : await own(url.pathname);
  if (kept) return kept;
  try {
    const response = await fetch(request);
    // A tab still showing the previous version may ask for code this deploy no longer has.
    return response.ok ? response : ((await caches.match(request.url, { ignoreVary: true })) ?? response);
  } catch {
    return (await caches.match(request.url, { ignoreSearch: true, ignoreVary: true })) ?? Response.error();
  }
}

worker.addEventListener('install', (event) => event.waitUntil(install()));
worker.addEventListener('activate', (event) => event.waitUntil(activate()));
worker.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'take-over') event.waitUntil(worker.skipWaiting());
});
worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== location.origin) return;
  event.respondWith(request.mode === 'navigate' ? page(request) : asset(request));
});

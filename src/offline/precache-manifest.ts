/**
 * What the service worker keeps for offline use: every page and the assets pages load (scripts,
 * styles, fonts, the type checker, the runner's code, the search index), each with a hash of its
 * bytes. The version is a hash of the whole list, so any change to any file is a new version.
 * Left out: share pictures (for other sites' link cards), feeds and sitemaps (for robots), the
 * host's header file, and the sandbox page, which a service worker cannot answer for (see
 * src/components/sandbox-page.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export type PrecacheFile = { url: string; hash: string; bytes: number };
export type PrecacheManifest = { version: string; files: PrecacheFile[] };

const LEFT_OUT = [/^og\//, /^sandbox\//, /^sitemap[^/]*\.xml$/, /^rss\.xml$/, /^_headers$/, /^sw\.js$/, /\.map$/];

export const contentHash = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** The URL a built file is asked for by: a page by its directory (`lessons/x/` for lessons/x/index.html). */
export function urlOf(path: string, base: string): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return prefix + path.replace(/(^|\/)index\.html$/, '$1');
}

export const isPrecached = (path: string): boolean => !LEFT_OUT.some((rule) => rule.test(path));

/** The manifest from files given as path (relative to the site's root, '/'-separated) -> bytes. */
export function precacheManifest(files: Map<string, Uint8Array>, base: string): PrecacheManifest {
  const entries = [...files]
    .filter(([path]) => isPrecached(path))
    .map(([path, bytes]) => ({ url: urlOf(path, base), hash: contentHash(bytes), bytes: bytes.byteLength }))
    .sort((a, b) => (a.url < b.url ? -1 : 1));
  return { version: contentHash(JSON.stringify(entries)).slice(0, 12), files: entries };
}

/** Every file under a built site's directory. */
export function readSite(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path).split(sep).join('/'), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

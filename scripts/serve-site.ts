/**
 * Serves the built site (dist/) the way a static host does: the headers of dist/_headers path by
 * path (the same file Netlify and Cloudflare Pages read), directory pages, a trailing-slash
 * redirect, the 404 page, gzip. `astro preview` sends one set of headers with every file, so it
 * could not show that the sandbox page is cached for offline use while pages are not.
 *
 *   node scripts/serve-site.ts [--host 127.0.0.1] [--port 4321]
 *
 * Locally the page and the sandbox are two names of this one server (127.0.0.1 and localhost), so
 * the local framing policy and CORP of LOCAL_SERVER_HEADERS are added, as `astro dev` sends them.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { LOCAL_SERVER_HEADERS } from '../src/build/csp.ts';
import { headersFor, parseHeadersFile } from '../src/build/headers-file.ts';

const { values } = parseArgs({ options: { host: { type: 'string', default: '127.0.0.1' }, port: { type: 'string', default: '4321' } } });
const root = resolve(import.meta.dirname, '../dist');
if (!existsSync(join(root, 'index.html'))) {
  console.error('No built site in dist/: run `npm run build` first.');
  process.exit(1);
}
const rules = existsSync(join(root, '_headers')) ? parseHeadersFile(readFileSync(join(root, '_headers'), 'utf8')) : [];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt', '.wasm']);

/** Header names in lower case, as headersFor() gives them, so that a local header replaces the host's. */
const lowerCaseNames = (headers: Record<string, string>) => Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

/** The file a URL path names, or undefined when it would leave dist/. */
function fileOf(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${decoded}`);
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://site');
  let file = fileOf(url.pathname);
  let status = 200;
  if (file && existsSync(file) && statSync(file).isDirectory()) {
    if (!url.pathname.endsWith('/')) {
      response.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    file = join(file, 'index.html');
  }
  if (!file || !existsSync(file) || !statSync(file).isFile()) {
    file = join(root, '404.html');
    status = 404;
  }
  const ext = extname(file);
  const headers: Record<string, string> = {
    ...headersFor(rules, url.pathname),
    ...lowerCaseNames(LOCAL_SERVER_HEADERS),
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    vary: 'Accept-Encoding',
  };
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (gzip) headers['content-encoding'] = 'gzip';
  else headers['content-length'] = String(statSync(file).size);
  response.writeHead(status, headers);
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const body = createReadStream(file);
  (gzip ? body.pipe(createGzip()) : body).pipe(response);
});

server.listen(Number(values.port), values.host, () => {
  console.log(`The built site: http://${values.host}:${values.port}/`);
});

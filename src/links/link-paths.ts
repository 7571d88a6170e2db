/**
 * How links are written everywhere in src/links: a page as its path with a trailing slash
 * ('/distributed-joins/', '/'), except files such as '/404.html'; an anchor as 'page#id'.
 */

/** '/sai/05/joins' -> '/sai/05/joins/' (Astro serves every page as a folder). */
export function pagePath(path: string): string {
  return path.endsWith('/') || /\.[a-z]+$/i.test(path) ? path : `${path}/`;
}

/** '/distributed-joins#shuffle-join' -> { page: '/distributed-joins/', anchor: 'shuffle-join' }. */
export function splitLink(link: string): { page: string; anchor?: string } {
  const hash = link.indexOf('#');
  if (hash < 0) return { page: pagePath(link) };
  return { page: pagePath(link.slice(0, hash)), anchor: link.slice(hash + 1) || undefined };
}

/** The page a built HTML file is served at: 'distributed-joins/index.html' -> '/distributed-joins/'. */
export function pageOfFile(relativeFile: string): string {
  const path = `/${relativeFile.split('\\').join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

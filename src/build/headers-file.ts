/**
 * The `_headers` file of Netlify and Cloudflare Pages: a path pattern on its own line, then its
 * headers indented below it. A pattern is a path, or a path ending in `*` for everything under it.
 * Read by the local server (scripts/serve-site.ts) and by the test that keeps the copies in step.
 */
export type HeaderRule = { pattern: string; headers: Record<string, string> };

/** The rules in file order; header names in lower case. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const colon = line.indexOf(':');
    const current = rules.at(-1);
    if (!current || colon < 0) throw new Error(`_headers: unexpected line "${line}"`);
    current.headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return rules;
}

export function patternMatches(pattern: string, pathname: string): boolean {
  return pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern;
}

/** The headers a path gets: every matching rule's, a later rule winning a header both set. */
export function headersFor(rules: HeaderRule[], pathname: string): Record<string, string> {
  return Object.assign({}, ...rules.filter((rule) => patternMatches(rule.pattern, pathname)).map((rule) => rule.headers));
}

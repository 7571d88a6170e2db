/**
 * Runnable examples: lessons/<lesson>/examples/<id>.ts, read at build time. An example is
 * plain top-level TypeScript that imports '@sai/spark' and prints what it wants to show.
 */
const sources = import.meta.glob<string>('/lessons/*/examples/*.ts', { query: '?raw', import: 'default', eager: true });

/** Source of "<lesson>/<example>", or a build error that names the id. */
export function getExampleSource(id: string): string {
  const [lesson, name] = id.split('/');
  const source = sources[`/lessons/${lesson}/examples/${name}.ts`];
  if (source === undefined) {
    const known = Object.keys(sources).map((path) => path.replace(/^\/lessons\/([^/]+)\/examples\/(.+)\.ts$/, '$1/$2'));
    throw new Error(`Unknown example "${id}". Known examples: ${known.join(', ') || 'none'}`);
  }
  return source;
}

/**
 * Which runner bundle a page loads: the one of the simulated system its exercises and examples
 * import (src/build/runner-bundle.ts builds one per system). A page teaches one system, so its
 * modules share one bundle; a page that mixes two is an authoring mistake, said as such.
 */
export interface RunnerBundles {
  /** Bundle name ('spark', 'kafka') -> URL. */
  urls: Readonly<Record<string, string>>;
  /** Module name -> the bundle that carries it ('shared': all of them). */
  bundleOf: Readonly<Record<string, string>>;
}

export function bundleFor(modules: readonly string[], bundles: RunnerBundles): string {
  const systems = [...new Set(modules.map((name) => bundles.bundleOf[name]).filter((name): name is string => name !== undefined && name !== 'shared'))];
  if (systems.length > 1) throw new Error(`This page mixes modules of ${systems.join(' and ')}; a page's exercises and examples must use one system.`);
  const system = systems[0] ?? Object.keys(bundles.urls)[0];
  const url = system === undefined ? undefined : bundles.urls[system];
  if (!url) throw new Error(`No runner bundle for '${String(system)}'.`);
  return url;
}

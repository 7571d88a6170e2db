/** The module served by module-declarations.ts: module name -> loader of its declarations. */
declare module 'virtual:sai-declarations' {
  const loaders: Record<string, () => Promise<{ default: import('../typecheck/type-checker.ts').ModuleTypes }>>;
  export default loaders;
}

/** The runner's bundles, one per simulated system, served by runner-bundle.ts. */
declare module 'virtual:sai-runner-bundle' {
  const bundles: import('../components/runner-bundle-choice.ts').RunnerBundles;
  export default bundles;
}

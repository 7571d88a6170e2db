/** The module served by module-declarations.ts: module name -> loader of its declarations. */
declare module 'virtual:sai-declarations' {
  const loaders: Record<string, () => Promise<{ default: import('../typecheck/type-checker.ts').ModuleTypes }>>;
  export default loaders;
}

/** The URL of the runner's one-script bundle, served by runner-bundle.ts. */
declare module 'virtual:sai-runner-bundle' {
  const url: string;
  export default url;
}

/** The module served by module-declarations.ts: module name -> loader of its declarations. */
declare module 'virtual:sai-declarations' {
  const loaders: Record<string, () => Promise<{ default: import('../typecheck/type-checker.ts').ModuleTypes }>>;
  export default loaders;
}

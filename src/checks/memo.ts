/**
 * Several checks often look at the same generated cases (the rows, the placement, the metrics of
 * one run). Memoizing the run per input object lets each check stay separate and specific while
 * the engine runs each case once: property() hands every check that shares a generator and a seed
 * the very same input objects. (A shrunk input is a new object, so it always runs afresh.)
 */
export function memoByInput<I extends object, O>(run: (input: I) => O): (input: I) => O {
  const cache = new WeakMap<I, O>();
  return (input) => {
    if (!cache.has(input)) cache.set(input, run(input));
    return cache.get(input) as O;
  };
}

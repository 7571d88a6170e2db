/**
 * Stand-in for sucrase's transformers that the runner never enables (JSX, Flow, React, Jest,
 * ES-module output). See lean-sucrase.ts for why and how it replaces them.
 */
export default class UnusedTransformer {
  constructor() {
    throw new Error('This sucrase transform is not included in the learner runner.');
  }
}

/** Kept because sucrase's identifier scan imports it (it only matters for JSX tags). */
export function startsWithLowerCase(name: string): boolean {
  const code = name.charCodeAt(0);
  return code >= 97 && code <= 122;
}

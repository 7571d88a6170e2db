/**
 * A DataFrame's query execution, like Spark's `df.queryExecution`: the plan as text without printing
 * it (explain() prints). Hidden checks read plans through here, so nothing they do shows up in the
 * learner's console output.
 */
import { freezeClass, sealInstance } from '../../kernel/sealed.ts';

export type ExplainMode = 'simple';

export class QueryExecution {
  readonly #render: () => string;

  /** @internal Made by DataFrame.queryExecution. */
  constructor(render: () => string) {
    this.#render = render;
    sealInstance(this, new.target, QueryExecution);
  }

  /** The physical plan as explain() prints it. Only Spark's 'simple' mode is simulated. */
  explainString(mode: ExplainMode = 'simple'): string {
    if (mode !== 'simple') {
      throw new Error(`explain mode '${String(mode)}' is not simulated by this engine; it prints Spark's 'simple' physical plan only.`);
    }
    return this.#render();
  }
}

freezeClass(QueryExecution);

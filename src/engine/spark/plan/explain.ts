/** Renders a physical plan tree the way Spark's explain() does (":- " for a first child, "+- " for the last). */

export interface ExplainNode {
  text: string;
  children: ExplainNode[];
}

export function node(text: string, ...children: ExplainNode[]): ExplainNode {
  return { text, children };
}

export function renderTree(root: ExplainNode): string[] {
  const lines = [root.text];
  root.children.forEach((child, i) => {
    const last = i === root.children.length - 1;
    renderTree(child).forEach((line, j) => lines.push((j === 0 ? (last ? '+- ' : ':- ') : last ? '   ' : ':  ') + line));
  });
  return lines;
}

/** Short, one-line text for a learner's function inside a plan line. */
export function describeFunction(f: (...args: never[]) => unknown): string {
  const src = String(f).replace(/\s+/g, ' ').trim();
  return src.length > 60 ? `${src.slice(0, 57)}...` : src;
}

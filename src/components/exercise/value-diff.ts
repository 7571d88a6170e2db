/**
 * Where an expected value and the learner's answer differ, token by token (words, numbers,
 * punctuation, spaces), so the results can highlight just the parts that differ: in a list of
 * 200 rows, the one wrong number. A longest common subsequence over the tokens; the common
 * start and end are trimmed first, and a middle too big to compare cheaply is marked whole.
 */

export interface DiffPart {
  text: string;
  /** Not in the other value. */
  changed: boolean;
}

export interface ValueDiff {
  expected: DiffPart[];
  received: DiffPart[];
}

/** Largest middle (tokens x tokens) compared exactly: about 1 MB of table, a few ms. */
const MAX_CELLS = 250_000;

export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_.+-]+|\s+|[^\p{L}\p{N}_\s]/gu) ?? [];
}

export function diffValues(expected: string, received: string): ValueDiff {
  const a = tokenize(expected);
  const b = tokenize(received);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const midA = a.slice(start, a.length - end);
  const midB = b.slice(start, b.length - end);
  const [keepA, keepB] = midA.length * midB.length <= MAX_CELLS ? commonTokens(midA, midB) : [midA.map(() => false), midB.map(() => false)];
  return {
    expected: parts(a, start, end, keepA),
    received: parts(b, start, end, keepB),
  };
}

/** For each token of a and of b: whether it is part of their longest common subsequence. */
function commonTokens(a: string[], b: string[]): [boolean[], boolean[]] {
  const width = b.length + 1;
  // lengths[i * width + j]: length of the LCS of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const keepA = a.map(() => false);
  const keepB = b.map(() => false);
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      keepA[i++] = true;
      keepB[j++] = true;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
    else j++;
  }
  return [keepA, keepB];
}

/** Joins runs of tokens with the same state; whitespace alone never counts as a change worth marking. */
function parts(tokens: string[], start: number, end: number, keepMiddle: boolean[]): DiffPart[] {
  const out: DiffPart[] = [];
  tokens.forEach((text, i) => {
    const inMiddle = i >= start && i < tokens.length - end;
    const changed = inMiddle && !keepMiddle[i - start] && text.trim() !== '';
    const last = out.at(-1);
    if (last && last.changed === changed) last.text += text;
    else out.push({ text, changed });
  });
  return out;
}

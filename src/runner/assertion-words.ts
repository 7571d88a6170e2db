/**
 * A failed assertion told in the project's words. The assertion library says
 * "custom text: expected +0 to be 6 // Object.is equality"; a learner should read
 * "custom text: expected 6, got 0". The check's own text (before the library's sentence) and
 * anything after it (such as the input a property check shrank to) are kept as they are.
 * Values are shown in full under the message, so long ones are not repeated in it.
 */

/** Values longer than this are left to the Expected / Received boxes under the message. */
const INLINE_VALUE_CHARS = 40;

/** Gets the received value as printed, the expected one, and any further value the sentence names. */
type Rewrite = (received: string, expected: string, other: string) => string;

function inline(value: string): string | undefined {
  const shown = value.replace(/(^|[\s[(,{:])\+0\b/g, '$10');
  // "…(2)" marks a value the library shortened: it says nothing, the full one is below.
  return shown.length <= INLINE_VALUE_CHARS && !shown.includes('…') ? shown : undefined;
}

function compared(what: string): Rewrite {
  return (received, expected) => {
    const [r, e] = [inline(received), inline(expected)];
    return r !== undefined && e !== undefined ? `expected ${e}, got ${r}` : `your answer is not the expected value (${what}; see below)`;
  };
}

function bound(words: string): Rewrite {
  return (received, expected) => `expected ${words} ${inline(expected) ?? expected}, got ${inline(received) ?? 'a value that is not'}`;
}

/** The library's sentences, most specific first: [pattern of what follows "expected X ", rewrite]. */
const SENTENCES: Array<[RegExp, Rewrite]> = [
  [/^to be (.+) \/\/ Object\.is equality$/, compared('compared with Object.is')],
  [/^to (?:deeply|strictly) equal (.+)$/, compared('compared in depth')],
  [/^to equal (.+)$/, compared('compared in depth')],
  [/^not to (?:be|deeply equal|strictly equal|equal) (.+?)(?: \/\/ Object\.is equality)?$/, (_r, e) => `expected anything but ${inline(e) ?? 'that value'}`],
  [/^to be greater than or equal to (.+)$/, bound('at least')],
  [/^to be less than or equal to (.+)$/, bound('at most')],
  [/^to be greater than (.+)$/, bound('more than')],
  [/^to be less than (.+)$/, bound('less than')],
  [/^to have a length of (.+) but got (.+)$/, (_r, e, got) => `expected a length of ${e}, got ${got}`],
  [/^to (?:include|contain) (.+)$/, (r, e) => `expected ${inline(r) ?? 'your answer'} to include ${inline(e) ?? 'the value below'}`],
  [/^to be truthy$/, (r) => `expected a truthy value, got ${inline(r) ?? 'a falsy one'}`],
  [/^to be falsy$/, (r) => `expected a falsy value, got ${inline(r) ?? 'a truthy one'}`],
  [/^to be defined$/, () => 'expected a value, got undefined'],
  [/^to be undefined$/, (r) => `expected undefined, got ${inline(r) ?? 'a value'}`],
  [/^to be null$/, (r) => `expected null, got ${inline(r) ?? 'a value'}`],
  [/^to throw/, () => 'expected the code to throw an error, but it did not'],
];

/** Rewrites the first "expected <value> <sentence>" line of an assertion message, if it knows the sentence. */
export function inLearnerWords(message: string): string {
  const lines = message.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const rewritten = rewriteLine(lines[i]);
    if (rewritten !== undefined) {
      lines[i] = rewritten;
      return lines.join('\n');
    }
  }
  return message;
}

function rewriteLine(line: string): string | undefined {
  // Where the library's sentence starts: at the line's start, or after the check's own "text: ".
  const start = line.startsWith('expected ') ? 0 : line.lastIndexOf(': expected ') + 2;
  if (start === 1) return undefined;
  const prefix = line.slice(0, start);
  const sentence = line.slice(start + 'expected '.length);
  // The received value comes first and may itself contain " to ": try each place the sentence
  // could start, from the left, and take the first that a known sentence reads.
  for (let at = 0; at < sentence.length; at++) {
    const negated = sentence.startsWith(' not to ', at);
    if (!negated && (!sentence.startsWith(' to ', at) || sentence.slice(0, at).endsWith(' not'))) continue;
    const received = sentence.slice(0, at);
    const rest = sentence.slice(at + 1);
    for (const [pattern, rewrite] of SENTENCES) {
      const match = pattern.exec(rest);
      if (match) return `${prefix}${rewrite(received, match[1] ?? '', match[2] ?? '')}.`;
    }
  }
  return undefined;
}

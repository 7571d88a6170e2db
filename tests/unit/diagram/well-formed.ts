/**
 * A strict, small XML well-formedness check for the SVG strings the renderers build (Node has no
 * DOMParser): tags nest and close, attributes are quoted and unique, every & starts an entity,
 * and there is one root element. Returns the problems found, so a failure says what is wrong.
 */
const NAME = '[A-Za-z_][\\w:.-]*';
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const COMMENT = /<!--[^]*?-->/y;
const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (BAD_AMP.test(text)) problems.push(`unescaped & in text near "${text.slice(0, 40)}"`);
    if (stack.length === 0 && text.trim()) problems.push(`text outside the root: "${text.trim().slice(0, 40)}"`);
    if (lt === -1) break;
    COMMENT.lastIndex = lt;
    if (COMMENT.test(xml)) {
      i = COMMENT.lastIndex;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(xml);
    if (!m) {
      problems.push(`malformed tag at ${lt}: "${xml.slice(lt, lt + 40)}"`);
      break;
    }
    const [, closing, name, attrs, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      if (stack.length === 0) roots++;
      const seen = new Set<string>();
      for (const a of attrs.matchAll(ATTR)) {
        if (seen.has(a[1])) problems.push(`<${name}> repeats attribute ${a[1]}`);
        seen.add(a[1]);
        if (BAD_AMP.test(a[2] ?? a[3] ?? '')) problems.push(`unescaped & in ${name}@${a[1]}`);
      }
      if (!selfClosing) stack.push(name);
    }
    i = TAG.lastIndex;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

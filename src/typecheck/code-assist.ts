/**
 * What the editor asks of TypeScript while the learner types: completions at the cursor, the type
 * of what is under the pointer, and the signature of the call being written. Answers are plain
 * data (they cross a worker boundary), with positions as UTF-16 offsets into the learner's code,
 * the same offsets the editor uses. Pure: the worker and the tests give it the service.
 */
import type * as TS from 'typescript';
import { LEARNER_PATH, type LearnerService } from './type-checker.ts';

export interface CompletionItem {
  name: string;
  /** TypeScript's kind: 'method', 'property', 'class', 'keyword', ... */
  kind: string;
  /** The declaration as TypeScript prints it, e.g. "(method) RDD<Row>.keyBy<K>(f: ...): RDD<[K, Row]>". */
  detail?: string;
  doc?: string;
  /** TypeScript's ranking: lower first (locals before globals). */
  sortText: string;
}

export interface Completions {
  /** True after `x.`: the entries are the members of x's type. */
  isMember: boolean;
  items: CompletionItem[];
}

export interface QuickInfo {
  /** The span the answer is about (the identifier under the pointer). */
  from: number;
  to: number;
  display: string;
  doc: string;
}

export interface SignatureParameter {
  /** Where the parameter sits in the signature's label (offsets into `label`). */
  from: number;
  to: number;
  doc: string;
}

export interface Signature {
  label: string;
  doc: string;
  parameters: SignatureParameter[];
}

export interface SignatureHelp {
  signatures: Signature[];
  activeSignature: number;
  activeParameter: number;
}

export interface CodeAssist {
  completions(code: string, pos: number): Completions;
  quickInfo(code: string, pos: number): QuickInfo | null;
  signatureHelp(code: string, pos: number): SignatureHelp | null;
}

/** Member lists are short; a global list runs to a thousand names, too many to describe each. */
const MAX_DESCRIBED = 80;

export function createCodeAssist(ts: typeof TS, { service, setCode }: LearnerService): CodeAssist {
  const text = (parts: readonly TS.SymbolDisplayPart[] | undefined) => ts.displayPartsToString(parts ? [...parts] : undefined);
  const docOf = (doc: readonly TS.SymbolDisplayPart[] | undefined, tags?: readonly TS.JSDocTagInfo[]) =>
    [text(doc), ...(tags ?? []).filter((tag) => tag.name === 'example' || tag.name === 'returns').map((tag) => `@${tag.name} ${text(tag.text)}`)]
      .filter(Boolean)
      .join('\n');

  return {
    completions(code, pos) {
      setCode(code);
      const found = service.getCompletionsAtPosition(LEARNER_PATH, pos, { includeCompletionsWithInsertText: false });
      if (!found) return { isMember: false, items: [] };
      const describe = found.entries.length <= MAX_DESCRIBED;
      const items = found.entries.map((entry): CompletionItem => {
        const item: CompletionItem = { name: entry.name, kind: entry.kind, sortText: entry.sortText };
        if (!describe) return item;
        const details = service.getCompletionEntryDetails(LEARNER_PATH, pos, entry.name, undefined, entry.source, undefined, entry.data);
        if (details) {
          item.detail = text(details.displayParts);
          const doc = docOf(details.documentation, details.tags);
          if (doc) item.doc = doc;
        }
        return item;
      });
      return { isMember: found.isMemberCompletion, items };
    },

    quickInfo(code, pos) {
      setCode(code);
      const info = service.getQuickInfoAtPosition(LEARNER_PATH, pos);
      if (!info) return null;
      return {
        from: info.textSpan.start,
        to: info.textSpan.start + info.textSpan.length,
        display: text(info.displayParts),
        doc: docOf(info.documentation, info.tags),
      };
    },

    signatureHelp(code, pos) {
      setCode(code);
      const help = service.getSignatureHelpItems(LEARNER_PATH, pos, undefined);
      if (!help || help.items.length === 0) return null;
      const signatures = help.items.map((item): Signature => {
        let label = text(item.prefixDisplayParts);
        const separator = text(item.separatorDisplayParts);
        const parameters = item.parameters.map((parameter, index): SignatureParameter => {
          if (index > 0) label += separator;
          const from = label.length;
          label += text(parameter.displayParts);
          return { from, to: label.length, doc: text(parameter.documentation) };
        });
        label += text(item.suffixDisplayParts);
        return { label, doc: docOf(item.documentation, item.tags), parameters };
      });
      return { signatures, activeSignature: help.selectedItemIndex, activeParameter: help.argumentIndex };
    },
  };
}

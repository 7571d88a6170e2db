/**
 * The little Markdown that hints use: `code`, **bold** and *emphasis*, HTML-escaped first
 * so a hint can never inject markup.
 */
import { escapeXml } from './diagram/format.ts';

export function inlineMarkdown(text: string): string {
  return escapeXml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
}

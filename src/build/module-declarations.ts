/**
 * A Vite plugin that serves the editor's types: `virtual:sai-declarations` is a map from each
 * registered module's name to a loader of its generated declarations (one chunk per module, so a
 * page only fetches the types of the modules its exercises use).
 */
import type { Plugin } from 'vite';
import { moduleDeclarations } from '../modules/declarations.ts';
import { MODULES } from '../modules/registry.ts';

const INDEX = 'virtual:sai-declarations';
const ONE = `${INDEX}/`;

export function moduleDeclarationsPlugin(): Plugin {
  return {
    name: 'sai:module-declarations',
    resolveId(id) {
      return id === INDEX || id.startsWith(ONE) ? `\0${id}` : null;
    },
    load(id) {
      if (id === `\0${INDEX}`) {
        const loaders = MODULES.map((m) => `${JSON.stringify(m.name)}: () => import(${JSON.stringify(ONE + m.name)})`);
        return `export default { ${loaders.join(', ')} };`;
      }
      if (id.startsWith(`\0${ONE}`)) return `export default ${JSON.stringify(moduleDeclarations(id.slice(ONE.length + 1)))};`;
      return null;
    },
  };
}

/** TypeScript's standard library declarations as the browser's type checker gets them (file name to text). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '../../..');

export function libs(): Record<string, string> {
  const dir = join(root, 'node_modules/typescript/lib');
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) if (/^lib\.(es5|es20\d\d(\.[a-z.]+)?|decorators(\.legacy)?)\.d\.ts$/.test(name)) out[name] = readFileSync(join(dir, name), 'utf8');
  return out;
}

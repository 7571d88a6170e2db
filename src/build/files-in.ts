/** Every file under a folder, at any depth, whose name ends with `ext` (e.g. '.html'), as full paths. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const filesIn = (dir: string, ext: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesIn(join(dir, entry.name), ext) : entry.name.endsWith(ext) ? [join(dir, entry.name)] : [],
  );

/** The directory of dnsctl's own package.json (source tree, built tree or installed package alike). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`dnsctl's package root not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

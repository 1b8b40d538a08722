/** Files a browser proof leaves for the user (`--artifacts DIR`): screenshots and proof-of-concept pages. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface Artifacts {
  readonly dir: string;
  /** Writes the file and returns its absolute path. */
  save(name: string, data: string | Buffer): Promise<string>;
  /** A file name for a proof of `rule` about `url`: `clickjacking-1-transfer`, without extension. */
  name(rule: string, url: string): string;
}

export async function openArtifacts(dir: string): Promise<Artifacts> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true });
  let n = 0;
  return {
    dir: root,
    async save(name, data) {
      const path = join(root, name);
      await writeFile(path, data);
      return path;
    },
    name(rule, url) {
      n++;
      const slug =
        new URL(url).pathname
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 40) || 'index';
      return `${rule}-${n}-${slug}`;
    },
  };
}

import { relative } from 'node:path';

/** A corpus file's path as an editor would type it from the project folder; absolute when outside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

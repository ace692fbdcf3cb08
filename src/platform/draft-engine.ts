import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpusFiles, type CorpusFiles } from '../content/corpus-files.js';
import type { CorpusBuild, CorpusBuildResult } from './corpus-build.js';

/** Builds an engine for a draft's files, as the service builds a published version (never served). */
export type DraftEngineBuilder = (files: CorpusFiles) => Promise<CorpusBuildResult>;

/**
 * A draft's engine for the test pane and the impact preview: the files written to a temporary folder
 * and built with the service's own build (so an answer-only draft reuses the served model, and a new
 * phrasing is trained in a child process). The last one is kept: an editor asks several questions.
 */
export function draftEngineBuilder(build: CorpusBuild): DraftEngineBuilder {
  let last: { readonly key: string; readonly result: Promise<CorpusBuildResult> } | undefined;
  return (files) => {
    const key = JSON.stringify(files);
    if (last?.key === key) return last.result;
    const result = (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'faq-draft-engine-'));
      try {
        writeCorpusFiles(files, dir);
        return await build(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    last = { key, result };
    return result;
  };
}

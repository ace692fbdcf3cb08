import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The content modules it needs, not the content barrel (which brings the page importer and its HTML parser).
import type { ContentStore } from '../content/content-store.js';
import { readCorpusFiles, replaceCorpusFolder } from '../content/corpus-files.js';
import type { Logger } from '../logging/index.js';
import type { CorpusReloader } from './corpus-reloader.js';

export interface StoreFollowerOptions {
  /** The content store, once it is open. */
  readonly store: Promise<ContentStore>;
  readonly reloader: CorpusReloader;
  /** The folder that seeds an empty store (faq-data/). */
  readonly seedDir: string;
  /** How often the store is asked for a newer version, in ms. */
  readonly pollMs: number;
  readonly logger: Logger;
}

export interface StoreFollower {
  /** A newer version may exist (a NOTIFY, or this instance published): check now. */
  poke(): void;
  /** The store version being served, when one is. */
  served(): number | undefined;
  close(): Promise<void>;
}

/**
 * Keeps this instance serving the newest published version: seeds an empty store from faq-data/,
 * then on every poke (LISTEN/NOTIFY, a local publish) and every poll writes a newer version to the
 * served folder and reloads from it. The reload validates and builds off the request path, so the old
 * version answers until the new one is ready; a version that does not build is logged and skipped, and
 * the store being unreachable only delays following.
 */
export function followStore(options: StoreFollowerOptions): StoreFollower {
  const { logger, reloader } = options;
  // This process's own folder: instances on one machine never write into each other's.
  const servedDir = join(mkdtempSync(join(tmpdir(), 'faq-published-')), 'corpus');
  let served: number | undefined;
  let skipped: number | undefined;
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let storeFailing = false;

  const check = async (store: ContentStore) => {
    if ((await store.latestNumber()) === undefined) {
      const files = readCorpusFiles(options.seedDir);
      if (files.ok && (await store.seedIfEmpty(files.files, 'faq-data'))) {
        logger.info({ event: 'corpus-store-seeded', dir: options.seedDir }, 'the content store was empty: seeded version 1 from faq-data/');
      }
    }
    const latest = await store.latestNumber();
    if (latest === undefined || latest === served || latest === skipped || closed) return;
    const version = await store.version(latest);
    if (version === undefined || closed) return;
    replaceCorpusFolder(version.files, servedDir);
    const outcome = await reloader.reloadFrom(servedDir, 'publish');
    if (outcome.result === 'failure') {
      skipped = latest;
      logger.error({ event: 'corpus-version-rejected', version: latest, served }, 'a published version does not build here; still serving the last good corpus');
      return;
    }
    served = latest;
    logger.info({ event: 'corpus-version-served', version: latest, hash: version.hash, result: outcome.result }, 'serving published version');
  };

  const tick = (store: ContentStore) => {
    if (closed) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    running = check(store)
      .then(() => {
        if (storeFailing) logger.info({ event: 'corpus-store-recovered' }, 'the content store answers again');
        storeFailing = false;
      })
      .catch((err: unknown) => {
        if (!storeFailing) logger.warn({ err, event: 'corpus-store-unreachable' }, 'cannot read the content store: serving the corpus held until it answers');
        storeFailing = true;
      })
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick(store);
        }
      });
  };

  let ready: ContentStore | undefined;
  void options.store.then(async (store) => {
    if (closed) return;
    ready = store;
    tick(store);
    timer = setInterval(() => tick(store), options.pollMs);
    timer.unref();
  });

  return {
    poke: () => {
      if (ready !== undefined) tick(ready);
    },
    served: () => served,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
      rmSync(join(servedDir, '..'), { recursive: true, force: true });
    },
  };
}

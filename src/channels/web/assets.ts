import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

export interface StaticAsset {
  readonly contentType: string;
  readonly body: Buffer;
  /**
   * The body gzipped, compressed in libuv's thread pool while the service starts (the Web Chat bundle
   * took 0.1–0.2 s of the main thread when compressed synchronously); undefined if compressing failed.
   */
  readonly gzipped: Promise<Buffer | undefined>;
  readonly etag: string;
  readonly cacheControl: string;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** Our own browser files, by URL path. A fixed list: nothing else in the folder is reachable. */
const OWN_FILES = [
  { path: '/webchat/chat.js', file: 'chat.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/webchat/chat.css', file: 'chat.css', contentType: 'text/css; charset=utf-8' },
  { path: '/webchat/embed.js', file: 'embed.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/webchat/favicon.svg', file: 'favicon.svg', contentType: 'image/svg+xml' },
] as const;

export const WEBCHAT_BUNDLE_PATH = '/webchat/webchat.js';
export type AssetPath = (typeof OWN_FILES)[number]['path'] | typeof WEBCHAT_BUNDLE_PATH;
export const ASSET_PATHS: readonly AssetPath[] = [...OWN_FILES.map((f) => f.path), WEBCHAT_BUNDLE_PATH];

/**
 * The official Web Chat bundle: only dist/webchat.js (the full build, with Adaptive Cards), never the
 * dist folder, which also holds a 147 MB stats.json.
 */
export function defaultWebChatBundlePath(): string {
  const main = createRequire(import.meta.url).resolve('botframework-webchat');
  return join(dirname(main), '..', 'dist', 'webchat.js');
}

function asset(body: Buffer, contentType: string, cacheControl: string): StaticAsset {
  return {
    contentType,
    body,
    gzipped: gzipAsync(body).catch(() => undefined),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    cacheControl,
  };
}

/** Reads every file once, at registration, so a missing file fails start-up, not a visitor; compresses each once, off the main thread. */
export function loadAssets(webChatBundlePath: string): ReadonlyMap<AssetPath, StaticAsset> {
  const assets = new Map<AssetPath, StaticAsset>();
  for (const { path, file, contentType } of OWN_FILES) {
    assets.set(path, asset(readFileSync(join(PUBLIC_DIR, file)), contentType, 'no-cache'));
  }
  assets.set(WEBCHAT_BUNDLE_PATH, asset(readFileSync(webChatBundlePath), 'text/javascript; charset=utf-8', 'public, max-age=86400'));
  return assets;
}

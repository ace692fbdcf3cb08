import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaffAsset {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly etag: string;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** The URL of chart.js on this server: the library's own UMD build from node_modules, no CDN. */
export const CHART_JS_PATH = '/staff/assets/chart.umd.min.js';

/** chart.js's browser build (dist/chart.umd.min.js), found through the package's own entry point. */
export function chartJsFile(): string {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return join(dirname(entry), 'chart.umd.min.js');
}

const OWN = [
  { path: '/staff/assets/staff.css', file: 'staff.css', contentType: 'text/css; charset=utf-8' },
  { path: '/staff/assets/console.js', file: 'console.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/staff/assets/review.js', file: 'review.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/staff/assets/stats.js', file: 'stats.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/staff/assets/official-page.js', file: 'official-page.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/staff/assets/editor.js', file: 'editor.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/staff/assets/draft.js', file: 'draft.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/staff/assets/swedish.js', file: 'swedish.js', contentType: 'text/javascript; charset=utf-8' },
  { path: '/staff/assets/versions.js', file: 'versions.js', contentType: 'text/javascript; charset=utf-8' },
] as const;

/** Reads every file once, at registration, so a missing one fails start-up rather than a page. */
export function loadStaffAssets(): StaffAsset[] {
  const make = (path: string, body: Buffer, contentType: string): StaffAsset => ({
    path,
    contentType,
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  });
  return [...OWN.map((f) => make(f.path, readFileSync(join(PUBLIC_DIR, f.file)), f.contentType)), make(CHART_JS_PATH, readFileSync(chartJsFile()), 'text/javascript; charset=utf-8')];
}

/**
 * Builds the Teams app package: `npm run teams:package [-- --bot-id <guid>] [-- --write-icons]`.
 * Takes the bot id from --bot-id or MicrosoftAppId, puts it into the committed manifest (whose all-zero
 * bot id is only a placeholder), validates the result offline against the schema bundled with
 * @microsoft/app-manifest, checks the icons, and writes appPackage/build/teams-app.zip.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';

export const APP_PACKAGE_DIR = fileURLToPath(new URL('../appPackage/', import.meta.url));
export const MANIFEST_PATH = join(APP_PACKAGE_DIR, 'manifest.json');
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
export const ICONS = Object.freeze({ color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } });
const GUID = /^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** The manifest schema of this version, read from the package's bundled copy: never from the network. */
export function bundledTeamsSchema(manifestVersion: string): object {
  const pkgMain = createRequire(import.meta.url).resolve('@microsoft/app-manifest');
  const file = join(dirname(pkgMain), 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file} is not a JSON schema`);
  return parsed;
}

/** Schema errors of a manifest (empty when it is valid), validated offline. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const version = manifest['manifestVersion'];
  if (typeof version !== 'string') return ['manifestVersion is missing; set it to "1.17"'];
  const schema = bundledTeamsSchema(version);
  // The library types manifests and schemas per version; the JSON read here is checked by the schema itself.
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]);
}

/** Width and height from a PNG's IHDR chunk; undefined when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number; colorType: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes.readUInt8(25) };
}

/** The manifest with the real bot id in every place Teams needs it. */
export function withBotId(manifest: Record<string, unknown>, botId: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(manifest).replaceAll(PLACEHOLDER_BOT_ID, botId)) as Record<string, unknown>;
}

// ---- icons: drawn here so they can be regenerated without an image editor ----

type Rgba = readonly [number, number, number, number];

function encodePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      raw.writeUInt32BE(((r << 24) | (g << 16) | (b << 8) | a) >>> 0, row + 1 + x * 4);
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A speech bubble in a unit square: rounded body plus a tail at the lower left. */
function inBubble(u: number, v: number, inset = 0): boolean {
  const [x0, y0, x1, y1, r] = [0.18 + inset, 0.22 + inset, 0.82 - inset, 0.66 - inset, 0.1];
  const cx = Math.min(Math.max(u, x0 + r), x1 - r);
  const cy = Math.min(Math.max(v, y0 + r), y1 - r);
  const body = u >= x0 && u <= x1 && v >= y0 && v <= y1 && (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
  const tail = inset === 0 && v > y1 - 0.01 && v < 0.82 && u > 0.3 && u < 0.3 + (0.82 - v) * 0.9 && u < 0.46;
  return body || tail;
}

export function drawIcons(): { color: Buffer; outline: Buffer } {
  const blue: Rgba = [0x00, 0x55, 0x8c, 255];
  const white: Rgba = [255, 255, 255, 255];
  const clear: Rgba = [255, 255, 255, 0];
  const color = encodePng(ICONS.color.size, (x, y) => (inBubble((x + 0.5) / 192, (y + 0.5) / 192) ? white : blue));
  // Outline: white on transparent, as Teams requires; a ring around the bubble's body plus its tail.
  const outline = encodePng(ICONS.outline.size, (x, y) => {
    const [u, v] = [(x + 0.5) / 32, (y + 0.5) / 32];
    return inBubble(u, v) && !inBubble(u, v, 0.07) ? white : clear;
  });
  return { color, outline };
}

// ---- the command ----

function argValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

export async function buildPackage(botId: string, outFile: string): Promise<string[]> {
  if (!GUID.test(botId) || botId === PLACEHOLDER_BOT_ID) {
    return [`The bot id "${botId}" is not a GUID. Pass the bot's Microsoft App ID: --bot-id <guid> or MicrosoftAppId=<guid>.`];
  }
  const parsed: unknown = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [`${MANIFEST_PATH} is not a JSON object.`];
  const manifest = withBotId({ ...parsed }, botId);
  const problems = (await validateManifest(manifest)).map((e) => `manifest.json: ${e}`);
  const zip = new AdmZip();
  for (const { file, size } of Object.values(ICONS)) {
    const bytes = readFileSync(join(APP_PACKAGE_DIR, file));
    const found = pngSize(bytes);
    if (found === undefined || found.width !== size || found.height !== size) {
      problems.push(`${file} must be a ${size}×${size} PNG; regenerate it with "npm run teams:package -- --write-icons".`);
    }
    zip.addFile(file, bytes);
  }
  if (problems.length > 0) return problems;
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  mkdirSync(dirname(outFile), { recursive: true });
  zip.writeZip(outFile);
  return [];
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--write-icons')) {
    const { color, outline } = drawIcons();
    writeFileSync(join(APP_PACKAGE_DIR, ICONS.color.file), color);
    writeFileSync(join(APP_PACKAGE_DIR, ICONS.outline.file), outline);
    process.stdout.write(`Wrote ${ICONS.color.file} and ${ICONS.outline.file} in appPackage/.\n`);
    return 0;
  }
  const botId = argValue(args, '--bot-id') ?? process.env['MicrosoftAppId'] ?? '';
  const outFile = join(APP_PACKAGE_DIR, 'build', 'teams-app.zip');
  const problems = await buildPackage(botId.trim(), outFile);
  if (problems.length > 0) {
    process.stderr.write(`The Teams package was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`Built ${outFile} for bot ${botId}. Upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
    process.stderr.write(`teams:package failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

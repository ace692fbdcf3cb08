import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { APP_PACKAGE_DIR, buildPackage, ICONS, MANIFEST_PATH, PLACEHOLDER_BOT_ID, pngSize, validateManifest, withBotId } from '../../scripts/teams-package.js';

const manifestSchema = z.looseObject({
  manifestVersion: z.string(),
  bots: z.array(z.object({ botId: z.string(), scopes: z.array(z.string()) })),
  composeExtensions: z.array(z.object({ botId: z.string(), commands: z.array(z.looseObject({ id: z.string(), type: z.string(), parameters: z.array(z.looseObject({ name: z.string() })) })) })),
});
const raw: unknown = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
const committed = manifestSchema.parse(raw);
const botId = '3f1c2b4a-1111-4222-8333-944455556666';
const tmp = mkdtempSync(join(tmpdir(), 'teams-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every pixel of an 8-bit RGBA PNG written without row filters (as scripts/teams-package.ts writes them). */
function rgbaPixels(bytes: Buffer, size: number): number[][] {
  const chunks: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const pixels: number[][] = [];
  for (let y = 0; y < size; y += 1) {
    const row = y * (size * 4 + 1);
    expect(raw[row], 'row filter').toBe(0);
    for (let x = 0; x < size; x += 1) pixels.push([...raw.subarray(row + 1 + x * 4, row + 5 + x * 4)]);
  }
  return pixels;
}

describe('Teams app package', () => {
  test('when the committed manifest is validated offline against its bundled schema returns no errors', async () => {
    expect(committed.manifestVersion).toBe('1.17');
    expect(await validateManifest(committed)).toEqual([]);
  });

  test('when the bot id is filled in the manifest still validates and the id is used everywhere', async () => {
    const filled = manifestSchema.parse(withBotId(committed, botId));
    expect(await validateManifest(filled)).toEqual([]);
    expect(JSON.stringify(filled)).not.toContain(PLACEHOLDER_BOT_ID);
    expect(filled.bots[0]?.botId).toBe(botId);
    expect(filled.composeExtensions[0]?.botId).toBe(botId);
  });

  test('when a manifest is broken the validator reports it (the check is not vacuous)', async () => {
    expect(await validateManifest({ ...committed, id: 'not-a-guid', accentColor: undefined })).not.toEqual([]);
  });

  test('the bot serves personal, team and group chats and the message extension searches with a query parameter', () => {
    expect(committed.bots[0]?.scopes).toEqual(['personal', 'team', 'groupChat']);
    const command = committed.composeExtensions[0]?.commands[0];
    expect(command).toMatchObject({ id: 'searchFaq', type: 'query' });
    expect(command?.parameters.map((p) => p.name)).toEqual(['query']);
  });

  test.each(Object.values(ICONS))('$file is a $size×$size RGBA PNG', ({ file, size }) => {
    expect(pngSize(readFileSync(join(APP_PACKAGE_DIR, file)))).toEqual({ width: size, height: size, colorType: 6 });
  });

  test('the outline icon is white on transparent and draws something', () => {
    const pixels = rgbaPixels(readFileSync(join(APP_PACKAGE_DIR, ICONS.outline.file)), ICONS.outline.size);
    const visible = pixels.filter(([, , , a]) => a !== 0);
    expect(visible.length).toBeGreaterThan(50);
    expect(visible.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
  });

  test('when built with a bot id writes a zip with the filled manifest and both icons', async () => {
    const out = join(tmp, 'teams-app.zip');
    expect(await buildPackage(botId, out)).toEqual([]);
    const zip = new AdmZip(out);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(zip.readAsText('manifest.json')).toContain(botId);
  });

  test('when the bot id is missing or the placeholder refuses to build', async () => {
    expect(await buildPackage('', join(tmp, 'none.zip'))).toEqual([expect.stringContaining('--bot-id')]);
    expect(await buildPackage(PLACEHOLDER_BOT_ID, join(tmp, 'none.zip'))).toHaveLength(1);
  });
});

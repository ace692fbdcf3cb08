/**
 * Builds the Teams app package for one incident's corpus:
 * `npm run teams:package -- [--corpus DIR] [--bot-id <guid>] [--app-id <guid>] [--version X.Y.Z] [--print] [--write-icons]`.
 * Loads the corpus (`--corpus DIR`, else FAQ_DATA_DIR, else faq-data/, like every script) with the
 * service's loader, fills the committed template appPackage/manifest.json from it (publisher, links,
 * names, descriptions and the bot's commands; see docs/web-and-teams.md), puts in the bot id (--bot-id
 * or MicrosoftAppId; the template's all-zero id is only a placeholder), validates the result offline
 * against the schema bundled with @microsoft/app-manifest, checks the icons, and writes
 * appPackage/build/teams-app.zip. `--print` writes the filled manifest to stdout instead of a zip.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { z } from 'zod';
import { createFaqEngine, displayPath, loadCorpus, type Corpus } from '../src/core/index.js';
import { capitalized, createI18n, identityOf, type Identity } from '../src/i18n/index.js';
import { FAQ_DATA_DIR, takeCorpusDir } from './lib.js';

export const APP_PACKAGE_DIR = fileURLToPath(new URL('../appPackage/', import.meta.url));
const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));
export const MANIFEST_PATH = join(APP_PACKAGE_DIR, 'manifest.json');
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
export const ICONS = Object.freeze({ color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } });
/** A manifest version as Teams takes it: three numbers. */
const SEMVER = /^(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})$/;
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

// ---- the manifest, filled in from the corpus ----

/** Teams' limits (manifest schema 1.17) on the texts filled in from the corpus, in characters. */
export const TEAMS_LIMITS = Object.freeze({
  developerName: 32,
  nameShort: 30,
  nameFull: 100,
  descriptionShort: 80,
  descriptionFull: 4000,
  commandTitle: 32,
  commandDescription: 128,
  commandsPerList: 10,
});

/** The parts of the template the corpus fills in; the rest is copied as it is written. */
const templateSchema = z.looseObject({
  id: z.string(),
  developer: z.looseObject({ name: z.string() }),
  name: z.looseObject({ short: z.string(), full: z.string() }),
  description: z.looseObject({ short: z.string(), full: z.string() }),
  bots: z.array(z.looseObject({ commandLists: z.array(z.looseObject({ commands: z.array(z.unknown()) })).optional() })),
  composeExtensions: z.array(z.looseObject({ commands: z.array(z.looseObject({ description: z.string().optional() })) })).optional(),
});

/**
 * The text cut at a word boundary to at most `max` characters, ending in "…"; the text itself when it
 * fits. A single word longer than `max` is cut inside the word.
 */
export function shortened(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = chars.slice(0, max - 1).join('');
  const endsAtWord = /\s/u.test(chars[max - 1] ?? '');
  const lastSpace = head.search(/\s\S*$/u);
  const kept = endsAtWord || lastSpace <= 0 ? head : head.slice(0, lastSpace);
  return `${kept.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** `{{organisation}}`, `{{organisationPossessive}}` and `{{topic}}` in every text of the template. */
function fillPlaceholders(value: unknown, identity: Identity, unknownNames: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{\s*(\w+)\s*\}\}/gu, (whole, name: string) => {
      if (name === 'organisation' || name === 'organisationPossessive' || name === 'topic') return identity[name];
      unknownNames.add(whole);
      return whole;
    });
  }
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, identity, unknownNames));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, identity, unknownNames)]));
  }
  return value;
}

/**
 * The value with every object's keys in the order the template writes them (new keys after), so the
 * filled manifest reads like the committed one.
 */
function inOrderOf(value: Record<string, unknown>, model: unknown): Record<string, unknown>;
function inOrderOf(value: unknown, model: unknown): unknown;
function inOrderOf(value: unknown, model: unknown): unknown {
  if (Array.isArray(value)) return value.map((v, i) => inOrderOf(v, Array.isArray(model) ? (model[i] ?? model[0]) : undefined));
  if (typeof value !== 'object' || value === null) return value;
  const modelObject: Record<string, unknown> = typeof model === 'object' && model !== null && !Array.isArray(model) ? { ...model } : {};
  const keys = [...Object.keys(modelObject).filter((k) => k in value), ...Object.keys(value).filter((k) => !(k in modelObject))];
  const entries = Object.fromEntries(Object.entries(value));
  return Object.fromEntries(keys.map((k) => [k, inOrderOf(entries[k], modelObject[k])]));
}


interface Command {
  readonly title: string;
  readonly description: string;
}

/**
 * The bot's commands: the questions the welcome offers (welcome.yaml `starters`, or the loader's default
 * when the corpus names none: the same list the bot greets with), in Swedish. Teams sends a command's
 * title as the message, so a question longer than a title may be is shortened at a word boundary ("…")
 * and offered only when the bot answers the shortened text with that entry; otherwise it is left out
 * (the welcome's buttons still offer it).
 */
function commandsFor(corpus: Corpus, note: (message: string) => void): Command[] {
  const engine = createFaqEngine(corpus);
  const commands: Command[] = [];
  for (const id of corpus.welcome.starters) {
    const entry = engine.entry(id);
    if (entry === undefined) continue;
    const question = entry.question.sv;
    const title = shortened(question, TEAMS_LIMITS.commandTitle);
    const decision = engine.ask(title, { lang: 'sv', audience: 'staff' });
    if (decision.kind !== 'answer' || decision.entry.id !== id) {
      note(
        title === question
          ? `entry "${id}" is not offered as a command: Teams sends a command's title as the message, and the bot does not answer its question "${question}" with this entry (add phrasings, or check it with npm run faq:check). The welcome's buttons still offer it.`
          : `entry "${id}" is not offered as a command: its question "${question}" is longer than the ${TEAMS_LIMITS.commandTitle} characters Teams allows, and the bot does not answer the shortened "${title}" with this entry. The welcome's buttons still offer it; a question of at most ${TEAMS_LIMITS.commandTitle} characters would be offered as it is.`,
      );
      continue;
    }
    if (title !== question) note(`entry "${id}": command shortened to "${title}" (Teams allows ${TEAMS_LIMITS.commandTitle} characters); the bot answers it with this entry, and the command's description shows the whole question.`);
    commands.push({ title, description: title === question ? shortened(entry.category, TEAMS_LIMITS.commandDescription) : shortened(question, TEAMS_LIMITS.commandDescription) });
  }
  return commands.slice(0, TEAMS_LIMITS.commandsPerList);
}

/** An address from the corpus for one of the app's links: Teams takes only https://. */
function httpsLink(url: string, where: string, problems: string[]): string {
  if (!/^https:\/\//iu.test(url)) {
    problems.push(`${where} is "${url}": Teams accepts only https:// addresses for the app's links. Write the page's https:// address (the same page on https://), then build again.`);
  }
  return url;
}

export interface PackageOptions {
  /** The incident's corpus folder the app is for; faq-data/ when not given. */
  readonly corpusDir?: string;
  /** The app's id in place of the template's, so two incidents' apps can be installed side by side. */
  readonly appId?: string;
  /**
   * The app's version in place of the template's: Teams takes an upload of an installed app only with a
   * higher version, and the manifest changes with the corpus (names, commands).
   */
  readonly version?: string;
  /** Told whatever was filled in other than as written: a shortened text, a left-out command, a fallback link. */
  readonly note?: (message: string) => void;
}

/**
 * The manifest for the corpus, filled in from the committed template, with the bot id when one is
 * given (the placeholder otherwise) and validated offline; or every problem found.
 */
export async function packageManifest(
  botId: string | undefined,
  options: PackageOptions = {},
): Promise<{ ok: true; manifest: Record<string, unknown> } | { ok: false; problems: string[] }> {
  const note = options.note ?? (() => undefined);
  const problems: string[] = [];
  if (botId !== undefined && (!GUID.test(botId) || botId === PLACEHOLDER_BOT_ID)) {
    problems.push(`The bot id "${botId}" is not a GUID. Pass the bot's Microsoft App ID: --bot-id <guid> or MicrosoftAppId=<guid>.`);
  }
  if (options.appId !== undefined && (!GUID.test(options.appId) || options.appId === PLACEHOLDER_BOT_ID)) {
    problems.push(`The app id "${options.appId}" is not a GUID. Give --app-id a new GUID (e.g. from "node -e \\"console.log(crypto.randomUUID())\\""), or leave it out to keep the template's.`);
  }
  if (options.version !== undefined && !SEMVER.test(options.version)) {
    problems.push(`The version "${options.version}" is not three numbers such as 1.0.1. Give --version a version higher than the app installed in Teams.`);
  }
  if (problems.length > 0) return { ok: false, problems };

  const corpusDir = options.corpusDir ?? FAQ_DATA_DIR;
  const loaded = loadCorpus(corpusDir);
  if (!loaded.ok) return { ok: false, problems: loaded.problems.map((p) => p.message) };
  const { corpus } = loaded;
  const welcomeFile = displayPath(join(corpusDir, 'welcome.yaml'));
  const contactFile = displayPath(join(corpusDir, 'contact.yaml'));

  const i18n = await createI18n({ localesDir: LOCALES_DIR });
  const identity = identityOf(corpus.welcome, 'sv', i18n.translator('sv'));
  if (corpus.welcome.organisation === undefined) {
    note(`${welcomeFile}: no organisation, so the app names its publisher "${capitalized(identity.organisation)}". Write organisation: (sv: and en:) in welcome.yaml to name the municipality.`);
  }
  if (corpus.welcome.topic === undefined) {
    note(`${welcomeFile}: no topic, so the app's name says "${identity.topic}". Write topic: (sv: and en:) in welcome.yaml to name the incident.`);
  }

  const parsed: unknown = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
  const unknownNames = new Set<string>();
  const template = templateSchema.safeParse(fillPlaceholders(parsed, identity, unknownNames));
  if (!template.success) return { ok: false, problems: [`${MANIFEST_PATH} is not a Teams manifest template: ${z.prettifyError(template.error)}`] };
  if (unknownNames.size > 0) problems.push(`${MANIFEST_PATH}: unknown placeholders ${[...unknownNames].join(', ')}; the template may use {{organisation}}, {{organisationPossessive}} and {{topic}}.`);

  // Support: the page the contact center's details come from. Privacy: the municipality's page on
  // personal data (welcome.yaml links.privacy), else its home page. Terms of use: the corpus has none,
  // so the municipality's home page.
  const website = httpsLink(corpus.contact.source.url, `${contactFile}: source.url`, problems);
  const home = `${new URL(website).origin}/`;
  const privacyWritten = corpus.welcome.links?.privacy;
  const privacy = privacyWritten === undefined ? home : httpsLink(privacyWritten, `${welcomeFile}: links.privacy`, problems);
  if (privacyWritten === undefined) {
    note(`${welcomeFile}: no links.privacy, so the app's privacy link is the municipality's home page ${home}. Write links: privacy: with the page on how the municipality handles personal data.`);
  }

  if (problems.length > 0) return { ok: false, problems };

  const fit = (field: string, text: string, max: number) => {
    const short = shortened(text, max);
    if (short !== text) note(`${field}: shortened to ${max} characters for Teams: "${short}"`);
    return short;
  };
  const t = template.data;
  const commands = commandsFor(corpus, note);
  const manifest: Record<string, unknown> = {
    ...t,
    id: options.appId ?? t.id,
    ...(options.version === undefined ? {} : { version: options.version }),
    developer: {
      ...t.developer,
      name: fit('developer.name', capitalized(t.developer.name), TEAMS_LIMITS.developerName),
      websiteUrl: website,
      privacyUrl: privacy,
      termsOfUseUrl: home,
    },
    name: { ...t.name, short: fit('name.short', t.name.short, TEAMS_LIMITS.nameShort), full: fit('name.full', t.name.full, TEAMS_LIMITS.nameFull) },
    description: {
      ...t.description,
      short: fit('description.short', t.description.short, TEAMS_LIMITS.descriptionShort),
      full: fit('description.full', t.description.full, TEAMS_LIMITS.descriptionFull),
    },
    bots: t.bots.map(({ commandLists, ...bot }) => {
      const lists = (commandLists ?? []).map((list) => ({ ...list, commands }));
      return commands.length === 0 || lists.length === 0 ? bot : { ...bot, commandLists: lists };
    }),
    ...(t.composeExtensions === undefined
      ? {}
      : {
          composeExtensions: t.composeExtensions.map((ext) => ({
            ...ext,
            commands: ext.commands.map((c) => (c.description === undefined ? c : { ...c, description: fit('composeExtensions command description', c.description, TEAMS_LIMITS.commandDescription) })),
          })),
        }),
  };
  const filled = inOrderOf(botId === undefined ? manifest : withBotId(manifest, botId), parsed);
  const invalid = (await validateManifest(filled)).map((e) => `manifest.json: ${e}`);
  return invalid.length > 0 ? { ok: false, problems: invalid } : { ok: true, manifest: filled };
}

/** Builds the zip for the corpus (see {@link packageManifest}) at `outFile`; returns the problems, empty when built. */
export async function buildPackage(botId: string, outFile: string, options: PackageOptions = {}): Promise<string[]> {
  if (!GUID.test(botId) || botId === PLACEHOLDER_BOT_ID) {
    return [`The bot id "${botId}" is not a GUID. Pass the bot's Microsoft App ID: --bot-id <guid> or MicrosoftAppId=<guid>.`];
  }
  const filled = await packageManifest(botId, options);
  const problems = filled.ok ? [] : [...filled.problems];
  const zip = new AdmZip();
  for (const { file, size } of Object.values(ICONS)) {
    const bytes = readFileSync(join(APP_PACKAGE_DIR, file));
    const found = pngSize(bytes);
    if (found === undefined || found.width !== size || found.height !== size) {
      problems.push(`${file} must be a ${size}×${size} PNG; regenerate it with "npm run teams:package -- --write-icons".`);
    }
    zip.addFile(file, bytes);
  }
  if (!filled.ok || problems.length > 0) return problems;
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(filled.manifest, null, 2)}\n`));
  mkdirSync(dirname(outFile), { recursive: true });
  zip.writeZip(outFile);
  return [];
}

// ---- the command ----

function argValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

async function main(): Promise<number> {
  const corpusDir = takeCorpusDir();
  const args = process.argv.slice(2);
  if (args.includes('--write-icons')) {
    const { color, outline } = drawIcons();
    writeFileSync(join(APP_PACKAGE_DIR, ICONS.color.file), color);
    writeFileSync(join(APP_PACKAGE_DIR, ICONS.outline.file), outline);
    process.stdout.write(`Wrote ${ICONS.color.file} and ${ICONS.outline.file} in appPackage/.\n`);
    return 0;
  }
  const given = (argValue(args, '--bot-id') ?? process.env['MicrosoftAppId'] ?? '').trim();
  const appId = args.includes('--app-id') ? (argValue(args, '--app-id') ?? '').trim() : undefined;
  const version = args.includes('--version') ? (argValue(args, '--version') ?? '').trim() : undefined;
  const options: PackageOptions = { corpusDir, ...(appId === undefined ? {} : { appId }), ...(version === undefined ? {} : { version }), note: (m) => process.stderr.write(`note: ${m}\n`) };
  const refuse = (problems: readonly string[]) => {
    process.stderr.write(`The Teams package was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 1;
  };
  if (args.includes('--print')) {
    const filled = await packageManifest(given === '' ? undefined : given, options);
    if (!filled.ok) return refuse(filled.problems);
    process.stdout.write(`${JSON.stringify(filled.manifest, null, 2)}\n`);
    return 0;
  }
  const outFile = join(APP_PACKAGE_DIR, 'build', 'teams-app.zip');
  const problems = await buildPackage(given, outFile, options);
  if (problems.length > 0) return refuse(problems);
  process.stdout.write(`Built ${outFile} for bot ${given} from ${displayPath(corpusDir)}. Upload it in Teams (Apps → Manage your apps → Upload an app) or in the Teams admin center.\n`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then((code) => process.exit(code), (err: unknown) => {
    process.stderr.write(`teams:package failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

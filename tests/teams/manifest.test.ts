import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createFaqEngine, loadCorpus, MAX_TOPIC_CHARS, type Corpus } from '../../src/core/index.js';
import {
  APP_PACKAGE_DIR,
  buildPackage,
  ICONS,
  MANIFEST_PATH,
  packageManifest,
  PLACEHOLDER_BOT_ID,
  pngSize,
  shortened,
  TEAMS_LIMITS,
  validateManifest,
  withBotId,
} from '../../scripts/teams-package.js';

const manifestSchema = z.looseObject({
  manifestVersion: z.string(),
  bots: z.array(z.object({ botId: z.string(), scopes: z.array(z.string()) })),
  composeExtensions: z.array(z.object({ botId: z.string(), commands: z.array(z.looseObject({ id: z.string(), type: z.string(), parameters: z.array(z.looseObject({ name: z.string() })) })) })),
});
/** What the tests read of a built manifest. */
const builtSchema = z.looseObject({
  id: z.string(),
  developer: z.object({ name: z.string(), websiteUrl: z.string(), privacyUrl: z.string(), termsOfUseUrl: z.string() }),
  name: z.object({ short: z.string(), full: z.string() }),
  description: z.object({ short: z.string(), full: z.string() }),
  bots: z.array(z.looseObject({ botId: z.string(), commandLists: z.array(z.looseObject({ commands: z.array(z.object({ title: z.string(), description: z.string() })) })).optional() })),
  composeExtensions: z.array(z.looseObject({ botId: z.string() })),
});
type Built = z.infer<typeof builtSchema>;
const raw: unknown = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
const committed = manifestSchema.parse(raw);
const botId = '3f1c2b4a-1111-4222-8333-944455556666';
const tmp = mkdtempSync(join(tmpdir(), 'teams-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FAQ_DATA = fileURLToPath(new URL('../../faq-data', import.meta.url));
const incident = (name: string) => fileURLToPath(new URL(`../../eval/incidents/${name}/faq-data`, import.meta.url));

function loaded(dir: string): Corpus {
  const result = loadCorpus(dir);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.corpus;
}

/** Builds the corpus's package into the temp folder and reads its manifest back from the zip. */
async function builtFrom(corpusDir: string, options: { appId?: string; version?: string } = {}): Promise<{ built: Built; text: string; notes: string[] }> {
  const out = join(mkdtempSync(join(tmp, 'build-')), 'teams-app.zip');
  const notes: string[] = [];
  expect(await buildPackage(botId, out, { corpusDir, ...options, note: (m) => notes.push(m) })).toEqual([]);
  const text = new AdmZip(out).readAsText('manifest.json');
  return { built: builtSchema.parse(JSON.parse(text)), text, notes };
}

/**
 * The commands are the corpus's welcome questions, in order: each the Swedish question itself, or (too
 * long for a title) the question shortened at a word boundary with the whole question as description.
 */
function expectStarterCommands(built: Built, corpus: Corpus): Array<{ id: string; title: string }> {
  const commands = built.bots[0]?.commandLists?.[0]?.commands ?? [];
  const starters = corpus.welcome.starters.map((id) => ({ id, question: corpus.entries.find((e) => e.id === id)?.question.sv ?? '' }));
  const offered = commands.map(({ title, description }) => {
    const starter = starters.find((s) => s.question === title || (title.endsWith('…') && s.question.startsWith(title.slice(0, -1)) && description === s.question));
    expect(starter, `command "${title}" is a welcome question`).toBeDefined();
    expect([...title].length).toBeLessThanOrEqual(TEAMS_LIMITS.commandTitle);
    return { id: starter?.id ?? '', title };
  });
  const order = offered.map((o) => starters.findIndex((s) => s.id === o.id));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(offered.length).toBeGreaterThan(0);
  return offered;
}

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

  test('when built with a bot id writes a zip with the filled manifest and both icons', { timeout: 90_000 }, async () => {
    const out = join(tmp, 'teams-app.zip');
    expect(await buildPackage(botId, out)).toEqual([]);
    const zip = new AdmZip(out);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(zip.readAsText('manifest.json')).toContain(botId);
    // Without --corpus: faq-data/, whose welcome.yaml names Norrköping.
    const built = builtSchema.parse(JSON.parse(zip.readAsText('manifest.json')));
    expect(await validateManifest(built)).toEqual([]);
    expect(built.developer).toEqual({ name: 'Norrköpings kommun', websiteUrl: 'https://www.norrkoping.se/', privacyUrl: 'https://norrkoping.se/gdpr', termsOfUseUrl: 'https://www.norrkoping.se/' });
    expect(built.name.full).toBe('Frågor och svar om it-incidenten i Norrköpings kommun');
    expectStarterCommands(built, loaded(FAQ_DATA));
  });

  test('when the bot id is missing or the placeholder refuses to build', async () => {
    expect(await buildPackage('', join(tmp, 'none.zip'))).toEqual([expect.stringContaining('--bot-id')]);
    expect(await buildPackage(PLACEHOLDER_BOT_ID, join(tmp, 'none.zip'))).toHaveLength(1);
  });

  test('the committed manifest is a template free of any one incident: no municipality, no incident, no commands', () => {
    const text = readFileSync(MANIFEST_PATH, 'utf8');
    expect(text).not.toMatch(/orrköping|norrkoping|it-incident|cyberincident/i);
    expect(text).toContain('{{organisation}}');
    expect(text).toContain('{{topic}}');
    const bots = z.object({ bots: z.array(z.object({ commandLists: z.array(z.object({ commands: z.array(z.unknown()) })) })) }).parse(raw).bots;
    expect(bots.flatMap((b) => b.commandLists.flatMap((l) => l.commands))).toEqual([]);
  });

  test('when built for another incident the app names its municipality, its welcome questions and never Norrköping', { timeout: 60_000 }, async () => {
    const corpus = loaded(incident('fire-skarvala'));
    const { built, text } = await builtFrom(incident('fire-skarvala'));
    expect(await validateManifest(built)).toEqual([]);
    expect(text).not.toMatch(/orrköping|norrkoping/i);
    expect(built.developer.name).toBe('Skärvala kommun');
    expect(built.name.full).toContain('Skärvala kommun');
    expect(built.description.full).toContain('Skärvala kommuns');
    expect(built.developer.websiteUrl).toBe(corpus.contact.source.url);
    expect(built.developer.termsOfUseUrl).toBe('https://www.skarvala.se/');
    // The bot id is in every place Teams reads it.
    expect(text).not.toContain(PLACEHOLDER_BOT_ID);
    expect(built.bots.map((b) => b.botId)).toEqual([botId]);
    expect(built.composeExtensions.map((c) => c.botId)).toEqual([botId]);
    expect(built.id).toBe(committed.id);

    // Teams sends a command's title as the message: the bot answers each with its welcome question's entry.
    const engine = createFaqEngine(corpus);
    const offered = expectStarterCommands(built, corpus);
    expect(offered.map((o) => o.title)).toContain('Vad har hänt?');
    for (const { id, title } of offered) {
      const decision = engine.ask(title, { lang: 'sv', audience: 'staff' });
      expect(decision.kind === 'answer' ? decision.entry.id : decision.kind, title).toBe(id);
    }
  });

  test('when the corpus has no welcome.yaml the commands are the questions the bot greets with, and the links and names fall back with a note', { timeout: 60_000 }, async () => {
    const corpus = loaded(incident('water-adala'));
    const { built, text, notes } = await builtFrom(incident('water-adala'));
    expect(await validateManifest(built)).toEqual([]);
    expect(text).not.toMatch(/orrköping|norrkoping/i);
    expectStarterCommands(built, corpus);
    // The product's neutral words, as the bot and the chat page say them without welcome.yaml.
    expect(built.developer.name).toBe('Kommunen');
    expect(built.name.full).toBe('Frågor och svar om händelsen i kommunen');
    expect(built.developer.privacyUrl).toBe('https://www.adala.se/');
    expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/no organisation/), expect.stringMatching(/no links\.privacy.*https:\/\/www\.adala\.se\//)]));
  });

  test('when --app-id is given the app carries that id, and a malformed one is refused', { timeout: 60_000 }, async () => {
    const appId = '0b8c1e2d-4f3a-4b5c-9d6e-7f8091a2b3c4';
    const { built } = await builtFrom(incident('water-adala'), { appId });
    expect(built.id).toBe(appId);
    expect(await buildPackage(botId, join(tmp, 'none.zip'), { corpusDir: incident('water-adala'), appId: 'water-adala' })).toEqual([expect.stringContaining('--app-id')]);
  });

  test('when --version is given the app carries it (Teams takes an update only with a higher version), and one that is not three numbers is refused', { timeout: 60_000 }, async () => {
    const { built, text } = await builtFrom(incident('water-adala'), { version: '1.4.0' });
    expect(built.id).toBeDefined();
    expect(z.object({ version: z.string() }).parse(JSON.parse(text)).version).toBe('1.4.0');
    for (const version of ['1.4', 'v1.4.0', '1.04.0', '']) {
      expect(await buildPackage(botId, join(tmp, 'none.zip'), { corpusDir: incident('water-adala'), version }), version).toEqual([expect.stringContaining('--version')]);
    }
  });

  describe('a corpus whose links Teams cannot take', () => {
    function corpusWith(edit: (dir: string) => void): string {
      const dir = join(mkdtempSync(join(tmp, 'corpus-')), 'faq-data');
      cpSync(incident('water-adala'), dir, { recursive: true });
      edit(dir);
      return dir;
    }

    test('when welcome.yaml links the privacy page on http:// refuses and names the file and field', async () => {
      const dir = corpusWith((d) => writeFileSync(join(d, 'welcome.yaml'), 'organisation: { sv: Ådala kommun, en: Ådala Municipality }\nlinks: { privacy: "http://www.adala.se/personuppgifter" }\n'));
      const problems = await buildPackage(botId, join(tmp, 'none.zip'), { corpusDir: dir });
      expect(problems).toEqual([expect.stringMatching(/welcome\.yaml: links\.privacy is "http:\/\/www\.adala\.se\/personuppgifter": Teams accepts only https:\/\//)]);
    });

    test('when the contact source is on http:// refuses, since the support and home page links come from it', async () => {
      const dir = corpusWith((d) => {
        const contact = join(d, 'contact.yaml');
        writeFileSync(contact, readFileSync(contact, 'utf8').replace(/^source:\n(\s+title:.*\n)?\s+url: https:/m, (m) => m.replace('https:', 'http:')));
      });
      expect(loaded(dir).contact.source.url).toMatch(/^http:\/\//);
      const problems = await buildPackage(botId, join(tmp, 'none.zip'), { corpusDir: dir });
      expect(problems).toEqual([expect.stringMatching(/contact\.yaml: source\.url is "http:\/\/.*Teams accepts only https:\/\//)]);
    });

    test('a topic as long as the loader allows without a warning fits the app\'s short description and full name unshortened', { timeout: 60_000 }, async () => {
      const topic = 'vattenläckan i Ådala tätort och i Norrby'.slice(0, MAX_TOPIC_CHARS);
      expect([...topic].length).toBe(MAX_TOPIC_CHARS);
      const dir = corpusWith((d) => writeFileSync(join(d, 'welcome.yaml'), `organisation: { sv: Ådala kommun, en: Ådala Municipality }\ntopic: { sv: "${topic}", en: the water leak }\n`));
      const notes: string[] = [];
      const filled = await packageManifest(botId, { corpusDir: dir, note: (m) => notes.push(m) });
      if (!filled.ok) throw new Error(filled.problems.join('\n'));
      const built = builtSchema.parse(filled.manifest);
      expect(built.description.short).toContain(topic);
      expect(built.name.full).toContain(topic);
      // Only the short name ("Frågor om …", 30 characters) is shortened, at a word, and teams:package says so.
      expect(notes.filter((n) => /^[\w.]+: shortened to/.test(n)).map((n) => n.split(':')[0])).toEqual(['name.short']);
    });

    test('when the organisation and topic are long the names and descriptions are shortened to Teams limits and still validate', { timeout: 60_000 }, async () => {
      const organisation = 'Kommunalförbundet för vatten och avlopp i Ådala och Norrbyn';
      const topic = 'kokningsrekommendationen för dricksvattnet i Ådala tätort efter ledningsbrottet';
      const dir = corpusWith((d) => writeFileSync(join(d, 'welcome.yaml'), `organisation: { sv: "${organisation}", en: Water board }\ntopic: { sv: "${topic}", en: the boil-water advice }\n`));
      const notes: string[] = [];
      const filled = await packageManifest(botId, { corpusDir: dir, note: (m) => notes.push(m) });
      if (!filled.ok) throw new Error(filled.problems.join('\n'));
      const built = builtSchema.parse(filled.manifest);
      expect(await validateManifest(built)).toEqual([]);
      expect(built.developer.name).toBe('Kommunalförbundet för vatten…');
      expect([...built.name.full].length).toBeLessThanOrEqual(TEAMS_LIMITS.nameFull);
      expect(built.name.full.endsWith('…')).toBe(true);
      expect(notes).toEqual(expect.arrayContaining([expect.stringMatching(/^developer\.name: shortened/), expect.stringMatching(/^name\.full: shortened/)]));
    });
  });

  test('when the corpus folder is not a corpus refuses with the loader\'s message', async () => {
    const problems = await buildPackage(botId, join(tmp, 'none.zip'), { corpusDir: fileURLToPath(new URL('../../eval/incidents/water-adala', import.meta.url)) });
    expect(problems).toEqual([expect.stringContaining("Give the incident's corpus folder")]);
  });

  test.each([
    ['Vad har hänt?', 32, 'Vad har hänt?'],
    ['Gäller kokningsrekommendationen fortfarande?', 32, 'Gäller kokningsrekommendationen…'],
    ['Vad är det som händer, och varför har kommunen infört bevattningsförbud?', 32, 'Vad är det som händer, och…'],
    ['Kokningsrekommendationsområdesgränsen', 10, 'Kokningsr…'],
  ])('shortened(%j, %i) is %j', (text, max, expected) => {
    expect(shortened(text, max)).toBe(expected);
    expect([...shortened(text, max)].length).toBeLessThanOrEqual(max);
  });
});

/**
 * A reception that closes earlier on Fridays (contact.yaml openingHours.exceptions), through the bot
 * over real HTTP: the escalation's contact card says Friday's own closing time, and after it, that the
 * reception opens on Monday. The corpus is a copy of faq-data/ whose contact.yaml an editor changed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFaqEngine, loadCorpus, type FaqEngine } from '../../src/core/index.js';
import { copyOfFaqData } from '../support/corpus.js';
import { heroCardsOf, message, repliesOf, startBot, type BotServer } from './harness.js';

const OFF_TOPIC_QUESTION = 'vad är vädret i morgon';
const SOURCE = '    source: { title: Besök kontaktcenter, url: "https://www.norrkoping.se/" }\n';
const HOURS = `openingHours:
  timeZone: Europe/Stockholm
  opens: "08:00"
  closes: "16:30"
  display:
    sv: "mån–tors 08.00–16.30, fre 08.00–15.00"
    en: "Mon–Thu 08:00–16:30, Fri 08:00–15:00"
  days:
    list: [monday, tuesday, wednesday, thursday, friday]
${SOURCE}  exceptions:
    friday: { opens: "08:00", closes: "15:00" }
  publicHolidays:
    closed: true
${SOURCE}`;

let dir: string;
let engine: FaqEngine;
beforeAll(() => {
  dir = copyOfFaqData();
  const path = join(dir, 'contact.yaml');
  const text = readFileSync(path, 'utf8');
  const next = text.replace(/^openingHours:\n(?: {2}.*\n)+/m, HOURS);
  if (next === text) throw new Error('fixture did not change contact.yaml');
  writeFileSync(path, next);
  const loaded = loadCorpus(dir);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  engine = createFaqEngine(loaded.corpus);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The contact card of the escalation an off-topic question gets, with the bot's clock at `iso`. */
async function cardAt(iso: string) {
  const bot: BotServer = await startBot({ engine, clock: () => new Date(iso) });
  try {
    const replies = repliesOf(await bot.post(message(OFF_TOPIC_QUESTION)));
    const cards = replies.flatMap(heroCardsOf).filter((c) => c.title === 'Kontaktcenter');
    expect(cards).toHaveLength(1);
    return cards[0];
  } finally {
    await bot.close();
  }
}

describe('the escalation\'s contact card when Friday has hours of its own', () => {
  test('on Friday at 14:00 says visits are open until 15.00, and lists the hours as display writes them', async () => {
    // Friday 13 January 2023, 14:00 in Stockholm (UTC+1).
    const card = await cardAt('2023-01-13T13:00:00Z');
    expect(card?.subtitle).toBe('Besök: öppet nu till 15.00');
    expect(card?.text).toContain('Öppettider för besök: mån–tors 08.00–16.30, fre 08.00–15.00');
  });

  test('on Friday at 15:30, within the other days\' hours, says closed until Monday 08.00', async () => {
    expect((await cardAt('2023-01-13T14:30:00Z'))?.subtitle).toBe('Besök: stängt nu – öppnar måndag 08.00');
  });

  test('on Thursday at 16:00 says open until 16.30', async () => {
    expect((await cardAt('2023-01-12T15:00:00Z'))?.subtitle).toBe('Besök: öppet nu till 16.30');
  });
});

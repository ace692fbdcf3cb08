import { Writable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { createLogger } from '../../src/logging/index.js';
import { message, startBot, type BotServer } from './harness.js';

const RESIDENT_TEXT = 'Mitt personnummer är 19900101-0017 och jag nås på 070-123 45 67, har mina uppgifter läckt?';

function capture(level: 'info' | 'debug') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger(level, sink), text: () => lines.join('') };
}

let bot: BotServer | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe('privacy of residents’ messages in the logs', () => {
  test('when logging at info, no part of the message is written, yet the turn is answered', async () => {
    const log = capture('info');
    bot = await startBot({ logger: log.logger });
    const res = await bot.post(message(RESIDENT_TEXT));
    expect(res.status).toBe(200);
    expect(log.text()).not.toMatch(/19900101|0017|070-123|läckt/);
  });

  test('when logging at debug, the message appears only with personnummer and phone scrubbed out', async () => {
    const log = capture('debug');
    bot = await startBot({ logger: log.logger });
    await bot.post(message(RESIDENT_TEXT));
    const written = log.text();
    expect(written).toContain('[personnummer]');
    expect(written).toContain('[telefon]');
    expect(written).not.toMatch(/19900101-0017|070-123 45 67/);
  });
});

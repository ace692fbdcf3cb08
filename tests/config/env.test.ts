import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { envSchema, parseEnv } from '../../src/config/index.js';

const EXAMPLE = fileURLToPath(new URL('../../.env.example', import.meta.url));

function readExample(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(EXAMPLE, 'utf8').split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (m?.[1] !== undefined) out[m[1]] = m[2] ?? '';
  }
  return out;
}

describe('environment', () => {
  test('when nothing is set, every variable has its default (local, anonymous, self-hosted)', () => {
    const result = parseEnv({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.PORT).toBe(3978);
    expect(result.env.HOST).toBe('127.0.0.1');
    expect(result.env.MicrosoftAppId).toBeUndefined();
    expect(result.env.DIRECT_LINE_SECRET).toBeUndefined();
  });

  test('when .env.example is used as it stands, it parses to exactly the defaults', () => {
    const fromExample = parseEnv(readExample());
    const defaults = parseEnv({});
    expect(fromExample).toEqual(defaults);
  });

  test('when .env.example is read, it documents every variable the schema knows', () => {
    const documented = readFileSync(EXAMPLE, 'utf8');
    for (const key of Object.keys(envSchema.shape)) expect(documented, key).toMatch(new RegExp(`^#? ?${key}=`, 'm'));
  });

  test('when a threshold is empty, the default applies; when it is out of range, start-up fails with its name', () => {
    expect(parseEnv({ ANSWER_THRESHOLD: '' })).toEqual(parseEnv({}));
    const bad = parseEnv({ ANSWER_THRESHOLD: '1.5' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/ANSWER_THRESHOLD/);
  });

  test('when a flag or a count is empty it has its default, and "1"/"0" mean on/off for every flag, the staff side\'s too', () => {
    const defaults = parseEnv({});
    expect(parseEnv({ TRUST_PROXY: '', CORPUS_WATCH: '', STAFF_FOUR_EYES: '', BOT_RATE_LIMIT_POINTS: '', WEBCHAT_TRUST_PROXY: '' })).toEqual(defaults);
    const flipped = parseEnv({ TRUST_PROXY: '1', CORPUS_WATCH: '0', STAFF_FOUR_EYES: '0', WEBCHAT_TRUST_PROXY: '1' });
    expect(flipped.ok).toBe(true);
    if (!flipped.ok || !defaults.ok) return;
    expect([defaults.env.TRUST_PROXY, defaults.env.CORPUS_WATCH, defaults.env.STAFF_FOUR_EYES, defaults.env.WEBCHAT_TRUST_PROXY]).toEqual([false, true, true, false]);
    expect([flipped.env.TRUST_PROXY, flipped.env.CORPUS_WATCH, flipped.env.STAFF_FOUR_EYES, flipped.env.WEBCHAT_TRUST_PROXY]).toEqual([true, false, false, true]);
    const bad = parseEnv({ STAFF_FOUR_EYES: 'yes' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/must be "true" or "false"\n.*at STAFF_FOUR_EYES/);
  });

  test('when PORT is not a number, start-up fails naming PORT and pointing at .env.example', () => {
    const result = parseEnv({ PORT: 'eighty' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/PORT[\s\S]*\.env\.example/);
  });
});

describe('settings that open a door', () => {
  test.each([
    ['RATE_LIMITS=off', { RATE_LIMITS: 'off' }, /RATE_LIMITS=off[\s\S]*loopback/],
    ['BOT_EMULATOR_REPLIES=true', { BOT_EMULATOR_REPLIES: 'true' }, /BOT_EMULATOR_REPLIES=true[\s\S]*loopback/],
  ])('when %s is combined with HOST=0.0.0.0, start-up is refused with the reason', (_name, settings, message) => {
    const result = parseEnv({ HOST: '0.0.0.0', ...settings });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  test.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])('when HOST is the loopback address %s, load-test and Emulator settings are allowed', (host) => {
    expect(parseEnv({ HOST: host, RATE_LIMITS: 'off', BOT_EMULATOR_REPLIES: 'true' }).ok).toBe(true);
  });

  test('when the Emulator flag is set with an app id, start-up is refused: the flag is for anonymous local use', () => {
    const result = parseEnv({ BOT_EMULATOR_REPLIES: 'true', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' });
    expect(result.ok).toBe(false);
  });

  test('when REDIS_URL is not a redis URL, start-up fails naming it', () => {
    const result = parseEnv({ REDIS_URL: 'http://127.0.0.1:6379' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/REDIS_URL/);
    expect(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379/0' }).ok).toBe(true);
  });
});

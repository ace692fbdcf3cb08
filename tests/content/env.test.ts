import { describe, expect, test } from 'vitest';
import { parseEnv } from '../../src/config/index.js';

const TOKEN = 'a'.repeat(32);

describe('STAFF_API_TOKENS, STAFF_FOUR_EYES and CORPUS_SOURCE', () => {
  test('when tokens are written NAME:ROLES:TOKEN, each is parsed with its roles', () => {
    const parsed = parseEnv({ STAFF_API_TOKENS: ` deploy:editor,publisher:${TOKEN}  agent-bot:agent:${'b'.repeat(40)} ` });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.env.STAFF_API_TOKENS).toEqual([
      { name: 'deploy', roles: ['editor', 'publisher'], token: TOKEN },
      { name: 'agent-bot', roles: ['agent'], token: 'b'.repeat(40) },
    ]);
    expect(parsed.env.STAFF_FOUR_EYES).toBe(true);
    expect(parsed.env.CORPUS_SOURCE).toBe('store');
  });

  test.each([
    [`deploy:editor:${'a'.repeat(31)}`, /at least 32/],
    [`deploy:admin:${TOKEN}`, /agent, editor, publisher/],
    [`deploy:${TOKEN}`, /NAME:ROLES:TOKEN/],
    [`dup:editor:${TOKEN} dup:agent:${'c'.repeat(32)}`, /own name/],
    [`one:editor:${TOKEN} two:agent:${TOKEN}`, /same secret/],
    [`bad name:editor:${TOKEN}`, /NAME:ROLES:TOKEN|name must be/],
  ])('when STAFF_API_TOKENS is %s, the service refuses to start and says why', (value, why) => {
    const parsed = parseEnv({ STAFF_API_TOKENS: value });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(why);
  });

  test('when STAFF_FOUR_EYES=false and CORPUS_SOURCE=files, both are read; other values are refused', () => {
    const parsed = parseEnv({ STAFF_FOUR_EYES: 'false', CORPUS_SOURCE: 'files' });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.env.STAFF_FOUR_EYES).toBe(false);
    expect(parsed.env.CORPUS_SOURCE).toBe('files');
    expect(parseEnv({ STAFF_FOUR_EYES: 'nej' }).ok).toBe(false);
    expect(parseEnv({ CORPUS_SOURCE: 'git' }).ok).toBe(false);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { parseEnv } from '../../src/config/index.js';
import { createLogger } from '../../src/logging/index.js';
import { hashedKey } from '../../src/state/index.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const plain = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

describe('client addresses and caller-chosen ids are hashed with a key (issue #18, finding 9)', () => {
  test('when ID_HASH_SECRET is set, a Redis key is an HMAC that differs from the plain hash and from another key’s', () => {
    expect(hashedKey('203.0.113.7', SECRET)).not.toBe(hashedKey('203.0.113.7'));
    expect(hashedKey('203.0.113.7', SECRET)).not.toBe(hashedKey('203.0.113.7', `${SECRET}x`));
    expect(hashedKey('203.0.113.7', SECRET)).toBe(hashedKey('203.0.113.7', SECRET));
  });

  test('when the logger has a key, a logged client id is not the plain hash anyone could compute from the address', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) }, { hashSecret: SECRET });
    logger.warn({ clientId: '203.0.113.7' }, 'rate limit reached');
    const logged = JSON.parse(lines[0] ?? '{}') as { clientId?: string };
    expect(logged.clientId).toMatch(/^[0-9a-f]{16}$/);
    expect(logged.clientId).not.toBe(plain('203.0.113.7'));
    expect(lines.join('')).not.toContain('203.0.113.7');
  });

  test('when ID_HASH_SECRET is too short to be a secret, the service refuses to start and says why', () => {
    const parsed = parseEnv({ ID_HASH_SECRET: 'short' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/ID_HASH_SECRET/);
    expect(parseEnv({ ID_HASH_SECRET: SECRET }).ok).toBe(true);
  });
});

import { describe, expect, test } from 'vitest';
import { SignInThrottle } from '../../src/channels/staff/auth/sign-in-throttle.js';

describe('the sign-in start’s throttle', () => {
  test('when an address starts more sign-ins than allowed in a window, the extra ones are refused until the next window', () => {
    let now = 0;
    const throttle = new SignInThrottle(3, 60_000, () => now);
    expect([1, 2, 3, 4].map(() => throttle.allow('198.51.100.1'))).toEqual([true, true, true, false]);
    expect(throttle.allow('198.51.100.2')).toBe(true);
    now += 60_000;
    expect(throttle.allow('198.51.100.1')).toBe(true);
  });

  test('when the identity provider keeps failing, it is logged once a window, with how many were not logged before', () => {
    let now = 0;
    const throttle = new SignInThrottle(3, 60_000, () => now);
    const logged = Array.from({ length: 50 }, () => throttle.firstInWindow('unavailable')).filter((f) => f !== undefined);
    expect(logged).toEqual([{ suppressed: 0 }]);
    now += 60_000;
    expect(throttle.firstInWindow('unavailable')).toEqual({ suppressed: 49 });
    expect(throttle.firstInWindow('unavailable')).toBeUndefined();
  });
});

import type { Logger } from '../../logging/index.js';
import type { StaffSide } from './register.js';

/**
 * The staff side when neither STAFF_TOKEN nor Entra ID is configured: no route, nothing recorded. Its
 * own module, so a service without a staff side never loads the staff side's code (the store, PGlite,
 * OpenID Connect) at start-up.
 */
export function staffSideOff(logger: Logger): StaffSide {
  logger.info({ event: 'staff-side-off' }, 'staff side off: set STAFF_TOKEN, STAFF_API_TOKENS or the STAFF_OIDC_* settings to turn it on (docs/staff.md)');
  return { enabled: false, recorder: undefined, records: undefined, content: () => undefined, contentReady: new Promise(() => undefined), officialPages: undefined, close: async () => undefined };
}

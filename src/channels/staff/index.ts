/**
 * The staff side: sign-in (STAFF_TOKEN, Entra ID through OpenID Connect), the agents' console
 * (/staff), the editors' review (/staff/review), the numbers (/staff/stats) and the staff API
 * (/api/staff/*), over the store of what residents asked (src/records).
 *
 * - `registerStaffSide(server, { env, engine, logger }) => StaffSide`: registers everything and starts
 *   the store; pass `staffSide.recorder` to createBotRuntime and call `staffSide.close()` on shutdown.
 */
export { registerStaffSide, type StaffSide, type StaffSideDeps } from './register.js';
export { STAFF_LIMITS, STAFF_ROUTES } from './routes.js';
export { STAFF_CSP } from './http.js';
export { STAFF_TEXT } from './text.js';

/**
 * Every error the public web-chat endpoints return, in one place. Each message says what failed and
 * what the caller can do about it. The browser shows its own Swedish text; these are for integrators.
 */
export const WEB_ERRORS = {
  unsupported_media_type: () => 'The body must be JSON. Send it with "Content-Type: application/json".',
  unsupported_charset: () => 'JSON is UTF-8 (RFC 8259): send the body encoded as UTF-8, with "Content-Type: application/json" or "application/json; charset=utf-8".',
  invalid_json: () => 'The body is not valid JSON. Send one JSON object.',
  body_too_large: (maxBytes: number) => `The body is larger than ${maxBytes} bytes. Send a shorter message.`,
  body_timeout: () => 'The body did not arrive in time. Send the request again.',
  invalid_request: (details: string) => `The request is invalid: ${details}. See docs/web-and-teams.md for the request format.`,
  rate_limited: (seconds: number) => `Too many requests from this address. Wait ${seconds} s and try again.`,
  rate_limited_conversation: (seconds: number) => `Too many messages in this conversation. Wait ${seconds} s and try again.`,
  bot_unavailable: () => 'The bot could not answer just now. Try again shortly, or contact the contact center.',
  direct_line_not_configured: () => 'Azure Direct Line is not configured on this server; the page uses the self-hosted channel. Set DIRECT_LINE_SECRET to enable it.',
  direct_line_unavailable: () => 'Azure Direct Line did not issue a token. Check DIRECT_LINE_SECRET and DIRECT_LINE_ENDPOINT, then try again.',
} as const;

export type WebErrorCode = keyof typeof WEB_ERRORS;

export interface WebErrorBody {
  readonly error: { readonly code: WebErrorCode; readonly message: string };
}

export const webError = (code: WebErrorCode, message: string): WebErrorBody => ({ error: { code, message } });

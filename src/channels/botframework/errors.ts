/** Every way POST /api/messages refuses a request: status and a message that says how to fix it. */
export const HTTP_ERRORS = Object.freeze({
  unsupported_media_type: { status: 415, message: 'Send the activity as JSON with "Content-Type: application/json".' },
  unsupported_charset: { status: 415, message: 'JSON is UTF-8 (RFC 8259): send the activity encoded as UTF-8, with "Content-Type: application/json" or "application/json; charset=utf-8".' },
  body_too_large: { status: 413, message: 'The request body is too large. Send one Bot Framework activity of at most 256 KB.' },
  too_many_values: { status: 413, message: 'The activity has too many JSON values. Send one Bot Framework activity of at most 5000 values (objects, arrays, strings, numbers).' },
  body_timeout: { status: 408, message: 'The request body did not arrive in time. Send the whole activity at once.' },
  text_too_long: { status: 413, message: 'The activity text is too long. Send at most 5000 characters.' },
  invalid_json: { status: 400, message: 'The body is not valid JSON. Send one Bot Framework activity as a JSON object.' },
  invalid_activity: { status: 400, message: 'The body is not a valid Bot Framework activity.' },
  service_url_refused: {
    status: 403,
    message:
      'This bot runs without an app id and replies only inline: send "deliveryMode": "expectReplies" (invokes are answered in the response). For the Bot Framework Emulator on this machine, start the service with BOT_EMULATOR_REPLIES=true and a loopback serviceUrl (127.0.0.1, ::1, localhost); in production configure MicrosoftAppId.',
  },
  service_url_unreachable: {
    status: 502,
    message: 'The reply could not be delivered to the serviceUrl in time. Check that the Bot Framework Emulator is running and listening there, then send the message again.',
  },
  rate_limited: { status: 429, message: 'Too many requests from this address. Wait the number of seconds in Retry-After and try again.' },
  unauthorized: { status: 401, message: 'A valid Bot Framework token is required in the Authorization header.' },
  internal_error: { status: 500, message: 'Something went wrong on our side. Try again, or contact the contact center.' },
} as const);

export type HttpErrorCode = keyof typeof HTTP_ERRORS;

export interface HttpErrorBody {
  error: { code: HttpErrorCode; message: string };
}

/** The JSON body of a refusal; `detail` (e.g. the invalid field) is appended to the catalogue message. */
export function httpError(code: HttpErrorCode, detail?: string): { status: number; body: HttpErrorBody } {
  const { status, message } = HTTP_ERRORS[code];
  return { status, body: { error: { code, message: detail ? `${message} ${detail}` : message } } };
}

import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (pino). Residents' messages are never logged at info: channels log ids,
 * decisions and lengths; anything textual passes through scrubPersonalData first.
 */
export function createLogger(level: LoggerOptions['level'], destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: level ?? 'info',
    base: { service: 'incident-faq-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.text', 'text', 'q'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

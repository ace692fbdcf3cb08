import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseEnv } from '../../src/config/index.js';
import { createLogger } from '../../src/logging/index.js';
import { createRequestContext } from '../../src/platform/index.js';
import { createService, type Service } from '../../src/service.js';
import { FAQ_DATA_DIR } from './corpus.js';
import { testBuild } from './corpus-build.js';

const LOCALES = fileURLToPath(new URL('../../locales', import.meta.url));

/** The real service (src/service.ts), composed as main.ts does, in this process on a free loopback port. */
export interface InProcessService {
  readonly service: Service;
  readonly url: string;
  readonly port: number;
  /** Every log line written so far, parsed. */
  readonly logs: () => Record<string, unknown>[];
  /** Every log line written so far, raw. */
  readonly rawLogs: () => string;
  close(): Promise<void>;
}

/** Starts the service with `env` on top of the defaults (PORT=0); logs at `logLevel` into memory. */
export async function startInProcess(env: Record<string, string> = {}, options: { logLevel?: string; faqDataDir?: string } = {}): Promise<InProcessService> {
  const config = parseEnv({ PORT: '0', LOG_LEVEL: options.logLevel ?? 'info', ...env });
  if (!config.ok) throw new Error(config.message);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const requestContext = createRequestContext();
  const logger = createLogger(config.env.LOG_LEVEL, sink, { mixin: requestContext.logFields });
  const started = await createService({
    env: config.env,
    logger,
    requestContext,
    faqDataDir: options.faqDataDir ?? FAQ_DATA_DIR,
    localesDir: LOCALES,
    defaultMetrics: false,
    // The classifier is trained once per test file (see testBuild); everything else is the service's own.
    build: testBuild,
  });
  if (!started.ok) throw new Error(started.problems.map((p) => p.message).join('\n'));
  const url = (await started.service.listen()).replace('[::ffff:127.0.0.1]', '127.0.0.1');
  return {
    service: started.service,
    url,
    port: Number(new URL(url).port),
    logs: () => lines.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>),
    rawLogs: () => lines.join(''),
    close: async () => {
      await started.service.shutdown('test');
    },
  };
}

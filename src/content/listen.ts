import pg from 'pg';
import { CORPUS_CHANNEL } from './content-store.js';

export interface VersionListener {
  close(): Promise<void>;
}

/**
 * LISTENs for new published versions on PostgreSQL (one connection of its own, reconnected after a
 * failure). Missed notifications are harmless: every instance also polls.
 */
export function listenForVersions(databaseUrl: string, onVersion: (version: number) => void, onError: (err: Error) => void): VersionListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl, application_name: 'incident-faq-bot-corpus-listener' });
    next.on('error', (err) => {
      onError(err);
      reconnect(next);
    });
    next.on('end', () => reconnect(next));
    next.on('notification', (message) => {
      const version = Number(message.payload);
      if (message.channel === CORPUS_CHANNEL && Number.isInteger(version) && version > 0) onVersion(version);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CORPUS_CHANNEL}`);
      client = next;
      if (closed) await next.end().catch(() => undefined);
    } catch (err) {
      onError(err instanceof Error ? err : new Error(String(err)));
      reconnect(next);
    }
  };
  const reconnect = (failed: pg.Client) => {
    if (closed || (client !== undefined && client !== failed)) return;
    client = undefined;
    failed.removeAllListeners('end');
    void failed.end().catch(() => undefined);
    clearTimeout(retry);
    retry = setTimeout(() => void connect(), 2000);
    retry.unref();
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      if (c !== undefined) {
        c.removeAllListeners('end');
        await c.end().catch(() => undefined);
      }
    },
  };
}

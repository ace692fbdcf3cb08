import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { deliverToEmulator } from '../../src/channels/botframework/emulator-delivery.js';

let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  servers = [];
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const reply = { type: 'message', text: 'svar', replyToId: 'in-1', conversation: { id: 'conv/1' } };

describe('replies posted to the Bot Framework Emulator', () => {
  test('when the Emulator answers, each reply is posted once to its conversation path, in order', async () => {
    const paths: string[] = [];
    const url = await listen((req, res) => {
      paths.push(req.url ?? '');
      res.end('{}');
    });
    expect(await deliverToEmulator(`${url}/`, [reply, { ...reply, replyToId: undefined }])).toEqual({ ok: true });
    expect(paths).toEqual(['/v3/conversations/conv%2F1/activities/in-1', '/v3/conversations/conv%2F1/activities']);
  });

  test('when the port accepts but never answers, delivery gives up at its deadline', async () => {
    const url = await listen((_req, res) => {
      // Never answers; closed when the test's server closes.
      res.on('close', () => undefined);
    });
    const result = await deliverToEmulator(url, [reply], 300);
    expect(result).toEqual({ ok: false, reason: 'no answer within 300 ms' });
    for (const s of servers) s.closeAllConnections();
  });

  test('when the Emulator answers an error or redirects elsewhere, delivery fails without following', async () => {
    let hits = 0;
    const url = await listen((_req, res) => {
      hits += 1;
      res.writeHead(307, { location: 'http://192.0.2.1/elsewhere' }).end();
    });
    expect((await deliverToEmulator(url, [reply])).ok).toBe(false);
    expect(hits).toBe(1);
  });
});

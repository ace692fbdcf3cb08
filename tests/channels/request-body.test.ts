import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRequestBody } from '../../src/channels/http/request-body.js';

/** A loopback server that answers every request with what readRequestBody made of its body. */
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    void readRequestBody(req, 16, 300).then((read) => {
      res.end(JSON.stringify(read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends the body in the given pieces, `gapMs` apart; no Content-Length unless given. */
function send(pieces: readonly string[], opts: { gapMs?: number; contentLength?: number; contentType?: string } = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = opts.contentLength === undefined ? {} : { 'content-length': String(opts.contentLength) };
    if (opts.contentType !== undefined) headers['content-type'] = opts.contentType;
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(JSON.parse(text)));
    });
    req.on('error', reject);
    const next = (i: number) => {
      if (i === pieces.length) return void req.end();
      req.write(pieces[i]);
      setTimeout(() => next(i + 1), opts.gapMs ?? 0);
    };
    next(0);
  });
}

describe('readRequestBody, the one body reader of every route', () => {
  test('when the body fits, it is read whole, in pieces as at once, å/ä/ö intact', async () => {
    expect(await send(['{"a":', '"åäö"}'])).toEqual({ ok: true, text: '{"a":"åäö"}' });
  });

  test('when the declared length is over the limit, it is refused before a byte is read', async () => {
    expect(await send(['x'.repeat(20)], { contentLength: 20 })).toEqual({ ok: false, problem: 'body_too_large' });
  });

  test('when an undeclared (chunked) body grows over the limit, it is refused and the answer still arrives', async () => {
    expect(await send(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(1000)])).toEqual({ ok: false, problem: 'body_too_large' });
  });

  test('when the body keeps trickling in past the deadline, it is refused as timed out', async () => {
    expect(await send(['{', '"', 'a', '"'], { gapMs: 150 })).toEqual({ ok: false, problem: 'body_timeout' });
  });

  test.each([
    ['application/json; charset=iso-8859-1'],
    ['application/json; charset="windows-1252"'],
    ['application/x-www-form-urlencoded; charset=latin1'],
    ['text/plain;CHARSET=utf-16le'],
    ['application/json; charset=utf-8; charset=iso-8859-1'],
  ])('when the body is declared %s, it is refused unread: every route reads UTF-8', async (contentType) => {
    expect(await send(['{"a":"\u00e4"}'], { contentType })).toEqual({ ok: false, problem: 'unsupported_charset' });
  });

  test.each([
    ['application/json'],
    ['application/json; charset=utf-8'],
    ['application/json; charset=UTF-8'],
    ['application/json;charset="Utf-8"'],
    ['application/json; charset=utf8'],
    ['application/json; charset=us-ascii'],
    ['application/json; profile="x;charset=latin1"; charset=utf-8'],
    ['application/json; charset'],
  ])('when the body is declared %s, it is read as UTF-8', async (contentType) => {
    expect(await send(['{"a":"åäö"}'], { contentType })).toEqual({ ok: true, text: '{"a":"åäö"}' });
  });
});

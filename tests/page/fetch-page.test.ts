import { afterEach, describe, expect, it } from 'vitest';
import { fetchPage } from '../../src/platform/page-watch/index.js';
import { serveLoopbackPage, type LoopbackPage } from './loopback-page.js';

let page: LoopbackPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const PAGE = '<html><body><h2>Vad hände?</h2><p>Ett intrång.</p></body></html>';

describe('fetching the official page', () => {
  it('reads the page, then a conditional request with its ETag costs a 304', async () => {
    page = await serveLoopbackPage(PAGE);
    const first = await fetchPage(page.url);
    expect(first).toMatchObject({ kind: 'page', format: 'html', body: PAGE, url: page.url });
    const etag = first.kind === 'page' ? first.etag : undefined;
    expect(etag).toMatch(/^"/);
    const again = await fetchPage(page.url, etag === undefined ? {} : { etag });
    expect(again).toEqual({ kind: 'not-modified', url: page.url });
    expect(page.served.get(304)).toBe(1);
  });

  it('If-Modified-Since alone also costs a 304', async () => {
    page = await serveLoopbackPage(PAGE);
    const first = await fetchPage(page.url);
    const lastModified = first.kind === 'page' ? first.lastModified : undefined;
    expect(lastModified).toBeDefined();
    expect(await fetchPage(page.url, lastModified === undefined ? {} : { lastModified })).toMatchObject({ kind: 'not-modified' });
  });

  it.each([
    ['http://example.com/incident', /only https/],
    ['ftp://127.0.0.1/x', /only https/],
    ['file:///etc/passwd', /only https/],
    ['https://user:secret@www.kommun.se/', /user name or password/],
    ['not an address', /not an address/],
  ])('refuses %s', async (url, message) => {
    const result = await fetchPage(url);
    expect(result).toMatchObject({ kind: 'failed', reason: 'invalid-url' });
    expect(result.kind === 'failed' ? result.message : '').toMatch(message);
  });

  it('refuses a page over 2 MB while it streams, with no Content-Length to warn', async () => {
    page = await serveLoopbackPage(PAGE);
    let sent = 0;
    page.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = 'x'.repeat(64 * 1024);
      const pump = () => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => undefined);
      pump();
    };
    const result = await fetchPage(page.url);
    expect(result).toMatchObject({ kind: 'failed', reason: 'too-large' });
  });

  it('refuses a declared Content-Length over the limit without reading it', async () => {
    page = await serveLoopbackPage(PAGE);
    page.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(3 * 1024 * 1024) });
      res.write('<p>');
    };
    expect(await fetchPage(page.url, { timeoutMs: 2000 })).toMatchObject({ kind: 'failed', reason: 'too-large' });
  });

  it('gives up after the timeout', async () => {
    page = await serveLoopbackPage(PAGE);
    page.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>slow'); // and never ends
    };
    const started = Date.now();
    expect(await fetchPage(page.url, { timeoutMs: 300 })).toMatchObject({ kind: 'failed', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('follows a redirect within the host, refuses one to another host', async () => {
    page = await serveLoopbackPage(PAGE, '/ny');
    const base = new URL(page.url);
    const original = page;
    page.handler = (req, res) => {
      if (req.url === '/gammal') res.writeHead(301, { location: '/ny' });
      else if (req.url === '/bort') res.writeHead(302, { location: `http://localhost:${base.port}/ny` });
      else res.writeHead(200, { 'content-type': 'text/html' });
      res.end(req.url === '/ny' ? original.body : undefined);
    };
    expect(await fetchPage(`http://127.0.0.1:${base.port}/gammal`)).toMatchObject({ kind: 'page', url: `http://127.0.0.1:${base.port}/ny` });
    expect(await fetchPage(`http://127.0.0.1:${base.port}/bort`)).toMatchObject({ kind: 'failed', reason: 'redirect-other-host' });
  });

  it('refuses what is not HTML or text, and reports HTTP errors', async () => {
    page = await serveLoopbackPage(PAGE);
    page.contentType = 'application/pdf';
    expect(await fetchPage(page.url)).toMatchObject({ kind: 'failed', reason: 'not-html-or-text' });
    page.handler = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('down');
    };
    expect(await fetchPage(page.url)).toMatchObject({ kind: 'failed', reason: 'http-error' });
  });

  it('decodes the charset the server names, and reads plain text as text', async () => {
    page = await serveLoopbackPage('');
    page.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' });
      res.end(Buffer.from('Öppet på Trädgårdsgatan', 'latin1'));
    };
    expect(await fetchPage(page.url)).toMatchObject({ kind: 'page', format: 'text', body: 'Öppet på Trädgårdsgatan' });
  });

  it('decodes by the page’s own <meta charset> when the server names none', async () => {
    page = await serveLoopbackPage('');
    page.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.from('<html><head><meta charset="iso-8859-1"></head><body><p>Trädgårdsgatan</p></body></html>', 'latin1'));
    };
    const result = await fetchPage(page.url);
    expect(result.kind === 'page' ? result.body : '').toContain('<p>Trädgårdsgatan</p>');
  });

  it('reports a page nobody answers for as a failure, not an exception', async () => {
    page = await serveLoopbackPage(PAGE);
    const url = page.url;
    await page.close();
    page = undefined;
    expect(await fetchPage(url)).toMatchObject({ kind: 'failed', reason: 'network' });
  });
});

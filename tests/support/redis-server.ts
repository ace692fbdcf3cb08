import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/** A throwaway redis-server on a free loopback port, started by a test and stopped by it. */
export interface RedisServer {
  readonly port: number;
  /** redis://127.0.0.1:{port} */
  readonly url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open but nothing answers, like a hung server. */
  freeze(): void;
  /** Undoes freeze() (SIGCONT). */
  thaw(): void;
}

import { freePort } from '../../scripts/free-port.js';

export { freePort };

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts Debian's redis-server (apt-get install -y redis-server; .ci/run installs it) with no
 * persistence, bound to 127.0.0.1 on a free port, and resolves once it answers PING.
 */
export async function startRedisServer(options: { port?: number } = {}): Promise<RedisServer> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // A given port (to bring a stopped server back where clients expect it) or a free one.
    const port = options.port ?? (await freePort());
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // redis-server logs to standard output; the tail is kept for the error message.
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-2000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await answersPing(port)) {
        let stopped = false;
        return {
          port,
          url: `redis://127.0.0.1:${port}`,
          async stop() {
            if (stopped) return;
            stopped = true;
            child.kill('SIGCONT');
            child.kill('SIGTERM');
            await exited(child);
          },
          freeze: () => child.kill('SIGSTOP'),
          thaw: () => child.kill('SIGCONT'),
        };
      }
      const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
      if (failed) throw new Error(`redis-server could not be started (${failed.message}). Install it: apt-get install -y redis-server`);
    }
    child.kill('SIGKILL');
    await exited(child);
    // The port may have been taken between probing and binding: try another one.
    if (options.port !== undefined || !/Address already in use/i.test(output)) throw new Error(`redis-server did not answer PING on port ${port}: ${output}`);
  }
  throw new Error('redis-server could not find a free port after 3 attempts');
}

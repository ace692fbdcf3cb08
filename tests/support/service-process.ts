import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const logLine = z.looseObject({ level: z.number(), msg: z.string().optional() });
export type LogLine = z.infer<typeof logLine>;

/** The service running as its own process, as an operator starts it. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** http://127.0.0.1:{port} */
  readonly url: string;
  readonly port: number;
  /** Every JSON log line so far. */
  readonly logs: LogLine[];
  /** Everything written to standard error. */
  stderr(): string;
  /** Resolves with the first log line that matches, or rejects after timeoutMs (default 60 s: start-up trains the engine). */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends SIGTERM and waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServiceProcessOptions {
  /** Environment on top of a minimal one (PATH, HOME); PORT=0 and HOST=127.0.0.1 unless given. */
  readonly env?: Record<string, string>;
  /** "tsx" (default: node --import tsx src/main.ts), "start" (node scripts/start.mjs, what npm start runs) or "npm" (npm start, as the README says). */
  readonly via?: 'tsx' | 'start' | 'npm';
}

/** Starts the service and resolves once it logs "listening" (with its URL). */
export async function startServiceProcess(options: ServiceProcessOptions = {}): Promise<ServiceProcess> {
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const [command, args] =
    options.via === 'npm'
      ? ['npm', ['start', '--silent']]
      : options.via === 'start'
        ? [process.execPath, ['--disable-warning=DEP0111', 'scripts/start.mjs']]
        : [process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'src/main.ts']];
  const child = spawn(command, args as string[], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      if (text.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        stderr += `[not JSON on stdout] ${text}\n`;
        continue;
      }
      const parsed = logLine.safeParse(json);
      if (!parsed.success) continue;
      logs.push(parsed.data);
      for (const w of waiters.filter((w) => w.match(parsed.data))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(parsed.data);
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const waitForLog = (match: (line: LogLine) => boolean, timeoutMs = 60_000) => {
    const found = logs.find(match);
    if (found) return Promise.resolve(found);
    return new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
      waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the service exited before logging the expected line; stderr: ${stderr.slice(-2000)}`));
      });
    });
  };

  const listening = await waitForLog((l) => l.msg === 'listening');
  const url = z.object({ url: z.string() }).parse(listening).url.replace('[::ffff:127.0.0.1]', '127.0.0.1');
  const port = Number(new URL(url).port);
  return {
    child,
    pid: child.pid ?? -1,
    url,
    port,
    logs,
    stderr: () => stderr,
    waitForLog,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    },
  };
}

/**
 * Starts the service on a corpus folder that it should refuse, and waits for it to exit (20 s at most: a
 * refusal comes before training). For the tests of what an operator sees when a corpus is broken.
 */
export function startOnCorpus(faqDataDir: string): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, FAQ_DATA_DIR: faqDataDir, PORT: '0', LOG_LEVEL: 'silent' },
    timeout: 20_000,
  });
  return { status: run.status, stderr: run.stderr };
}

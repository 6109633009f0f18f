// Child processes and ports for the bench: bounded commands, free loopback ports, and one
// cleanup list that every exit path (end, error, signal, deadline) runs.
import { spawn, type SpawnOptions } from 'node:child_process';
import { connect, createServer } from 'node:net';

const cleanups: (() => Promise<void>)[] = [];
/** Set once cleaning up has begun: a signal and the end of main may both ask for it. */
let cleaning: Promise<void> | undefined;

/** Registers a cleanup; the latest registered runs first, also when cleaning up has begun. */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.unshift(cleanup);
}

/** Refuses to start a server once cleaning up has begun (after a signal or the deadline). */
export function assertNotStopping(): void {
  if (cleaning !== undefined) throw new Error('the bench is stopping');
}

export function runCleanups(): Promise<void> {
  cleaning ??= (async () => {
    for (let cleanup = cleanups.shift(); cleanup !== undefined; cleanup = cleanups.shift()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`bench: cleanup failed: ${String(error)}\n`);
      }
    }
  })();
  return cleaning;
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, killing it (and failing) after `timeoutMs`. */
export function runCommand(command: string, args: readonly string[], options: SpawnOptions & { timeoutMs: number; echoStderr?: boolean }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    onCleanup(() => Promise.resolve(void child.kill('SIGKILL')));
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echoStderr === true) process.stderr.write(chunk);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')}: no result after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A TCP port free on 127.0.0.1 right now (the kernel's choice), with port + each offset free too. */
export async function freePort(alsoFree: readonly number[] = []): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    if (port > 0 && (await Promise.all(alsoFree.map((offset) => isFree(port + offset)))).every(Boolean)) return port;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Resolves once something accepts connections on the port; rejects at the deadline or when `isDead` says so. */
export async function waitForPort(port: number, timeoutMs: number, isDead: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (isDead()) throw new Error('the server exited during start');
    const isUp = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (isUp) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

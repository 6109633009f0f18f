// Runs the real `parley` command (src/main.ts through tsx) as a separate process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { testPkiFiles } from './pki.js';

const MAIN = path.resolve('src/main.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parley ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `parley start` and resolves once its banner is printed. */
export function startNodeProcess(configFile: string): Promise<{ child: ChildProcess; banner: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node did not start:\n${stderr}\n${stdout}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Stop with Ctrl-C.')) {
        clearTimeout(timer);
        resolve({ child, banner: stderr, output: () => stdout });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}:\n${stderr}\n${stdout}`));
    });
  });
}

/** A node configuration file in a fresh temporary directory, on ephemeral loopback ports. */
export async function writeNodeConfig(extra: Record<string, unknown> = {}): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-cli-'));
  const pkiDir = process.env.PARLEY_TEST_PKI;
  if (pkiDir === undefined) throw new Error('PARLEY_TEST_PKI is not set: run the tests through scripts/test.sh (npm test)');
  const pki = testPkiFiles(pkiDir);
  const config = {
    domain: 'localhost',
    dataDir: path.join(dir, 'data'),
    listen: { host: '127.0.0.1', c2sPort: 0, c2sDirectTlsPort: null, httpPort: null, httpsPort: null },
    tls: { certFile: pki.certFile, keyFile: pki.keyFile },
    auth: { scramIterations: 4096 },
    storage: { type: 'embedded', path: path.join(dir, 'data', 'db') },
    log: { level: 'info' },
    ...extra,
  };
  const file = path.join(dir, 'parley.yaml');
  await writeFile(file, stringify(config));
  return { dir, file };
}

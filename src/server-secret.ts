// A node's persistent secret for values that must not change across restarts, such as the
// stand-in SCRAM salts of unknown users (which would otherwise reveal which accounts exist).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SECRET_BYTES = 32;

export async function loadServerSecret(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'server-secret');
  try {
    const existing = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (existing.length === SECRET_BYTES) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(SECRET_BYTES);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, `${secret.toString('base64')}\n`, { mode: 0o600 });
  return secret;
}

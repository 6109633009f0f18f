// A fresh node must end in a state where a person can log in: with no account on the domain,
// create admin@<domain> with a random password, shown once and kept in a 0600 file.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccountStore } from '../persistence/ports.js';
import { deriveCredentials } from '../stream/sasl/index.js';

export interface InitialAccount {
  jid: string;
  password: string;
  file: string;
}

export async function ensureInitialAccount(accounts: AccountStore, domain: string, dataDir: string, iterations: number): Promise<InitialAccount | undefined> {
  if ((await accounts.count(domain)) > 0) return undefined;
  const password = randomBytes(12).toString('base64url');
  await accounts.create('admin', domain, deriveCredentials(password, iterations));
  const file = path.join(dataDir, 'initial-admin.txt');
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFile(file, `admin@${domain} ${password}\n`, { mode: 0o600 });
  return { jid: `admin@${domain}`, password, file };
}

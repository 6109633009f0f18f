// `parley user ...`: account administration without prompts, for scripts that provision thousands.
import { readFile } from 'node:fs/promises';
import type { AccountStore } from '../persistence/ports.js';
import { AccountExistsError } from '../persistence/ports.js';
import { deriveCredentials } from '../stream/sasl/index.js';
import { Jid, JidError } from '../xmpp/jid.js';

export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface PasswordSource {
  passwordFile?: string;
  /** Name of an environment variable holding the password. */
  passwordEnv?: string;
}

/** Parses an account JID (localpart@domain, no resource). */
export function accountJid(input: string): Jid {
  let jid: Jid;
  try {
    jid = Jid.parse(input);
  } catch (error) {
    throw new CommandError(error instanceof JidError ? error.message : String(error));
  }
  if (jid.local === '' || !jid.isBare) throw new CommandError(`${input} is not an account address (expected user@domain)`);
  return jid;
}

export async function readPassword(source: PasswordSource, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (source.passwordFile !== undefined) {
    const text = await readFile(source.passwordFile, 'utf8').catch((error: unknown) => {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new CommandError(`cannot read password file ${source.passwordFile ?? ''}: ${reason}`);
    });
    // One trailing newline is what editors and `echo` add; it is not part of the password.
    return text.replace(/\r?\n$/, '');
  }
  const variable = source.passwordEnv ?? 'PARLEY_PASSWORD';
  const value = env[variable];
  if (value === undefined || value === '') {
    throw new CommandError(`no password given: use --password-file FILE, or set ${variable} in the environment`);
  }
  return value;
}

function credentialsFor(password: string, iterations: number): ReturnType<typeof deriveCredentials> {
  try {
    return deriveCredentials(password, iterations);
  } catch (error) {
    throw new CommandError(`unusable password: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function addUser(accounts: AccountStore, jid: Jid, password: string, iterations: number): Promise<void> {
  try {
    await accounts.create(jid.local, jid.domain, credentialsFor(password, iterations));
  } catch (error) {
    if (error instanceof AccountExistsError) throw new CommandError(`${jid.toString()} already exists`);
    throw error;
  }
}

export async function changePassword(accounts: AccountStore, jid: Jid, password: string, iterations: number): Promise<void> {
  if (!(await accounts.setCredentials(jid.local, jid.domain, credentialsFor(password, iterations)))) {
    throw new CommandError(`${jid.toString()} does not exist`);
  }
}

export async function deleteUser(accounts: AccountStore, jid: Jid): Promise<void> {
  if (!(await accounts.delete(jid.local, jid.domain))) throw new CommandError(`${jid.toString()} does not exist`);
}

export async function* listUsers(accounts: AccountStore, domain: string, pageSize = 1000): AsyncGenerator<string> {
  let after: string | undefined;
  for (;;) {
    const page = await accounts.list(domain, after === undefined ? { limit: pageSize } : { limit: pageSize, afterUsername: after });
    for (const username of page) yield `${username}@${domain}`;
    if (page.length < pageSize) return;
    after = page[page.length - 1];
  }
}

export interface ImportResult {
  created: number;
  existed: number;
  failed: { line: number; reason: string }[];
}

/** Bulk provisioning: one "user@domain password" per line; blank lines and # comments skipped. */
export async function importUsers(accounts: AccountStore, text: string, iterations: number): Promise<ImportResult> {
  const result: ImportResult = { created: 0, existed: 0, failed: [] };
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const space = line.search(/\s/);
    if (space === -1) {
      result.failed.push({ line: index + 1, reason: 'expected "user@domain password"' });
      continue;
    }
    try {
      await addUser(accounts, accountJid(line.slice(0, space)), line.slice(space).trim(), iterations);
      result.created += 1;
    } catch (error) {
      if (error instanceof CommandError && error.message.endsWith('already exists')) result.existed += 1;
      else result.failed.push({ line: index + 1, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

// PGlite has no lock of its own: two processes on one directory would corrupt it. A lock file
// holding the owner's pid keeps a second process (a CLI next to a running node) out.
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export class EmbeddedDatabaseInUseError extends Error {
  constructor(directory: string, pid: number) {
    super(`the embedded database ${directory} is in use by process ${pid} (a running node?); stop it first, `
      + 'or use an external PostgreSQL server for access by several processes');
    this.name = 'EmbeddedDatabaseInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the directory's lock; resolves with its release. A lock left by a dead process is taken over. */
export async function lockEmbeddedDirectory(directory: string): Promise<() => Promise<void>> {
  const lockFile = path.join(directory, 'parley.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => {
        await rm(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) throw new EmbeddedDatabaseInUseError(directory, owner);
    await rm(lockFile, { force: true });
  }
  throw new Error(`cannot take the lock ${lockFile}`);
}

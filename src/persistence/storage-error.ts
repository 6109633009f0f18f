// Storage failures as errors that name the operation but never the bound values
// (salts, keys): drivers such as PGlite attach the query parameters to their errors.
import { StaleFenceError } from './ports.js';

/** A storage operation failed; `code` is the driver's code (SQLSTATE on PostgreSQL). */
export class StorageError extends Error {
  readonly code: string | undefined;

  constructor(operation: string, failure: unknown) {
    super(`${operation}: ${failure instanceof Error ? failure.message : String(failure)}`);
    this.name = 'StorageError';
    this.code = driverCode(failure);
  }
}

/** Runs one storage operation, rethrowing any failure as a StorageError naming it (a stale fence stays what it is). */
export async function inContext<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (failure) {
    if (failure instanceof StaleFenceError) throw failure;
    throw new StorageError(operation, failure);
  }
}

function driverCode(failure: unknown): string | undefined {
  if (typeof failure !== 'object' || failure === null || !('code' in failure)) return undefined;
  const { code } = failure;
  return typeof code === 'string' ? code : undefined;
}

// Storage failures as errors that name the operation but never the bound values
// (salts, keys): drivers such as PGlite attach the query parameters to their errors.
import { StaleFenceError } from './ports.js';

/**
 * A storage operation failed; `code` is the driver's code (SQLSTATE on PostgreSQL).
 * `isRetryable` says the database could not be reached or went away: the same operation may
 * succeed later (callers answer `wait`), whereas other failures are the request's own.
 */
export class StorageError extends Error {
  readonly code: string | undefined;
  readonly isRetryable: boolean;

  constructor(operation: string, failure: unknown) {
    super(`${operation}: ${failure instanceof Error ? failure.message : String(failure)}`);
    this.name = 'StorageError';
    this.code = driverCode(failure);
    this.isRetryable = isConnectionFailure(failure);
  }
}

/** Socket errors, every driver's "connection lost/refused" codes, and a pool that found no connection in time. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'ESOCKET', 'ETIMEOUT', 'ECONNCLOSED',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now
  '57P01', '57P02', '57P03',
]);
/** ORA-03113 end-of-file on channel, ORA-03114 not connected, ORA-12514/12541 no listener, ORA-12170 timeout. */
const ORACLE_CONNECTION_ERRORS = new Set([3113, 3114, 12514, 12541, 12170]);
const CONNECTION_MESSAGES = /Connection terminated|connection is closed|not queryable|Timeout acquiring a connection|NJS-500|NJS-503|DPI-1080/i;

function isConnectionFailure(failure: unknown): boolean {
  if (typeof failure !== 'object' || failure === null) return false;
  const code = 'code' in failure ? failure.code : undefined;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  if ('errorNum' in failure && typeof failure.errorNum === 'number' && ORACLE_CONNECTION_ERRORS.has(failure.errorNum)) return true;
  if ('name' in failure && failure.name === 'KnexTimeoutError') return true;
  return failure instanceof Error && CONNECTION_MESSAGES.test(failure.message);
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

// The node's logger: pino, JSON lines, with every field that could hold a secret redacted.
import { pino, type Logger, type LevelWithSilent } from 'pino';

const REDACTED_PATHS = ['password', '*.password', 'config.storage.password', 'credentials', '*.credentials', 'key', 'tls.key'];

export function createLogger(level: LevelWithSilent, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { pid: process.pid }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

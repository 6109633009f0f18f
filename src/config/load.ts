// Reads a node's YAML configuration, applies environment overrides and validates it, with
// messages that name the bad key and what was expected.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type ParleyConfig } from './schema.js';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Environment variables that override the file: secrets and ports, so one file serves many nodes. */
const OVERRIDES: { variable: string; path: string[]; kind: 'string' | 'port' }[] = [
  { variable: 'PARLEY_DOMAIN', path: ['domain'], kind: 'string' },
  { variable: 'PARLEY_DATA_DIR', path: ['dataDir'], kind: 'string' },
  { variable: 'PARLEY_LISTEN_HOST', path: ['listen', 'host'], kind: 'string' },
  { variable: 'PARLEY_C2S_PORT', path: ['listen', 'c2sPort'], kind: 'port' },
  { variable: 'PARLEY_C2S_TLS_PORT', path: ['listen', 'c2sDirectTlsPort'], kind: 'port' },
  { variable: 'PARLEY_HTTP_PORT', path: ['listen', 'httpPort'], kind: 'port' },
  { variable: 'PARLEY_HTTPS_PORT', path: ['listen', 'httpsPort'], kind: 'port' },
  { variable: 'PARLEY_DB_PASSWORD', path: ['storage', 'password'], kind: 'string' },
  { variable: 'PARLEY_LOG_LEVEL', path: ['log', 'level'], kind: 'string' },
];

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function applyOverrides(raw: Record<string, unknown>, env: Env): void {
  for (const { variable, path, kind } of OVERRIDES) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (kind === 'port') {
      if (value === 'off') {
        setPath(raw, path, null);
        continue;
      }
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${variable}: expected a port number 0-65535 or "off", got ${JSON.stringify(value)}`);
      setPath(raw, path, port);
    } else {
      setPath(raw, path, value);
    }
  }
}

function describeIssues(source: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.map((issue) => {
    const key = issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
    return `  ${key}: ${issue.message}`;
  });
  return `invalid configuration in ${source}:\n${lines.join('\n')}`;
}

/** Validates an already-parsed configuration object (with environment overrides applied). */
export function validateConfig(raw: unknown, source: string, env: Env = process.env): ParleyConfig {
  const object = raw === null || raw === undefined ? {} : raw;
  if (typeof object !== 'object' || Array.isArray(object)) throw new ConfigError(`${source}: expected a mapping of options at the top level`);
  applyOverrides(object as Record<string, unknown>, env);
  const result = configSchema.safeParse(object);
  if (!result.success) throw new ConfigError(describeIssues(source, result.error.issues));
  return result.data;
}

export async function loadConfig(file: string, env: Env = process.env): Promise<ParleyConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read configuration file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return validateConfig(raw, file, env);
}

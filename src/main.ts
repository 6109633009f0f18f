#!/usr/bin/env node
// The `parley` command: start a node, manage accounts.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { Logger } from 'pino';
import { ensureInitialAccount } from './admin/first-start.js';
import { CommandError, accountJid, addUser, changePassword, deleteUser, importUsers, listUsers, readPassword } from './admin/user-commands.js';
import { ConfigError, loadConfig } from './config/load.js';
import type { ParleyConfig } from './config/schema.js';
import { createLogger } from './logging.js';
import { EmbeddedDatabaseInUseError } from './persistence/dialects/embedded-lock.js';
import { openStorage } from './persistence/open-storage.js';
import type { Storage } from './persistence/ports.js';
import { startServer, type ParleyServer } from './server.js';

const DEFAULT_CONFIGS = ['conf/parley.yaml', 'conf/parley.example.yaml'];

function configPath(option: string | undefined): string {
  if (option !== undefined) return option;
  return DEFAULT_CONFIGS.find((file) => existsSync(file)) ?? DEFAULT_CONFIGS[0] as string;
}

function banner(config: ParleyConfig, server: ParleyServer, initial: Awaited<ReturnType<typeof ensureInitialAccount>>): string {
  const host = config.listen.host === '0.0.0.0' || config.listen.host === '::' ? config.domain : config.listen.host;
  const { ports } = server;
  const lines = [
    '',
    `Parley is running for the XMPP domain "${config.domain}".`,
    `  Clients (STARTTLS):   ${host}:${ports.c2s}`,
  ];
  if (ports.c2sDirectTls !== null) lines.push(`  Clients (direct TLS): ${host}:${ports.c2sDirectTls}`);
  if (ports.https !== null) lines.push(`  WebSocket (TLS):      wss://${host}:${ports.https}${config.websocket.path}`);
  if (ports.http !== null) lines.push(`  WebSocket:            ws://${host}:${ports.http}${config.websocket.path}`);
  if (initial !== undefined) {
    lines.push('', `  First start: created ${initial.jid} with password ${initial.password}`, `  (also saved in ${initial.file}; this is the only time it is printed).`);
  }
  lines.push(
    '',
    '  Log in with any XMPP client (Gajim, Conversations, Converse.js) as that account; the',
    '  certificate is self-signed unless tls.certFile is configured, so accept it once.',
    `  More accounts:  PARLEY_PASSWORD=secret npm run parley -- user add alice@${config.domain}`,
    '  Stop with Ctrl-C.',
    '',
  );
  return lines.join('\n');
}

async function start(options: { config?: string }): Promise<void> {
  const config = await loadConfig(configPath(options.config));
  const log = createLogger(config.log.level);
  const server = await startServer(config, log);
  const initial = await ensureInitialAccount(server.storage.accounts, config.domain, config.dataDir, config.auth.scramIterations);
  process.stderr.write(`${banner(config, server, initial)}\n`);
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) process.exit(1);
    log.info({ signal }, 'signal received');
    server.stop().then(() => process.exit(0), (error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

async function withStorage<T>(options: { config?: string }, run: (storage: Storage, config: ParleyConfig, log: Logger) => Promise<T>): Promise<T> {
  const config = await loadConfig(configPath(options.config));
  const log = createLogger(config.log.level === 'info' ? 'warn' : config.log.level);
  const storage = await openStorage(config.storage, log);
  try {
    return await run(storage, config, log);
  } finally {
    await storage.close();
  }
}

function passwordOptions(command: Command): Command {
  return command
    .addOption(new Option('--password-file <file>', 'read the password from this file (one trailing newline is ignored)'))
    .addOption(new Option('--password-env <variable>', 'read the password from this environment variable').default('PARLEY_PASSWORD'));
}

function program(): Command {
  const cli = new Command('parley').description('Parley XMPP server').showHelpAfterError();
  const configOption = (): Option => new Option('-c, --config <file>', `node configuration (default: ${DEFAULT_CONFIGS.join(', then ')})`);
  cli.command('start').description('start a node').addOption(configOption()).action(start);
  const user = cli.command('user').description('manage accounts');
  passwordOptions(user.command('add <jid>').description('create an account').addOption(configOption()))
    .action((jid: string, options: { config?: string; passwordFile?: string; passwordEnv?: string }) => withStorage(options, async (storage, config) => {
      await addUser(storage.accounts, accountJid(jid), await readPassword(options), config.auth.scramIterations);
      process.stdout.write(`created ${accountJid(jid).toString()}\n`);
    }));
  passwordOptions(user.command('passwd <jid>').description('set an account\'s password').addOption(configOption()))
    .action((jid: string, options: { config?: string; passwordFile?: string; passwordEnv?: string }) => withStorage(options, async (storage, config) => {
      await changePassword(storage.accounts, accountJid(jid), await readPassword(options), config.auth.scramIterations);
      process.stdout.write(`password changed for ${accountJid(jid).toString()}\n`);
    }));
  user.command('delete <jid>').description('delete an account').addOption(configOption())
    .action((jid: string, options: { config?: string }) => withStorage(options, async (storage) => {
      await deleteUser(storage.accounts, accountJid(jid));
      process.stdout.write(`deleted ${accountJid(jid).toString()}\n`);
    }));
  user.command('list [domain]').description('list the accounts of a domain (default: the configured one)').addOption(configOption())
    .action((domain: string | undefined, options: { config?: string }) => withStorage(options, async (storage, config) => {
      for await (const jid of listUsers(storage.accounts, domain ?? config.domain)) process.stdout.write(`${jid}\n`);
    }));
  user.command('import <file>').description('create accounts from lines of "user@domain password" (existing ones are kept)').addOption(configOption())
    .action((file: string, options: { config?: string }) => withStorage(options, async (storage, config) => {
      const result = await importUsers(storage.accounts, await readFile(file, 'utf8'), config.auth.scramIterations);
      process.stdout.write(`created ${result.created}, already existing ${result.existed}, failed ${result.failed.length}\n`);
      for (const failure of result.failed) process.stderr.write(`${file}:${failure.line}: ${failure.reason}\n`);
      if (result.failed.length > 0) process.exitCode = 1;
    }));
  return cli;
}

program().parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CommandError || error instanceof EmbeddedDatabaseInUseError) {
    process.stderr.write(`parley: ${error.message}\n`);
  } else {
    process.stderr.write(`parley: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  }
  process.exit(1);
});

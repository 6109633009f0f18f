#!/usr/bin/env node
// The `parley` command: start a node, manage accounts.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { Logger } from 'pino';
import {
  addDatabase, assignmentTarget, describeDatabases, externalDatabaseOf, registered, storageConfigOf, type AddOptions,
} from './admin/db-commands.js';
import { ensureInitialAccount } from './admin/first-start.js';
import { CommandError, accountJid, addUser, changePassword, deleteUser, importUsers, listUsers, readPassword } from './admin/user-commands.js';
import { ConfigError, loadConfig } from './config/load.js';
import type { ParleyConfig } from './config/schema.js';
import { createLogger } from './logging.js';
import { EmbeddedDatabaseInUseError } from './persistence/dialects/embedded-lock.js';
import {
  diagnoseExternalDatabase, openStorage, openTextConferenceDatabase, textConferenceMigrationStatus,
} from './persistence/open-storage.js';
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
  if (server.muc !== undefined) {
    const persistence = server.persistentChat === undefined ? 'temporary rooms only: the persistent chat database is unavailable' : `persistent rooms in ${server.persistentChat.location}`;
    lines.push(`  Group chat (XEP-0045): ${server.muc.aliases.join(', ')} (${persistence})`);
  }
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
  // Command output is stdout; the log of the storage underneath goes to stderr.
  const log = createLogger(config.log.level === 'info' ? 'warn' : config.log.level, process.stderr);
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
  databaseCommands(cli.command('db').description('manage the external databases of persistent chat'), configOption);
  return cli;
}

function databaseCommands(db: Command, configOption: () => Option): void {
  passwordOptions(db.command('add <name>').description('register an external database (the node connects only once it is assigned)')
    .addOption(configOption())
    .requiredOption('--type <type>', 'postgres, oracle or mssql')
    .requiredOption('--host <host>', 'host name or address of the database server')
    .option('--port <port>', 'TCP port (default 5432, 1521 or 1433 by type)')
    .requiredOption('--database <name>', 'database name (PostgreSQL, SQL Server) or service name (Oracle)')
    .requiredOption('--user <user>', 'database user')
    .option('--pool-max <n>', 'most connections this node opens (default 10)')
    .option('--connect-timeout-ms <ms>', 'connect timeout (default 5000)')
    .option('--statement-timeout-ms <ms>', 'statement timeout (default 10000)')
    .option('--heartbeat-interval-ms <ms>', 'heartbeat query interval (default 10000)')
    .option('--no-encrypt', 'SQL Server: no TLS to the server')
    .option('--trust-server-certificate', 'SQL Server: accept a certificate that cannot be verified (test servers only)'))
    .action((name: string, options: AddOptions & { config?: string; passwordFile?: string; passwordEnv?: string }) => withStorage(options, async (storage) => {
      const database = externalDatabaseOf(name, options, await readPassword(options));
      await addDatabase(storage.externalDatabases, database);
      process.stdout.write(`registered ${name} (${database.type} ${database.user}@${database.host}:${database.port}/${database.database}); check it with: parley db test ${name}\n`);
    }));
  db.command('list').description('list the registered databases and what they serve (passwords are never shown)').addOption(configOption())
    .action((options: { config?: string }) => withStorage(options, async (storage) => {
      const lines = describeDatabases(await storage.externalDatabases.list(), await storage.externalDatabases.assignments());
      process.stdout.write(lines.length === 0 ? 'no external databases registered\n' : `${lines.join('\n')}\n`);
    }));
  db.command('test <name>').description('check DNS, the port, the login, the version, privileges and the schema').addOption(configOption())
    .action((name: string, options: { config?: string }) => withStorage(options, async (storage, _config, log) => {
      const steps = await diagnoseExternalDatabase(storageConfigOf(await registered(storage.externalDatabases, name)), log);
      for (const step of steps) process.stdout.write(`${step.isOk ? 'ok  ' : 'FAIL'} ${step.check.padEnd(10)} ${step.detail}\n`);
      if (steps.some((step) => !step.isOk)) process.exitCode = 1;
    }));
  db.command('assign <name>').description('make a database hold the persistent chat of a node or a redundancy group').addOption(configOption())
    .option('--node <node>', 'a node name').option('--group <group>', 'a redundancy group name')
    .action((name: string, options: { config?: string; node?: string; group?: string }) => withStorage(options, async (storage) => {
      const target = assignmentTarget(options);
      await registered(storage.externalDatabases, name);
      await storage.externalDatabases.assign({ target, feature: 'text-conference', database: name });
      process.stdout.write(`persistent chat of ${target.kind} ${target.name} now uses ${name} (nodes pick it up at their next start)\n`);
    }));
  db.command('migrate <name>').description('bring the persistent chat schema of a database up to date').addOption(configOption())
    .action((name: string, options: { config?: string }) => withStorage(options, async (storage, _config, log) => {
      const config = storageConfigOf(await registered(storage.externalDatabases, name));
      const { pending } = await textConferenceMigrationStatus(config, log);
      await (await openTextConferenceDatabase(config, log)).close();
      process.stdout.write(pending.length === 0 ? `${name}: already up to date\n` : `${name}: applied ${pending.join(', ')}\n`);
    }));
  db.command('status [name]').description('reachability and schema of the registered databases').addOption(configOption())
    .action((name: string | undefined, options: { config?: string }) => withStorage(options, async (storage, _config, log) => {
      const databases = name === undefined ? await storage.externalDatabases.list() : [await registered(storage.externalDatabases, name)];
      for (const database of databases) {
        const status = await textConferenceMigrationStatus(storageConfigOf(database), log).then(
          ({ applied, pending }) => `reachable; schema ${pending.length === 0 ? 'up to date' : `${pending.length} migration(s) pending`} (${applied.length} applied)`,
          (error: unknown) => `unreachable: ${error instanceof Error ? error.message : String(error)}`,
        );
        process.stdout.write(`${database.name}\t${status}\n`);
      }
      if (databases.length === 0) process.stdout.write('no external databases registered\n');
    }));
}

program().parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CommandError || error instanceof EmbeddedDatabaseInUseError) {
    process.stderr.write(`parley: ${error.message}\n`);
  } else {
    process.stderr.write(`parley: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  }
  process.exit(1);
});

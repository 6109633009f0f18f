// `parley db ...` as an operator runs it: register a real PostgreSQL server, test it, migrate
// it, assign it, see its status, and get a precise diagnosis when something is wrong.
import { expect } from 'chai';
import pg from 'pg';
import { rm } from 'node:fs/promises';
import { runCli, startNodeProcess, writeNodeConfig } from '../helpers/cli.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';

describe('the parley db command', function () {
  this.timeout(120_000);
  let server: ThrowawayPostgres;
  let dir: string;
  let file: string;

  before(async () => {
    server = await startPostgres();
    ({ dir, file } = await writeNodeConfig());
  });

  after(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const db = (...args: string[]) => runCli(['db', ...args, '--config', file], { PARLEY_PASSWORD: 'pw-never-shown' });
  const add = (name: string, ...overrides: string[]) => db('add', name, '--type', 'postgres', '--host', '127.0.0.1', '--port', String(server.port),
    '--database', server.database, '--user', server.user, ...overrides);

  it('registers, tests, migrates and assigns a PostgreSQL database, and lists it without its password', async () => {
    const added = await add('chat');
    expect(added.stdout).to.equal(`registered chat (postgres parley@127.0.0.1:${server.port}/${server.database}); check it with: parley db test chat\n`);
    expect((await add('chat')).stderr).to.equal('parley: an external database named chat is already registered\n');

    expect((await db('status', 'chat')).stdout).to.equal('chat\treachable; schema 1 migration(s) pending (0 applied)\n');
    // Looking does not write: status leaves a database Parley never used without any Parley table.
    const client = new pg.Client({ host: server.host, port: server.port, user: server.user, database: server.database });
    await client.connect();
    const tables = await client.query("select tablename from pg_tables where schemaname = 'public'").finally(() => client.end());
    expect(tables.rows).to.deep.equal([]);
    const tested = await db('test', 'chat');
    expect(tested.code, tested.stdout + tested.stderr).to.equal(0);
    expect(tested.stdout).to.match(/^ok {3}dns +127\.0\.0\.1 is 127\.0\.0\.1$/m);
    expect(tested.stdout).to.match(/^ok {3}login +logged in as parley$/m);
    expect(tested.stdout).to.match(/^ok {3}version +server version \d+/m);
    expect(tested.stdout).to.match(/^ok {3}privileges +may create and drop tables$/m);
    expect(tested.stdout).to.match(/^ok {3}schema +1 migration\(s\) to apply \(tc_0001_text_conference\)/m);

    expect((await db('migrate', 'chat')).stdout).to.equal('chat: applied tc_0001_text_conference\n');
    expect((await db('migrate', 'chat')).stdout).to.equal('chat: already up to date\n');
    expect((await db('status', 'chat')).stdout).to.equal('chat\treachable; schema up to date (1 applied)\n');

    expect((await db('assign', 'chat', '--group', 'prg1')).stdout).to.equal('persistent chat of group prg1 now uses chat (nodes pick it up at their next start)\n');
    expect((await db('assign', 'nowhere', '--node', 'node1')).stderr).to.equal('parley: no external database named nowhere (parley db list shows them)\n');
    expect((await db('assign', 'chat')).stderr).to.equal('parley: give exactly one of --node NAME and --group NAME\n');
    const listed = await db('list');
    expect(listed.stdout).to.equal(`chat\tpostgres\tparley@127.0.0.1:${server.port}/${server.database}\ttext-conference of group prg1\n`);
    expect(listed.stdout + listed.stderr).to.not.include('pw-never-shown');
  });

  it('a node uses the external database assigned to it from its next start, and runs without persistent chat if it cannot open it', async () => {
    await add('node-db');
    await db('assign', 'node-db', '--node', 'node1');
    const node = await startNodeProcess(file);
    node.child.kill('SIGTERM');
    await new Promise((resolve) => node.child.once('exit', resolve));
    expect(node.output()).to.match(new RegExp(`"location":"postgres parley@127\\.0\\.0\\.1:${server.port}/${server.database}","msg":"persistent chat storage: assigned external database"`));

    await add('gone', '--port', '1', '--connect-timeout-ms', '500');
    await db('assign', 'gone', '--node', 'node1');
    const without = await startNodeProcess(file);
    without.child.kill('SIGTERM');
    await new Promise((resolve) => without.child.once('exit', resolve));
    expect(without.output()).to.include('persistent chat is unavailable on this node');
  });

  it('says which step fails: a name that does not resolve, a closed port, a missing database', async () => {
    await add('unresolvable', '--host', 'no-such-host.invalid');
    const dns = await db('test', 'unresolvable');
    expect(dns.code).to.equal(1);
    expect(dns.stdout).to.match(/^FAIL dns +cannot resolve no-such-host\.invalid \(ENOTFOUND\)$/m);

    await add('closed', '--port', '1');
    expect((await db('test', 'closed')).stdout).to.match(/^FAIL tcp +nothing listens on 127\.0\.0\.1:1 \(connection refused\)$/m);

    await add('missing', '--database', 'no_such_database');
    const missing = await db('test', 'missing');
    expect(missing.stdout).to.match(/^ok {3}tcp /m);
    expect(missing.stdout).to.match(/^FAIL login +the database does not exist/m);
    expect((await db('status', 'missing')).stdout).to.match(/^missing\tunreachable: /);
  });

  it('refuses bad options with a precise message', async () => {
    expect((await db('add', 'x', '--type', 'db2', '--host', 'h', '--database', 'd', '--user', 'u')).stderr)
      .to.equal('parley: --type must be postgres, oracle or mssql, not "db2"\n');
    expect((await db('add', 'x y', '--type', 'oracle', '--host', 'h', '--database', 'd', '--user', 'u')).stderr)
      .to.equal('parley: "x y" is not a usable name: letters, digits, ".", "_" and "-", at most 64\n');
    expect((await db('add', 'x', '--type', 'mssql', '--host', 'h', '--database', 'd', '--user', 'u', '--pool-max', 'many')).stderr)
      .to.equal('parley: --pool-max must be a whole number, not "many"\n');
  });
});

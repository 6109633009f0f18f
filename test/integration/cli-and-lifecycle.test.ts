// The operator's view: `parley user ...` without prompts, a first start that prints how to log
// in, clear messages for bad configuration, and SIGTERM closing every stream with system-shutdown.
import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { xml } from '@xmpp/client';
import { runCli, startNodeProcess, writeNodeConfig } from '../helpers/cli.js';
import { connect } from '../helpers/clients.js';
import { RawClient, STREAM_HEADER } from '../helpers/raw-client.js';

describe('the parley command', function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    ({ dir, file } = await writeNodeConfig());
  });

  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('manages accounts from scripts: add, passwd, list, import, delete', async () => {
    const passwordFile = path.join(dir, 'pw');
    await writeFile(passwordFile, 's3cret\n');
    expect((await runCli(['user', 'add', 'Alice@localhost', '--password-file', passwordFile, '--config', file])).stdout).to.equal('created alice@localhost\n');
    const again = await runCli(['user', 'add', 'alice@localhost', '--config', file], { PARLEY_PASSWORD: 'x' });
    expect(again.code).to.equal(1);
    expect(again.stderr).to.equal('parley: alice@localhost already exists\n');
    expect((await runCli(['user', 'passwd', 'alice@localhost', '--config', file], { PARLEY_PASSWORD: 'n3w' })).code).to.equal(0);
    const list = path.join(dir, 'users.txt');
    await writeFile(list, '# bulk\nbob@localhost pw-bob\ncarol@localhost pw carol\nalice@localhost dup\nnot a jid\n');
    const imported = await runCli(['user', 'import', list, '--config', file]);
    expect(imported.stdout).to.equal('created 2, already existing 1, failed 1\n');
    expect(imported.stderr).to.include('users.txt:5:');
    expect((await runCli(['user', 'delete', 'bob@localhost', '--config', file])).code).to.equal(0);
    expect((await runCli(['user', 'list', '--config', file])).stdout).to.equal('alice@localhost\ncarol@localhost\n');
  });

  it('refuses a missing password and a bad JID with a clear message', async () => {
    const noPassword = await runCli(['user', 'add', 'dave@localhost', '--config', file], { PARLEY_PASSWORD: '' });
    expect(noPassword.stderr).to.include('no password given: use --password-file FILE, or set PARLEY_PASSWORD');
    const badJid = await runCli(['user', 'add', 'da ve@localhost', '--config', file], { PARLEY_PASSWORD: 'x' });
    expect(badJid.stderr).to.match(/invalid JID .*bad localpart/);
  });

  it('names the bad key and the expected value in a bad configuration', async () => {
    await writeFile(file, 'domain: localhost\nlimits:\n  maxStanzaBytes: lots\nlisten:\n  c2sPortt: 5222\n');
    const result = await runCli(['start', '--config', file]);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('limits.maxStanzaBytes: Invalid input: expected number, received string');
    expect(result.stderr).to.include('listen: Unrecognized key: "c2sPortt"');
  });

  it('first start creates an admin account and says how to log in; SIGTERM sends system-shutdown', async () => {
    const node = await startNodeProcess(file);
    children.push(node.child);
    const account = /created (admin@localhost) with password (\S+)/.exec(node.banner);
    const port = Number(/Clients \(STARTTLS\):\s+\S+:(\d+)/.exec(node.banner)?.[1]);
    expect(account, node.banner).to.not.equal(null);
    const admin = await connect({ service: `xmpp://localhost:${port}`, username: 'admin', password: account?.[2] ?? '', mechanism: 'SCRAM-SHA-256' });
    const pong = await admin.request(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(pong.attrs.type).to.equal('result');

    const busy = await runCli(['user', 'list', '--config', file]);
    expect(busy.stderr).to.match(/is in use by process \d+ \(a running node\?\)/);

    const raw = await RawClient.connect(port);
    raw.send(STREAM_HEADER);
    await raw.waitFor(/<\/stream:features>/);
    const exited = new Promise<number | null>((resolve) => node.child.on('exit', (code) => resolve(code)));
    node.child.kill('SIGTERM');
    const text = await raw.waitFor(/<\/stream:stream>/);
    expect(text).to.include('<system-shutdown xmlns="urn:ietf:params:xml:ns:xmpp-streams"/>');
    expect(await exited).to.equal(0);
    await admin.stop();
    expect(node.output()).to.not.include(account?.[2] ?? 'no password');

    const second = await startNodeProcess(file);
    children.push(second.child);
    expect(second.banner).to.not.include('First start');
  });
});

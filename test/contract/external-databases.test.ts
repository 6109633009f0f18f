// The storage contract for the external database registry (`parley db add|list|assign`).
import { expect } from 'chai';
import { type ExternalDatabase, ExternalDatabaseExistsError } from '../../src/persistence/ports.js';
import { describeStorageContract } from './harness.js';

const ARCHIVE: ExternalDatabase = {
  name: 'archive', type: 'oracle', host: 'db1.example', port: 1521, database: 'FREEPDB1', user: 'tc', password: 's3cret',
  options: { poolMax: 5, statementTimeoutMs: 20_000 },
};

describeStorageContract('external database registry', (subject) => {
  const registry = () => subject.storage.externalDatabases;

  it('registers databases by unique name and lists them in name order with their settings', async () => {
    await registry().add(ARCHIVE);
    await registry().add({ ...ARCHIVE, name: 'chat-pg', type: 'postgres', port: 5432, database: 'tc', options: {} });
    const refused = await registry().add(ARCHIVE).then(() => undefined, (error: unknown) => error);
    expect(refused).to.be.instanceOf(ExternalDatabaseExistsError);
    expect(await registry().get('archive')).to.deep.equal(ARCHIVE);
    expect(await registry().get('missing')).to.equal(undefined);
    expect((await registry().list()).map((database) => database.name)).to.deep.equal(['archive', 'chat-pg']);
  });

  it('assigns persistent chat of a node or a group to a registered database, and re-assigns it', async () => {
    expect(await registry().assign({ target: { kind: 'group', name: 'prg1' }, feature: 'text-conference', database: 'archive' })).to.equal(true);
    expect(await registry().assign({ target: { kind: 'node', name: 'node3' }, feature: 'text-conference', database: 'nowhere' })).to.equal(false);
    await registry().assign({ target: { kind: 'group', name: 'prg1' }, feature: 'text-conference', database: 'chat-pg' });
    await subject.reopen();
    expect(await registry().assignments()).to.deep.equal([
      { target: { kind: 'group', name: 'prg1' }, feature: 'text-conference', database: 'chat-pg' },
    ]);
  });
});

// Oracle and SQL Server cannot run on these machines; their drivers still must load (oracledb
// in thin mode, no Instant Client; tedious) and fail clearly, without crashing the node, when
// what answers on the port is not their server. A PostgreSQL server plays that part.
import { expect } from 'chai';
import pino from 'pino';
import { openTextConferenceDatabase } from '../../src/persistence/open-storage.js';
import { StorageError } from '../../src/persistence/storage-error.js';
import { startPostgres, type ThrowawayPostgres } from '../helpers/postgres.js';

describe('the Oracle and SQL Server drivers against a server that is not theirs', function () {
  this.timeout(60_000);
  let server: ThrowawayPostgres;
  const common = { user: 'parley', password: 'secret-not-logged', poolMin: 0, poolMax: 1, connectTimeoutMs: 3000, statementTimeoutMs: 3000, heartbeatIntervalMs: 0 };

  before(async () => {
    server = await startPostgres();
  });
  after(async () => {
    await server.stop();
  });

  it('oracledb (thin mode) refuses with a StorageError naming the database, not a crash', async () => {
    const failure = await openTextConferenceDatabase({ type: 'oracle', host: server.host, port: server.port, serviceName: 'FREEPDB1', ...common },
      pino({ level: 'silent' })).then(() => undefined, (error: unknown) => error);
    expect(failure).to.be.instanceOf(StorageError);
    expect((failure as Error).message).to.include(`opening oracle parley@${server.host}:${server.port}/FREEPDB1`);
    expect((failure as Error).message).to.not.include('secret-not-logged');
  });

  it('tedious refuses with a StorageError naming the database, not a crash', async () => {
    const failure = await openTextConferenceDatabase({
      type: 'mssql', host: server.host, port: server.port, database: 'parley', encrypt: false, trustServerCertificate: false, ...common,
    }, pino({ level: 'silent' })).then(() => undefined, (error: unknown) => error);
    expect(failure).to.be.instanceOf(StorageError);
    expect((failure as Error).message).to.include(`opening mssql parley@${server.host}:${server.port}/parley`);
    expect((failure as Error).message).to.not.include('secret-not-logged');
  });
});

// Golden tests of the SQL each dialect sends (issue: external databases): the migrations and the
// dialect-specific statements, recorded without a server, compared with test/golden/sql/<dialect>/.
// PARLEY_UPDATE_GOLDEN=1 rewrites the files; review the diff like code.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { mssqlDialect, mssqlKnexConfig } from '../../../src/persistence/dialects/mssql.js';
import { oracleDialect, oracleKnexConfig } from '../../../src/persistence/dialects/oracle.js';
import { postgresDialect, postgresKnexConfig } from '../../../src/persistence/dialects/postgres.js';
import type { SqlDialect } from '../../../src/persistence/dialects/sql-dialect.js';
import { CLUSTER_MIGRATIONS, TEXT_CONFERENCE_MIGRATIONS } from '../../../src/persistence/migrations/index.js';
import type { Fence } from '../../../src/persistence/ports.js';
import { createTextConferenceStore } from '../../../src/persistence/text-conference/index.js';
import { recordingKnex } from '../../helpers/sql-recorder.js';

const GOLDEN = fileURLToPath(new URL('../../golden/sql/', import.meta.url));
const COMMON = { host: 'db.example', user: 'parley', password: 'not-used', poolMin: 0, poolMax: 1, connectTimeoutMs: 5000, statementTimeoutMs: 10000, heartbeatIntervalMs: 0 };

const DIALECTS: { name: string; dialect: SqlDialect; config: Knex.Config }[] = [
  { name: 'postgres', dialect: postgresDialect, config: postgresKnexConfig({ type: 'postgres', port: 5432, database: 'parley', ...COMMON }) },
  { name: 'oracle', dialect: oracleDialect, config: oracleKnexConfig({ type: 'oracle', port: 1521, serviceName: 'FREEPDB1', ...COMMON }) },
  {
    name: 'mssql', dialect: mssqlDialect,
    config: mssqlKnexConfig({ type: 'mssql', port: 1433, database: 'parley', encrypt: true, trustServerCertificate: false, ...COMMON }),
  },
];

async function expectGolden(dialect: string, name: string, statements: readonly string[]): Promise<void> {
  const file = path.join(GOLDEN, dialect, `${name}.sql`);
  // One statement per paragraph, exactly as sent (PL/SQL blocks end in their own semicolon).
  const text = `${statements.join('\n\n')}\n`;
  if (process.env.PARLEY_UPDATE_GOLDEN === '1') {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    return;
  }
  const golden = await readFile(file, 'utf8').catch(() => '(no golden file; run with PARLEY_UPDATE_GOLDEN=1)');
  expect(text, `${dialect}/${name}.sql`).to.equal(golden);
}

describe('SQL sent to each dialect (golden files)', () => {
  for (const { name, dialect, config } of DIALECTS) {
    describe(name, () => {
      for (const migration of [...CLUSTER_MIGRATIONS.migrations, ...TEXT_CONFERENCE_MIGRATIONS.migrations]) {
        it(`migration ${migration.name}`, async () => {
          const { db, statements } = recordingKnex(config);
          await migration.up(db);
          await db.destroy();
          await expectGolden(name, `migration-${migration.name}`, statements);
          // knex's Oracle compiler does not escape quotes in comments: a comment must carry none.
          for (const statement of statements.filter((sql) => sql.startsWith('comment on'))) {
            expect(statement.replace(/^comment on .* is '/, '').replace(/'$/, ''), statement).to.not.include("'");
          }
        });
      }

      it('text conference: leases, a fenced write, a group-committed archive batch and an archive page', async () => {
        const { db, statements } = recordingKnex(config);
        const tc = createTextConferenceStore(db, dialect, { maxBatch: 10, rowsPerInsert: 100 });
        const fence: Fence = { alias: 'conference.example', node: 'node1', epoch: 3 };
        await tc.leases.acquire('conference.example', 'node1', 30_000);
        await tc.leases.renew(fence, 30_000);
        await tc.leases.release(fence);
        await tc.rooms.update(7, { subject: 'Topic' }, fence);
        const sent = (id: number) => ({
          id, stanzaId: `s${id}`, nickJid: 'room@conference.example/alice', fromJid: 'alice@example/desk',
          sentAt: new Date(Date.UTC(2026, 0, 1)), type: 'groupchat', body: 'hi', stanza: '<message/>',
        });
        // The first append commits alone; the two made while it is in flight share the next commit.
        await Promise.all([1, 2, 3].map((id) => tc.archive.append(7, 'room@conference.example', sent(id), fence)));
        await tc.archive.page(7, { beforeId: 100, start: new Date(Date.UTC(2026, 0, 1)), limit: 20, from: 'newest' });
        await db.destroy();
        await expectGolden(name, 'text-conference', statements);
      });

      it('the migration lock around the migrations', async () => {
        const { db, statements } = recordingKnex(config);
        await dialect.withMigrationLock(db, async (connection) => {
          await connection.raw('select 42');
        });
        await db.destroy();
        await expectGolden(name, 'migration-lock', statements);
      });
    });
  }
});

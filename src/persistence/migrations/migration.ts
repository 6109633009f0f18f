// The shape of one schema version: a name recorded in the migrations table and a forward step.
// There are no down steps: nothing destructive runs without an explicit command (DESIGN §5).
import type { Knex } from 'knex';

export interface ParleyMigration {
  /** Recorded in the migrations table; never renamed once released. */
  readonly name: string;
  up(knex: Knex): Promise<void>;
}

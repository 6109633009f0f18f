// What the dialect-neutral stores need to know about one SQL dialect (DESIGN §5, STYLE 7).
// One implementation per dialect family; chosen only by open-storage.ts.

export interface SqlDialect {
  /** The cheapest statement that proves the database answers. */
  readonly healthQuery: string;
  /** Taken inside the migration transaction, so nodes opening one database migrate one at a time. */
  readonly migrationLockStatement: string;
  /** True when a statement failed because a primary key or unique constraint was violated. */
  isUniqueViolation(failure: unknown): boolean;
}

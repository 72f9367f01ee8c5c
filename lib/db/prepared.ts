import "server-only";
import pg from "pg";
import { getPreparedPool } from "../db";

/**
 * Named prepared statements, for the hot paths (voting; a generation worker's claim, record,
 * pairing and sweep; the enqueue), on a small pool of their own (getPreparedPool).
 *
 * Why: Prisma sends every raw query as an unnamed statement, so PostgreSQL parses and plans it on
 * every call. The voting statements are large CTEs whose planning was measured at 0.2–1.2 ms each
 * (pg_stat_statements, bench/annotation.ts --pg-stats), as much as running them. A named
 * statement is parsed and planned once per connection (generic plans, forced on that pool).
 * Each name must always carry the same text (pg refuses otherwise), so variable-length lists are
 * passed as arrays (`= ANY($n)`, `unnest($n)`), never spliced into the text.
 */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

export const statement = (name: string, text: string): Statement => ({ name, text });

/** Queries go through the pool, or through the connection of a `transaction`. */
export type Queryable = pg.Pool | pg.PoolClient;

// Prisma stores DateTime as UTC in `timestamp(3)` columns; pg's default would read them as local time.
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
const parseUtc = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE
      ? parseUtc
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const query = <T extends object>(sql: Statement, values: unknown[], on: Queryable) =>
  on.query<T>({ name: sql.name, text: sql.text, values, types });

export async function run<T extends object>(
  sql: Statement,
  values: unknown[],
  on: Queryable = getPreparedPool(),
): Promise<T[]> {
  return (await query<T>(sql, values, on)).rows;
}

/** Runs a statement that returns no rows; resolves to the number of rows it wrote. */
export async function execute(sql: Statement, values: unknown[], on: Queryable = getPreparedPool()): Promise<number> {
  return (await query(sql, values, on)).rowCount ?? 0;
}

/** `work` inside BEGIN … COMMIT on one connection; rolled back (and rethrown) on any error. */
export async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPreparedPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped rather than returned to the pool.
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

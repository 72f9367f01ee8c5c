import "server-only";
import pg from "pg";
import { getPreparedPool, type Prisma } from "../db";

/**
 * The app's raw SQL, as a checked layer. Every raw statement is declared once with `statement()`
 * in its domain's `statements.ts`, with its row type and its parameter list; `run()` and
 * `execute()` run it; tests/integration/statements.integration.test.ts PREPAREs every statement
 * declared (the registry below) against the migrated schema.
 *
 * Where a statement runs is the caller's choice (`on`):
 * - by default, the prepared pool (getPreparedPool) as a named prepared statement: the hot paths
 *   (voting; a generation worker's claim, record, pairing and sweep; the enqueue). Prisma sends
 *   every raw query as an unnamed statement, so PostgreSQL parses and plans it on every call; the
 *   voting statements are large CTEs whose planning was measured at 0.2–1.2 ms each
 *   (pg_stat_statements, bench/annotation.ts --pg-stats), as much as running them. A named
 *   statement is parsed and planned once per connection (generic plans, forced on that pool).
 *   Each name must always carry the same text (pg refuses otherwise), so variable-length lists
 *   are passed as arrays (`= ANY($n)`, `unnest($n)`), never spliced into the text.
 * - a connection of `transaction()` below, for several hot statements in one transaction;
 * - Prisma's client or an interactive transaction of it (`db`, `tx`): the cold statements, and
 *   those that must run inside a Prisma transaction. Sent unnamed, as `$queryRaw` would.
 *
 * Row types are what both drivers return alike: no int8 or numeric result column (pg returns
 * those as strings, Prisma as BigInt / Decimal), so counts are cast to int; the statements test
 * enforces it.
 */
declare const shape: unique symbol;

export interface Statement<Row extends object = object, Params extends readonly unknown[] = readonly unknown[]> {
  readonly name: string;
  readonly text: string;
  /** Types only: the rows it returns and the parameters $1…$n it takes. */
  readonly [shape]?: { row: Row; params: Params };
}

const registry = new Map<string, Statement>();

/**
 * Declares a statement: `Row` is one result row (nullable where a LEFT JOIN or an aggregate can
 * miss), `Params` the labelled parameter list, $1 first. Statements without a result (`execute`)
 * leave `Row` as `never`.
 */
export function statement<Row extends object = never, Params extends readonly unknown[] = []>(
  name: string,
  text: string,
): Statement<Row, Params> {
  const declared: Statement<Row, Params> = { name, text };
  registry.set(`${name}\u0000${text}`, declared);
  return declared;
}

/** Every statement declared so far, in declaration order (for the statements test). */
export function declaredStatements(): Statement[] {
  return [...registry.values()];
}

/** Prisma's client or one of its interactive transactions. */
export type PrismaConnection = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

/** The prepared pool, a connection of `transaction`, or Prisma's client / transaction. */
export type Connection = pg.Pool | pg.PoolClient | PrismaConnection;

// The Prisma client is reached through a Proxy (lib/db.ts): test for the method, not with `in`.
const isPrisma = (on: Connection): on is PrismaConnection =>
  typeof (on as Partial<PrismaConnection>).$queryRawUnsafe === "function";

// Prisma stores DateTime as UTC in `timestamp(3)` columns; pg's default would read them as local time.
const TIMESTAMP_WITHOUT_TIME_ZONE = 1114;
const parseUtc = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMP_WITHOUT_TIME_ZONE
      ? parseUtc
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const query = <Row extends object>(sql: Statement<Row>, values: readonly unknown[], on: pg.Pool | pg.PoolClient) =>
  on.query<Row>({ name: sql.name, text: sql.text, values: [...values], types });

/** Runs a statement; resolves to its rows. */
export async function run<Row extends object, Params extends readonly unknown[]>(
  sql: Statement<Row, Params>,
  values: Params,
  on: Connection = getPreparedPool(),
): Promise<Row[]> {
  if (isPrisma(on)) return on.$queryRawUnsafe<Row[]>(sql.text, ...values);
  return (await query(sql, values, on)).rows;
}

/** Runs a statement for its effect; resolves to the number of rows it wrote. */
export async function execute<Params extends readonly unknown[]>(
  sql: Statement<object, Params>,
  values: Params,
  on: Connection = getPreparedPool(),
): Promise<number> {
  if (isPrisma(on)) return on.$executeRawUnsafe(sql.text, ...values);
  return (await query(sql, values, on)).rowCount ?? 0;
}

/** `work` inside BEGIN … COMMIT on one connection of the prepared pool; rolled back (and rethrown) on any error. */
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

/**
 * `work` on one connection of the prepared pool inside a REPEATABLE READ READ ONLY transaction:
 * every statement it runs sees the same snapshot of the data, taken by the first one (what a
 * report is computed from). `workMem` raises work_mem for this transaction only (large hash
 * aggregates). Rolled back (and rethrown) on any error, committed otherwise.
 */
export async function inSnapshot<T>(
  work: (client: pg.PoolClient) => Promise<T>,
  options: { workMem?: string } = {},
): Promise<T> {
  const { client, finish, fail } = await openSnapshot(options);
  try {
    const result = await work(client);
    await finish();
    return result;
  } catch (error) {
    await fail();
    throw error;
  }
}

/** inSnapshot for work that outlives a call (a streamed export): `finish` commits, `fail` rolls back; both release. */
export async function openSnapshot(options: { workMem?: string } = {}) {
  return begin(await getPreparedPool().connect(), options, null);
}

// What pg_export_snapshot() returns (e.g. 00000003-0000001B-1): checked before it is spliced into
// SET TRANSACTION SNAPSHOT, which takes no parameters.
const SNAPSHOT_ID = /^[0-9A-F]+(-[0-9A-F]+)+$/;

/**
 * `work` given a second connection on the very snapshot of `client` (a connection of inSnapshot /
 * openSnapshot, whose transaction stays open meanwhile), so that one reading can be split over two
 * PostgreSQL backends (two cores) and still see one state of the data; ended when `work` ends.
 * `work` is given null when the pool has no connection to spare right now (every connection held,
 * say by as many concurrent snapshots): waiting for one while holding one could deadlock, so the
 * caller then stays on `client`.
 */
export async function withSharedSnapshot<T>(
  client: pg.PoolClient,
  options: { workMem?: string },
  work: (second: pg.PoolClient | null) => Promise<T>,
): Promise<T> {
  const pool = getPreparedPool();
  // Checked and taken in the same tick: pg.Pool counts the connection it opens at once.
  if (pool.idleCount === 0 && pool.totalCount >= (pool.options.max ?? 10)) return work(null);
  const connecting = pool.connect();
  connecting.catch(() => {}); // awaited below; a failure is thrown there
  let snapshotId: string;
  try {
    snapshotId = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0].id;
    if (!SNAPSHOT_ID.test(snapshotId)) throw new Error(`unexpected snapshot id ${JSON.stringify(snapshotId)}`);
  } catch (error) {
    await connecting.then(
      (c) => c.release(),
      () => {},
    );
    throw error;
  }
  const second = await begin(await connecting, options, snapshotId);
  try {
    const result = await work(second.client);
    await second.finish();
    return result;
  } catch (error) {
    await second.fail();
    throw error;
  }
}

async function begin(client: pg.PoolClient, options: { workMem?: string }, snapshotId: string | null) {
  let released = false;
  const release = (broken: boolean) => {
    if (!released) client.release(broken);
    released = true;
  };
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // Before any other statement of the transaction, as PostgreSQL requires.
    if (snapshotId) await client.query(`SET TRANSACTION SNAPSHOT '${snapshotId}'`);
    if (options.workMem) await client.query("SELECT set_config('work_mem', $1, true)", [options.workMem]);
  } catch (error) {
    release(true);
    throw error;
  }
  return {
    client,
    finish: async () => {
      if (released) return;
      await client.query("COMMIT").then(
        () => release(false),
        () => release(true),
      );
    },
    fail: async () => {
      if (released) return;
      await client.query("ROLLBACK").then(
        () => release(false),
        () => release(true),
      );
    },
  };
}

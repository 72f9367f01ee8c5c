import pg from "pg";

/**
 * The heaviest statements since the last reset, from pg_stat_statements (the embedded server
 * preloads it; an external server needs `shared_preload_libraries = 'pg_stat_statements'`).
 * Call with `reset` before the measured part and without after it.
 */
export async function statementStats(url: string, options: { reset: boolean; limit?: number }): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    if (!options.reset) {
      const { rows } = await client.query(
        `SELECT calls, round(total_exec_time::numeric, 1) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
           left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
         FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT $1`,
        [options.limit ?? 12],
      );
      console.table(rows);
    }
    await client.query("SELECT pg_stat_statements_reset()");
  } finally {
    await client.end();
  }
}

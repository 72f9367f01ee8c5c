import pg from "pg";

/**
 * A normalised description of a database's public schema: tables, columns (type, nullability,
 * default), enums, indexes and constraints. Two databases built differently compare equal
 * exactly when Prisma would see the same schema.
 */
export async function describeCatalog(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows.map((r) => Object.values(r).join(" | ")).sort();
    return {
      columns: await q(`select table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, '')
        from information_schema.columns where table_schema = 'public' and table_name <> '_prisma_migrations'`),
      enums: await q(`select t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder)
        from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname`),
      indexes: await q(`select tablename, indexname, indexdef from pg_indexes
        where schemaname = 'public' and tablename <> '_prisma_migrations'`),
      constraints: await q(`select conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint
        where connamespace = 'public'::regnamespace and conrelid::regclass::text <> '_prisma_migrations'`),
    };
  } finally {
    await client.end();
  }
}

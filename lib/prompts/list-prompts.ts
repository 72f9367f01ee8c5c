import "server-only";
import { z } from "zod";
import { db, type Prisma } from "../db";
import { parseOrThrow } from "../errors";

export const PROMPTS_PAGE_SIZE = 50;
/** Filter value for prompts without a category / challenge. */
export const NONE_FILTER = "(none)";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

/** Query parameters of the browse page and GET /api/prompt-sets/[id]/prompts. */
export const promptQuerySchema = z.strictObject({
  category: optionalText(200),
  challenge: optionalText(200),
  q: optionalText(500),
  page: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be 1 or more")
    .max(1_000_000)
    .default(1),
  pageSize: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(1)
    .max(500, "at most 500")
    .default(PROMPTS_PAGE_SIZE),
});
export type PromptQuery = z.output<typeof promptQuerySchema>;

export interface PromptRowView {
  id: string;
  externalId: string;
  text: string;
  category: string | null;
  challenge: string | null;
  note: string | null;
  position: number;
}

export interface PromptPage {
  items: PromptRowView[];
  /** Prompts matching the filters and search. */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/** From URLSearchParams (or a page's searchParams) to a validated query; bad values name the field. */
export function parsePromptQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): PromptQuery {
  const entries =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  const raw = Object.fromEntries(entries.filter(([, v]) => v !== undefined));
  return parseOrThrow(promptQuerySchema, raw, "query");
}

/** The where clause shared by the page and the counts: set, category, challenge, words of q. */
export function promptWhere(
  promptSetId: string,
  query: Pick<PromptQuery, "category" | "challenge" | "q">,
): Prisma.PromptWhereInput {
  const words = (query.q ?? "").split(/\s+/).filter(Boolean).slice(0, 20);
  return {
    promptSetId,
    ...(query.category !== undefined ? { category: query.category === NONE_FILTER ? null : query.category } : {}),
    ...(query.challenge !== undefined ? { challenge: query.challenge === NONE_FILTER ? null : query.challenge } : {}),
    // Every word must appear, as a case-insensitive substring (ILIKE). Prisma passes % and _
    // through as wildcards, so they are escaped here (backslash is ILIKE's escape character).
    ...(words.length > 0
      ? { AND: words.map((w) => ({ text: { contains: escapeLike(w), mode: "insensitive" as const } })) }
      : {}),
  };
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** One page of a set's prompts in file order, filtered by category/challenge and searched. */
export async function listPrompts(promptSetId: string, query: PromptQuery): Promise<PromptPage> {
  const where = promptWhere(promptSetId, query);
  const [total, items] = await Promise.all([
    db.prompt.count({ where }),
    db.prompt.findMany({
      where,
      orderBy: { position: "asc" },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { id: true, externalId: true, text: true, category: true, challenge: true, note: true, position: true },
    }),
  ]);
  return {
    items,
    total,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
  };
}

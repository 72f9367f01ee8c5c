import "server-only";
import { createHash } from "node:crypto";
import { db } from "../db";
import { codeVersion } from "./code-version";
import { settingsQuery, type ResultsSettings } from "./settings";
import { run } from "../db/prepared";
import { AppError } from "../errors";
import { RESULTS_STATE, type ResultsStateRow } from "./statements";

/**
 * Computed results, kept per (campaign, settings, code version) with the key of the state they
 * were computed from: the campaign's kept judgment version (moved by every new judgment and every
 * undo, migration results_cache), its last edit and its flagged annotators. A visit whose state
 * key matches answers from here without reading a judgment: from this process's memory, else
 * from the ResultsCache table (shared by every web server, kept across restarts).
 */

/** Where an answer came from: computed now, or kept (this process's memory, the database), or kept but older than the data ("stale"). */
export type CacheSource = "computed" | "memory" | "database" | "stale";

export interface CacheAddress {
  campaignId: string;
  settingsKey: string;
  codeVersion: string;
}

/**
 * The settings as a key: canonical (defaults left out, fixed order, exclusions sorted), without
 * the reference model, which changes how figures are read, not the figures.
 */
export function settingsKey(settings: ResultsSettings): string {
  return settingsQuery({ ...settings, exclude: [...settings.exclude].sort(), reference: null }).toString();
}

export function cacheAddress(campaignId: string, settings: ResultsSettings): CacheAddress {
  const code = codeVersion();
  return { campaignId, settingsKey: settingsKey(settings), codeVersion: `${code.version}+${code.commit ?? "unknown"}` };
}

/**
 * The key of the data and campaign state results are computed from: `<judgment version>.<digest
 * of the participants and their address hashes>:<hash of the campaign's last edit and its flags>`.
 * Keys that differ only before the colon differ only by judgments added or undone and by
 * annotators joining (onlyJudgmentsMoved). Everything the crowd-quality flags read is in it: the
 * judgments, the address hashes (shared device), the campaign's rules (its last edit) and the
 * flags set while voting; the settings (excludeFlagged included) are in the address.
 */
export function stateKey(state: ResultsStateRow): string {
  const campaign = createHash("sha256")
    .update(JSON.stringify([state.updatedAt.toISOString(), state.flagged]))
    .digest("hex")
    .slice(0, 32);
  return `${state.version}.${state.participants}:${campaign}`;
}

/** Whether two state keys differ at most by judgments and participants (same campaign edit, same flags). */
export function onlyJudgmentsMoved(kept: string, current: string): boolean {
  return kept.slice(kept.indexOf(":")) === current.slice(current.indexOf(":"));
}

const MEMORY_ENTRIES = 32;
const memory = new Map<string, { stateKey: string; value: unknown }>();
const memoryKey = (a: CacheAddress) => `${a.campaignId}\u0000${a.settingsKey}\u0000${a.codeVersion}`;

export interface Kept<T> {
  stateKey: string;
  value: T;
  source: "memory" | "database";
}

/** The kept results at an address (whatever state they were computed from), or null. */
export async function keptResults<T>(address: CacheAddress, wantedState: string): Promise<Kept<T> | null> {
  const inMemory = memory.get(memoryKey(address));
  if (inMemory?.stateKey === wantedState)
    return { stateKey: inMemory.stateKey, value: inMemory.value as T, source: "memory" };
  const row = await db.resultsCache.findUnique({
    where: { campaignId_settingsKey_codeVersion: address },
    select: { stateKey: true, body: true },
  });
  if (!row) return inMemory ? { stateKey: inMemory.stateKey, value: inMemory.value as T, source: "memory" } : null;
  const value = JSON.parse(row.body) as T;
  if (row.stateKey === wantedState) remember(address, row.stateKey, value);
  return { stateKey: row.stateKey, value, source: "database" };
}

/** Keeps results (in memory and in the database, replacing older ones at the same address). */
export async function keepResults(address: CacheAddress, state: string, value: unknown): Promise<void> {
  remember(address, state, value);
  const body = JSON.stringify(value);
  await db.resultsCache.upsert({
    where: { campaignId_settingsKey_codeVersion: address },
    create: { ...address, stateKey: state, body },
    update: { stateKey: state, body, createdAt: new Date() },
  });
}

function remember(address: CacheAddress, state: string, value: unknown) {
  const key = memoryKey(address);
  memory.delete(key);
  memory.set(key, { stateKey: state, value });
  while (memory.size > MEMORY_ENTRIES) memory.delete(memory.keys().next().value!);
}

/** Forgets what this process keeps in memory (benches measure the database and cold paths with it). */
export function forgetMemory(): void {
  memory.clear();
}

const inFlight = new Map<string, Promise<unknown>>();

/** `compute` once per address and state at a time: concurrent callers share the one computation. */
export function singleFlight<T>(address: CacheAddress, state: string, compute: () => Promise<T>): Promise<T> {
  const key = `${memoryKey(address)}\u0000${state}`;
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const started = compute().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

/**
 * Results computed by `compute` for a campaign under `settings`, through the cache like a pairwise
 * campaign's (analyseCampaign): kept ones answer while the campaign's state key matches (no
 * answer added or undone — the kept counters count ratings and rankings too, migration
 * item_answer_counts —, no flag, no campaign edit); otherwise they are computed once however many
 * ask (singleFlight) and kept. The state is read before `compute` reads anything, so kept results
 * are never older than their key. Values are kept as JSON, and every answer is the JSON's reading
 * (a value from memory equals one from the database). `stale: true` (the live summary) accepts
 * kept results that lack only the newest answers and refreshes them in the background, as
 * analyseCampaign does. `part` names what is kept when it is not the results themselves (e.g.
 * the live summary's counts), kept apart from them. The caller has checked that the user may read
 * the campaign.
 */
export async function cachedResults<T>(
  campaignId: string,
  settings: ResultsSettings,
  compute: () => Promise<T>,
  options: { stale?: boolean; part?: string } = {},
): Promise<{ value: T; source: CacheSource }> {
  const [state] = await run(RESULTS_STATE, [campaignId]);
  if (!state) throw new AppError("NOT_FOUND", "Campaign not found");
  const results = cacheAddress(campaignId, settings);
  const address = options.part ? { ...results, settingsKey: `${results.settingsKey}#${options.part}` } : results;
  const wanted = stateKey(state);
  const kept = await keptResults<T>(address, wanted);
  if (kept && kept.stateKey === wanted) return { value: kept.value, source: kept.source };
  const refresh = () =>
    singleFlight(address, wanted, async () => {
      const computed = JSON.parse(JSON.stringify(await compute())) as T;
      await keepResults(address, wanted, computed);
      return computed;
    });
  if (kept && options.stale && onlyJudgmentsMoved(kept.stateKey, wanted)) {
    refresh().catch(() => {}); // a failure shows on the next visit that needs fresh results
    return { value: kept.value, source: "stale" };
  }
  return { value: await refresh(), source: "computed" };
}

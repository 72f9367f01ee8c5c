import type { CurrentUser } from "../../lib/auth/guard";
import type { CampaignSummary } from "../../lib/campaigns/campaign-summary";
import type { GenerationProgress } from "../../lib/generation/generation-progress";

/**
 * `photogenic campaign watch`: progress bars for generation, then for judgments, with rate and
 * ETA, redrawn in place on a terminal (one line per change otherwise, for logs). Exits 0 when the
 * campaign reaches `until`, 1 when generation ended with failed images, 2 on --timeout.
 */
export type WatchUntil = "generated" | "complete";

export function bar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.min(width, Math.round((width * done) / total)) : 0;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "ETA ?";
  if (seconds < 90) return `ETA ${Math.round(seconds)}s`;
  if (seconds < 5400) return `ETA ${Math.round(seconds / 60)}m`;
  return `ETA ${(seconds / 3600).toFixed(1)}h`;
}

export function generationLines(p: GenerationProgress): string[] {
  const rate = p.models.reduce((s, m) => s + m.imagesPerSecond, 0);
  const remaining = p.total - p.done - p.failed;
  const lines = [
    `generation  ${bar(p.done, p.total)} ${p.done}/${p.total} images  ${p.failed} failed  ${rate.toFixed(1)} img/s  ` +
      `${formatEta(remaining === 0 ? 0 : rate > 0 ? remaining / rate : null)}  ${p.workers.length} workers`,
  ];
  const width = Math.max(10, ...p.models.map((m) => m.model.length));
  for (const m of p.models)
    lines.push(
      `  ${m.model.padEnd(width)} ${bar(m.done, m.total, 20)} ${m.done}/${m.total}  ${m.imagesPerSecond.toFixed(1)} img/s  ${formatEta(m.etaSeconds)}`,
    );
  return lines;
}

export function annotationLines(s: CampaignSummary): string[] {
  if (s.items) return itemLines(s, s.items);
  // Against the target: judgments on regular pairs (the criteria's counts); gold ones apart.
  const target = s.criteria.reduce((sum, c) => sum + c.target * s.pairs, 0);
  const regular = s.criteria.reduce((sum, c) => sum + c.judgments, 0);
  const lines = [
    `judgments   ${bar(regular, target)} ${regular}/${target} on model pairs${s.judgmentsOnGold > 0 ? ` + ${s.judgmentsOnGold} on gold` : ""}  ${s.judgmentsLastHour}/h  ` +
      `${formatEta(regular >= target && target > 0 ? 0 : s.etaSeconds)}  ${s.annotators} annotators`,
  ];
  const width = Math.max(10, ...s.criteria.map((c) => c.key.length));
  for (const c of s.criteria)
    lines.push(
      `  ${c.key.padEnd(width)} ${bar(c.pairsComplete, s.pairs, 20)} ${c.pairsComplete}/${s.pairs} pairs complete  ${c.judgments} judgments`,
    );
  return lines;
}

/** A rating or ranking campaign: its ratings or rankings against the target, images or sets complete per aspect. */
function itemLines(s: CampaignSummary, items: NonNullable<CampaignSummary["items"]>): string[] {
  const target = items.progress.reduce((sum, p) => sum + p.target * items.items, 0);
  const done = items.progress.reduce((sum, p) => sum + p.answers, 0);
  const answers = `${items.answer}s`;
  const lines = [
    `${answers.padEnd(11)} ${bar(done, target)} ${done}/${target}  ${s.judgmentsLastHour}/h  ` +
      `${formatEta(done >= target && target > 0 ? 0 : s.etaSeconds)}  ${s.annotators} annotators`,
  ];
  const width = Math.max(10, ...items.progress.map((p) => p.key.length));
  for (const p of items.progress)
    lines.push(
      `  ${p.key.padEnd(width)} ${bar(p.complete, items.items, 20)} ${p.complete}/${items.items} ${items.unit}s complete  ${p.answers} ${answers}`,
    );
  return lines;
}

export const isGenerated = (p: GenerationProgress) => p.total > 0 && p.done + p.failed === p.total;
export const isComplete = (s: CampaignSummary) =>
  s.status === "completed" ||
  (s.items
    ? s.items.items > 0 && s.items.progress.every((p) => p.complete >= s.items!.items)
    : s.pairs > 0 && s.criteria.every((c) => c.pairsComplete >= s.pairs));

export interface WatchOptions {
  until: WatchUntil;
  intervalMs: number;
  timeoutMs?: number;
  out?: NodeJS.WriteStream;
}

export async function watchCampaign(user: CurrentUser, campaignId: string, options: WatchOptions): Promise<number> {
  const { generationProgress } = await import("../../lib/generation/generation-progress");
  const { campaignSummary } = await import("../../lib/campaigns/campaign-summary");
  const out = options.out ?? process.stdout;
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let shown: string[] = [];
  const show = (lines: string[]) => {
    if (lines.join("\n") === shown.join("\n")) return;
    if (out.isTTY && shown.length > 0) out.write(`\x1b[${shown.length}F\x1b[J`);
    out.write(`${lines.join("\n")}\n`);
    shown = lines;
  };
  for (;;) {
    const progress = await generationProgress(user, campaignId);
    const lines = [`${campaignId}: ${progress.status}`, ...generationLines(progress)];
    if (isGenerated(progress) && progress.failed > 0) {
      show(lines);
      out.write(`${progress.failed} images failed: retry them on the campaign page, then watch again\n`);
      return 1;
    }
    if (isGenerated(progress) && options.until === "generated") {
      show(lines);
      return 0;
    }
    if (isGenerated(progress) && progress.status !== "generating") {
      const summary = await campaignSummary(user, campaignId);
      lines.push(...annotationLines(summary));
      if (isComplete(summary)) {
        show(lines);
        return 0;
      }
    }
    show(lines);
    if (Date.now() >= deadline) {
      out.write(`timed out before the campaign was ${options.until}\n`);
      return 2;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}

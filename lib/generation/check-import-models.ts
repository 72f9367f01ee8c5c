import "server-only";
import { db } from "../db";
import { AppError, type FieldIssue } from "../errors";
import { adapterKindOf } from "./adapter-kind";
import { parseAdapterConfig } from "../models/config";
import { ModelConfigError } from "../models/errors";
import { planImport } from "../models/import/plan";

/**
 * Before a campaign with `import` models generates anything: every image file must decode and
 * map to a prompt of the campaign, and every (prompt, seed) must have its image. Any problem
 * refuses the launch with each file or line named, and nothing is written.
 */
export async function checkImportModels(campaignId: string): Promise<void> {
  const models = await db.campaignModel.findMany({
    where: { campaignId, model: { adapterKind: "import" } },
    orderBy: { position: "asc" },
    select: { model: { select: { name: true, adapterKind: true, config: true } } },
  });
  if (models.length === 0) return;
  const imports = models.map((m) => m.model);
  const campaign = await db.campaign.findUniqueOrThrow({
    where: { id: campaignId },
    select: { seedsPerPrompt: true, prompts: { select: { prompt: { select: { externalId: true, text: true } } } } },
  });
  const prompts = campaign.prompts.map(({ prompt }) => ({ id: prompt.externalId, text: prompt.text }));
  const seeds = Array.from({ length: campaign.seedsPerPrompt }, (_, i) => i);
  const issues: FieldIssue[] = [];
  for (const model of imports) {
    let config: { source: string; maxPixels: number };
    let report;
    try {
      // A config stored before a check existed (a source outside IMPORT_ROOT) fails here, by field.
      config = parseAdapterConfig(adapterKindOf(model.adapterKind), model.config) as typeof config;
    } catch (error) {
      if (!(error instanceof ModelConfigError)) throw error;
      for (const i of error.issues) issues.push({ field: `${model.name}: config.${i.path}`, message: i.message });
      continue;
    }
    try {
      report = await planImport(config.source, { prompts, seeds, maxPixels: config.maxPixels });
    } catch (error) {
      // An unreadable source (missing, not a folder or manifest) is the researcher's input, not a crash.
      issues.push({ field: `${model.name}: ${config.source}`, message: (error as Error).message });
      continue;
    }
    const at = (file: string, line?: number) => `${model.name}: ${file}${line ? `:${line}` : ""}`;
    for (const e of report.manifestErrors) issues.push({ field: at(config.source, e.line), message: e.reason });
    for (const f of report.undecodableFiles) issues.push({ field: at(f.file, f.line), message: f.reason });
    for (const f of report.extraFiles) issues.push({ field: at(f.file, f.line), message: f.reason });
    for (const p of report.missingPrompts) {
      issues.push({
        field: `${model.name}: prompt ${p.promptId}`,
        message: `no image for "${p.text}"${p.seeds ? ` (seeds ${p.seeds.join(", ")})` : ""}`,
      });
    }
  }
  if (issues.length) {
    throw new AppError(
      "VALIDATION",
      `Imported images do not match the campaign: ${issues.length} problem(s); first: ${issues[0].field}: ${issues[0].message}`,
      issues,
    );
  }
}

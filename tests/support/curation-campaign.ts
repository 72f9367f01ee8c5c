import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { CurationStageSpec } from "../../lib/curation/curation-spec";
import { makeUser, uid } from "./factories";

/** A small real image whose colour and width follow `i` (every image different bytes). */
export const curationTestImage = (i: number, format: "png" | "jpeg" = "png") =>
  sharp({
    create: { width: 24 + (i % 5), height: 16, channels: 3, background: { r: i % 256, g: (i * 7) % 256, b: 90 } },
  })
    .toFormat(format)
    .toBuffer();

/**
 * An annotating curation campaign (issue 22) of `images` small real images imported from a folder
 * with captions (`metadata.jsonl`, caption `photo <i> …`), made through the use cases as a
 * researcher does (createCampaignFromSpec, launch). IMPORT_ROOT is pointed at a fresh temporary
 * folder for this process.
 */
export async function makeCurationCampaign(options: {
  images: number;
  stages?: CurationStageSpec[];
  ownerPassword?: string;
  completionCode?: string;
}) {
  const { setEnv } = await import("../../lib/env");
  const { createCampaignFromSpec } = await import("../../lib/campaigns/create-campaign-from-spec");
  const { transitionCampaign } = await import("../../lib/campaigns/transition-campaign");
  const root = mkdtempSync(path.join(tmpdir(), "photogenic-curation-"));
  setEnv("IMPORT_ROOT", root);
  const folder = path.join(root, "photos");
  mkdirSync(folder);
  const lines: string[] = [];
  for (let i = 0; i < options.images; i++) {
    const file = `photo-${String(i).padStart(3, "0")}.png`;
    writeFileSync(path.join(folder, file), await curationTestImage(i));
    lines.push(JSON.stringify({ file_name: file, text: `photo ${i} of a lighthouse at dusk` }));
  }
  writeFileSync(path.join(folder, "metadata.jsonl"), lines.join("\n"));
  const owner = await makeUser("researcher", options.ownerPassword);
  const user = { id: owner.id, email: owner.email, name: owner.name, role: "researcher" as const };
  const { id: campaignId } = await createCampaignFromSpec(user, {
    name: uid("Lighthouse curation "),
    taskType: "curation",
    curation: { imageFolder: "photos", ...(options.stages ? { stages: options.stages } : {}) },
    minJudgmentMs: 0,
    completionCode: options.completionCode,
  });
  await transitionCampaign(user, campaignId, { action: "launch" });
  return { campaignId, owner, user, folder };
}

import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { makeDemoModel, makePromptSet, makeUser } from "../../tests/support/factories";
import { createCampaignFromSpec } from "./create-campaign-from-spec";
import { exportCampaignSpec } from "./export-campaign-spec";
import { locateIssues, readSpecFile } from "./spec-file";

/**
 * A spec file through the use case the command line and POST /api/campaigns share: names
 * resolved, every refusal located at its file line, and nothing written when a spec is refused.
 */
let owner: CurrentUser;
let setName: string;
let models: [string, string];

beforeAll(async () => {
  const user = await makeUser("researcher");
  owner = { id: user.id, email: user.email, name: user.name, role: "researcher" };
  const set = await makePromptSet(30, { categories: ["Animals", "Artifacts", "People"] });
  setName = set.name;
  const made = [await makeDemoModel("demo-smooth"), await makeDemoModel("demo-noisy")];
  models = [made[0].name, made[1].name];
});

const spec = (over: Record<string, string> = {}) => {
  const fields = {
    name: "name: spec campaign",
    promptSet: `promptSet: ${setName}`,
    subset: "subset:\n  mode: per-category\n  perCategory: 2\n  seed: 3",
    models: `models:\n  - ${models[0]}\n  - ${models[1]}`,
    seedsPerPrompt: "seedsPerPrompt: 2",
    criteria:
      "criteria:\n  - key: appeal\n    question: Which image is nicer?\n    showPrompt: false\n    choices: [left, right, tie]\n    judgmentsPerPair: 2",
    joinLink: "joinLink:\n  label: batch 1\n  maxAnnotators: 20",
    ...over,
  };
  return `${Object.values(fields).join("\n")}\n`;
};

async function create(text: string) {
  const file = readSpecFile(text, "spec.yaml");
  try {
    return await createCampaignFromSpec(owner, file.value);
  } catch (error) {
    throw error instanceof AppError ? locateIssues(error, file) : error;
  }
}

async function rowCounts() {
  const [campaigns, criteria, prompts, links] = await Promise.all([
    db.campaign.count(),
    db.criterion.count(),
    db.campaignPrompt.count(),
    db.joinLink.count(),
  ]);
  return { campaigns, criteria, prompts, links };
}

/** The refusal of `text`: its located issues (`spec.yaml:LINE: path`), with nothing written. */
async function refusal(text: () => string): Promise<string[]> {
  const before = await rowCounts();
  const error = await (async () => create(text()))().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(422);
  expect(await rowCounts()).toEqual(before);
  return (error as AppError).issues.map((i) => `${i.field}: ${i.message}`);
}

describe("campaign spec files", () => {
  it("create a campaign by names, with its subset, criteria, seeds and join link; export gives the spec back", async () => {
    const { id, joinLink } = await create(spec());
    expect(joinLink?.path).toMatch(/^\/join\//);
    const campaign = await db.campaign.findUniqueOrThrow({
      where: { id },
      include: { criteria: true, models: { include: { model: true } }, _count: { select: { prompts: true } } },
    });
    expect(campaign.ownerId).toBe(owner.id);
    expect(campaign._count.prompts).toBe(6); // 2 per category × 3 categories
    expect(campaign.seedsPerPrompt).toBe(2);
    expect(campaign.criteria.map((c) => [c.key, c.judgmentsPerPair])).toEqual([["appeal", 2]]);
    expect(campaign.models.map((m) => m.model.name).sort()).toEqual([...models].sort());

    const exported = await exportCampaignSpec(owner, id);
    expect(exported).toMatchObject({
      promptSet: `${setName}@1`,
      models: models.map((m) => `${m}@1`),
      seedsPerPrompt: 2,
      subset: { mode: "per-category", perCategory: 2, seed: 3 },
      joinLink: { label: "batch 1", maxAnnotators: 20 },
    });
    expect(exported.prompts).toHaveLength(6);
    // The export is itself a valid spec and recreates the same prompts.
    const again = await createCampaignFromSpec(owner, exported);
    const promptsOf = async (campaignId: string) =>
      (await db.campaignPrompt.findMany({ where: { campaignId }, select: { promptId: true } }))
        .map((p) => p.promptId)
        .sort();
    expect(await promptsOf(again.id)).toEqual(await promptsOf(id));
  });

  it("refuses an unknown model at its line", async () => {
    const issues = await refusal(() => spec({ models: `models:\n  - ${models[0]}\n  - no-such-model` }));
    expect(issues).toEqual([`spec.yaml:9: models.1: unknown model "no-such-model" (photogenic models list)`]);
  });

  it("refuses an unknown prompt set at its line", async () => {
    const issues = await refusal(() => spec({ promptSet: "promptSet: no-such-set" }));
    expect(issues[0]).toMatch(/^spec\.yaml:2: promptSet: no prompt set named "no-such-set"/);
  });

  it("refuses a subset that selects no prompt at the subset's line", async () => {
    const issues = await refusal(() => spec({ subset: "subset:\n  mode: all\n  includeCategories: [Vehicles]" }));
    expect(issues).toEqual(["spec.yaml:3: subset: selects no prompts"]);
  });

  it("refuses a criterion without its question at the criterion's line", async () => {
    const issues = await refusal(() =>
      spec({
        criteria:
          "criteria:\n  - key: appeal\n    showPrompt: false\n    choices: [left, right]\n    judgmentsPerPair: 2",
      }),
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^spec\.yaml:12: criteria\.0\.question: /);
  });

  it("refuses wrong types and unknown fields, each at its line", async () => {
    const issues = await refusal(() =>
      spec({ seedsPerPrompt: "seedsPerPrompt: two\ngoldRate: lots\nseedPerPrompt: 3" }),
    );
    expect(issues.map((i) => i.split(": ").slice(0, 2).join(": "))).toEqual([
      "spec.yaml:10: seedsPerPrompt",
      "spec.yaml:11: goldRate",
      "spec.yaml:12: seedPerPrompt",
    ]);
    expect(issues[2]).toMatch(/unknown field$/);
  });

  it("refuses a YAML syntax error at its line", async () => {
    const issues = await refusal(() => spec({ models: `models: [${models[0]}, ${models[1]}` }));
    expect(issues[0]).toMatch(/^spec\.yaml:\d+: syntax error: /);
    expect(Number(/^spec\.yaml:(\d+)/.exec(issues[0])![1])).toBeGreaterThanOrEqual(6);
  });
});

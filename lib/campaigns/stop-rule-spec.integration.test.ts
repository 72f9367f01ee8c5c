import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { makeDemoModel, makePromptSet, makeUser } from "../../tests/support/factories";
import { createCampaignFromSpec } from "./create-campaign-from-spec";
import { exportCampaignSpec } from "./export-campaign-spec";
import { locateIssues, readSpecFile } from "./spec-file";

/**
 * `stopRule` and the adaptive design through the use case POST /api/campaigns, the wizard and
 * `photogenic campaign create` share: stored, exported back, and every bad field named (with its
 * line in a spec file), nothing written.
 */
let owner: CurrentUser;
let setName: string;
let models: string[];

beforeAll(async () => {
  const user = await makeUser("researcher");
  owner = { id: user.id, email: user.email, name: user.name, role: "researcher" };
  setName = (await makePromptSet(6)).name;
  models = [];
  for (let i = 0; i < 3; i++) models.push((await makeDemoModel()).name);
});

const spec = (extra: string, modelCount = 2) =>
  [
    "name: stop rule campaign",
    `promptSet: ${setName}`,
    "models:",
    ...models.slice(0, modelCount).map((m) => `  - ${m}`),
    extra,
  ].join("\n") + "\n";

async function create(text: string) {
  const file = readSpecFile(text, "spec.yaml");
  try {
    return await createCampaignFromSpec(owner, file.value);
  } catch (error) {
    throw error instanceof AppError ? locateIssues(error, file) : error;
  }
}

async function refusal(text: string): Promise<{ field: string; message: string }[]> {
  const before = await db.campaign.count();
  const error = await create(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("VALIDATION");
  expect(await db.campaign.count()).toBe(before);
  return (error as AppError).issues;
}

describe("stopRule in a campaign spec", () => {
  it("stores the rule and the adaptive design, and exports them back", async () => {
    const { id } = await create(
      spec(
        "pairDesign: adaptive\nstopRule:\n  margin: 0.1\n  alpha: 0.01\n  judgmentBudget: 500\n  moneyBudget: 40\n  pricePerJudgment: 0.05",
        3,
      ),
    );
    const c = await db.campaign.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({
      pairDesign: "adaptive",
      stopWhenDecided: true,
      stopMargin: 0.1,
      stopAlpha: 0.01,
      judgmentBudget: 500,
      moneyBudget: 40,
      pricePerJudgment: 0.05,
    });
    const exported = await exportCampaignSpec(owner, id);
    expect(exported.pairDesign).toBe("adaptive");
    expect(exported.stopRule).toEqual({
      margin: 0.1,
      alpha: 0.01,
      judgmentBudget: 500,
      moneyBudget: 40,
      pricePerJudgment: 0.05,
    });
    // An empty rule is the defaults: 50 % ± 5 %, α = 0.05, no budget.
    const plain = await create(spec("stopRule: {}"));
    expect(await db.campaign.findUniqueOrThrow({ where: { id: plain.id } })).toMatchObject({
      stopWhenDecided: true,
      stopMargin: 0.05,
      stopAlpha: 0.05,
      judgmentBudget: null,
    });
    const none = await create(spec(""));
    expect((await db.campaign.findUniqueOrThrow({ where: { id: none.id } })).stopWhenDecided).toBe(false);
    expect((await exportCampaignSpec(owner, none.id)).stopRule).toBeUndefined();
  });

  it("names each bad field of the rule at its line", async () => {
    const issues = await refusal(
      spec("stopRule:\n  margin: 0.6\n  alpha: 0\n  judgmentBudget: 2.5\n  moneyBudget: 10\n  colour: red"),
    );
    const fields = issues.map((i) => i.field);
    expect(fields).toContain("spec.yaml:7: stopRule.margin");
    expect(fields).toContain("spec.yaml:8: stopRule.alpha");
    expect(fields).toContain("spec.yaml:9: stopRule.judgmentBudget");
    expect(fields).toContain("spec.yaml:11: stopRule.colour");
    expect(issues.find((i) => i.field.endsWith("stopRule.margin"))!.message).toMatch(/0\.25/);
    expect(issues.find((i) => i.field.endsWith("stopRule.colour"))!.message).toBe("unknown field");
  });

  it("refuses a money budget without a price per judgment, and the adaptive design with two models", async () => {
    const money = await refusal(spec("stopRule:\n  moneyBudget: 10"));
    expect(money).toEqual([
      { field: "spec.yaml:6: stopRule.pricePerJudgment", message: "a money budget needs pricePerJudgment" },
    ]);
    const adaptive = await refusal(spec("pairDesign: adaptive"));
    expect(adaptive).toEqual([{ field: "spec.yaml:6: pairDesign", message: "adaptive needs at least three models" }]);
  });

  it("refuses what the wizard sends for a field left unreadable (a number field that is not a number)", async () => {
    // The wizard posts JSON; Number("abc") is NaN, which JSON sends as null.
    const error = await createCampaignFromSpec(owner, {
      name: "wizard",
      promptSet: setName,
      models: models.slice(0, 2),
      stopRule: { margin: null, alpha: 0.05 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).issues.map((i) => i.field)).toEqual(["stopRule.margin"]);
  });
});

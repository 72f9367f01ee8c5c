import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { setEnv } from "../env";
import { AppError } from "../errors";
import type { CurrentUser } from "../auth/guard";
import { createCampaignFromSpec } from "../campaigns/create-campaign-from-spec";
import { transitionCampaign } from "../campaigns/transition-campaign";
import { exportCampaignSpec } from "../campaigns/export-campaign-spec";
import { campaignSpecSchema } from "../campaigns/campaign-spec";
import { annotatorPseudonym } from "../results/pseudonyms";
import {
  joinCampaign,
  makeAnnotators,
  makeCampaignImages,
  makeDemoModel,
  makePromptSet,
  makeUser,
  uid,
} from "../../tests/support/factories";
import { createCampaign } from "../campaigns/create-campaign";
import { advanceWhenReady } from "../campaigns/advance-when-ready";
import { curationTestImage, makeCurationCampaign } from "../../tests/support/curation-campaign";
import { nextCurationView, type CurationView } from "./curation-view";
import { submitCurationVote } from "./submit-curation";
import { undoCurationVote } from "./undo-curation";
import { curationAssignmentImage } from "./curation-image";
import { listCurationMembers, setCurationExpert } from "./experts";
import { loadCuration } from "./curation-records";
import { acceptedSetArchive, exportAcceptedSetToFolder } from "./export-accepted-set";

/**
 * The curation task type end to end below the browser (issue 22): a folder of images with captions
 * imported (every bad input named by file and line, nothing written), two stages voted — the crowd
 * on every image, then the experts only on the survivors — and the accepted set exported as an
 * imagefolder dataset (images + metadata.jsonl) with a manifest naming every decision.
 */

const root = mkdtempSync(path.join(tmpdir(), "photogenic-curation-"));
beforeAll(() => setEnv("IMPORT_ROOT", root));

const asUser = (u: { id: string; email: string | null; name: string | null }): CurrentUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: "researcher",
});

const image = curationTestImage;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "it was accepted").toBeInstanceOf(AppError);
  return error as AppError;
}

/** Votes as `decide` says until nothing is served; returns the views answered. */
async function voteUntilDone(
  campaignId: string,
  annotatorId: string,
  decide: (view: CurationView) => boolean,
): Promise<CurationView[]> {
  const seen: CurationView[] = [];
  for (let next = await nextCurationView(campaignId, annotatorId); next.kind === "curation";) {
    seen.push(next.view);
    const result = await submitCurationVote(annotatorId, {
      assignmentId: next.view.assignmentId,
      accept: decide(next.view),
      idempotencyKey: uid("cur-"),
      nextFor: campaignId,
    });
    next = result.next!;
  }
  return seen;
}

/** A draft curation campaign of one demo model's images on `prompts` new prompts. */
async function draftCurationOfModels(ownerId: string, prompts: number, stages: { votes: number; accept?: number }[]) {
  const set = await makePromptSet(prompts, { ownerId });
  const model = await makeDemoModel();
  const { id: campaignId } = await createCampaign(ownerId, {
    name: uid("curation of models "),
    taskType: "curation",
    promptSetId: set.id,
    modelIds: [model.id],
    curation: { stages },
  });
  return { campaignId, set, model };
}

const indexOf = (caption: string) => Number(/photo (\d+) /.exec(caption)![1]);
const fileOf = (i: number) => `img-${String(i).padStart(3, "0")}.${i % 10 === 9 ? "jpg" : "png"}`;
const exportNameOf = (i: number) => fileOf(i).replace(/\.jpg$/, ".png");
const captionOf = (i: number) => `photo ${i} of a quiet harbour, "golden hour"`;

/** Stage 1: crowd annotator j (0..2) accepts image i when j < i mod 4; majority of 3 keeps i mod 4 ∈ {2, 3}. */
const crowdAccepts = (i: number, j: number) => j < i % 4;
/** Stage 2: both experts must accept; expert 0 rejects multiples of 3, expert 1 multiples of 5. */
const expertAccepts = (i: number, k: number) => (k === 0 ? i % 3 !== 0 : i % 5 !== 0);

describe("a two-stage curation of 200 imported images", () => {
  it("votes stage 1 by the crowd and stage 2 by the experts on the survivors only, and exports exactly the accepted set", async () => {
    const folder = path.join(root, "harbour");
    mkdirSync(folder);
    const N = 200;
    for (let i = 0; i < N; i++)
      writeFileSync(path.join(folder, fileOf(i)), await image(i, fileOf(i).endsWith(".jpg") ? "jpeg" : "png"));
    writeFileSync(
      path.join(folder, "metadata.jsonl"),
      Array.from({ length: N }, (_, i) => JSON.stringify({ file_name: fileOf(i), text: captionOf(i) })).join("\n"),
    );

    const owner = await makeUser("researcher");
    const { id: campaignId } = await createCampaignFromSpec(asUser(owner), {
      name: uid("Harbour curation "),
      taskType: "curation",
      curation: {
        imageFolder: "harbour",
        stages: [
          { votes: 3, accept: "majority" },
          { votes: 2, accept: 2 },
        ],
      },
      minJudgmentMs: 0,
    });
    const campaign = await db.campaign.findUniqueOrThrow({
      where: { id: campaignId },
      include: { criteria: { orderBy: { position: "asc" } }, _count: { select: { images: true, models: true } } },
    });
    expect(campaign._count).toEqual({ images: N, models: 0 });
    expect(campaign.criteria.map((c) => [c.key, c.judgmentsPerPair])).toEqual([
      ["stage_1", 3],
      ["stage_2", 2],
    ]);
    expect(campaign.curation).toMatchObject({ rubric: expect.stringContaining("Composition") });
    expect(await db.curationItem.count({ where: { campaignId, stage: 1 } })).toBe(N);
    expect((await transitionCampaign(asUser(owner), campaignId, { action: "launch" })).status).toBe("annotating");

    const crowd = await makeAnnotators(3);
    const experts = await makeAnnotators(2);
    await joinCampaign(campaignId, [...crowd, ...experts]);
    for (const userId of experts) await setCurationExpert(asUser(owner), campaignId, { userId, expert: true });
    const members = await listCurationMembers(asUser(owner), campaignId);
    expect(members.filter((m) => m.expert).map((m) => m.userId)).toEqual(experts);

    // The view is blind: the image by assignment only; its bytes are a display copy, not the file.
    const first = await nextCurationView(campaignId, crowd[0]);
    if (first.kind !== "curation") throw new Error("nothing served");
    expect(first.view.image).toBe(`/api/curation-assignments/${first.view.assignmentId}/image`);
    expect(JSON.stringify(first)).not.toMatch(/img-\d{3}|harbour"|\.png|\.jpg/);
    const shown = await sharp(await curationAssignmentImage(crowd[0], first.view.assignmentId)).metadata();
    expect(shown.format).toBe("webp");
    await expect(curationAssignmentImage(crowd[1], first.view.assignmentId)).rejects.toThrow(/not found/i);

    // Stage 1: each crowd annotator is served every image once, and never a stage-2 item.
    for (const [j, annotator] of crowd.entries()) {
      const views = await voteUntilDone(campaignId, annotator, (v) => crowdAccepts(indexOf(v.caption), j));
      expect(views.length, `crowd ${j}`).toBe(N);
      expect(new Set(views.map((v) => v.stage))).toEqual(new Set([1]));
    }
    const survivors1 = Array.from({ length: N }, (_, i) => i).filter((i) => i % 4 >= 2);
    expect(await db.curationItem.count({ where: { campaignId, stage: 2 } })).toBe(survivors1.length);
    // A fourth crowd annotator gets nothing: stage 1 is full and stage 2 is for experts.
    const [late] = await makeAnnotators(1);
    await joinCampaign(campaignId, [late]);
    expect((await nextCurationView(campaignId, late)).kind).toBe("finished");

    // Stage 2: each expert is served exactly the survivors.
    for (const [k, expert] of experts.entries()) {
      const views = await voteUntilDone(campaignId, expert, (v) => expertAccepts(indexOf(v.caption), k));
      expect(views.map((v) => v.stage)).toEqual(survivors1.map(() => 2));
      expect(views.map((v) => indexOf(v.caption)).sort((a, b) => a - b)).toEqual(survivors1);
    }
    const accepted = survivors1.filter((i) => expertAccepts(i, 0) && expertAccepts(i, 1));

    // Results: acceptance per stage (Wilson), agreement, survivors.
    const records = await loadCuration(asUser(owner), campaignId);
    const [one, two] = records.summary.stages;
    expect([one.candidates, one.accepted, one.rejected, one.pending]).toEqual([N, 100, 100, 0]);
    expect(one.acceptance!.rate).toBe(0.5);
    expect(one.acceptance!.interval.lower).toBeLessThan(0.5);
    expect([two.candidates, two.accepted, two.rejected]).toEqual([100, accepted.length, 100 - accepted.length]);
    expect(records.summary.survivors.map((id) => indexOf(records.images.get(id)!.caption))).toEqual(accepted);

    // Export to a folder: exactly the accepted images, their captions in metadata.jsonl.
    const out = path.join(mkdtempSync(path.join(tmpdir(), "photogenic-export-")), "dataset");
    const exported = await exportAcceptedSetToFolder(asUser(owner), campaignId, out);
    expect(exported.images).toBe(accepted.length);
    expect(readdirSync(out).sort()).toEqual([...accepted.map(exportNameOf), "manifest.csv", "metadata.jsonl"].sort());
    const metadata = readFileSync(path.join(out, "metadata.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(metadata).toEqual(accepted.map((i) => ({ file_name: exportNameOf(i), text: captionOf(i) })));
    for (const i of accepted) {
      const written = readFileSync(path.join(out, exportNameOf(i)));
      if (fileOf(i).endsWith(".png"))
        expect(written.equals(readFileSync(path.join(folder, fileOf(i)))), fileOf(i)).toBe(true);
      else expect(await sharp(written).metadata()).toMatchObject({ format: "png", width: 24 + (i % 5), height: 16 });
    }

    // The manifest names each decision: who (pseudonym and role), what (file, vote), at which stage.
    const [head, ...rows] = readFileSync(path.join(out, "manifest.csv"), "utf8").trim().split("\r\n");
    expect(head).toBe("stage,file_name,image,annotator,role,vote,stage_decision,in_dataset,voted_at,stage_rules");
    expect(rows.every((r) => r.endsWith(",majority of 3 | at least 2 of 2 accept"))).toBe(true);
    const expected = new Set<string>();
    const who = (id: string) => annotatorPseudonym(campaignId, id);
    for (let i = 0; i < N; i++)
      crowd.forEach((a, j) => {
        const decision = survivors1.includes(i) ? "accepted" : "rejected";
        const vote = crowdAccepts(i, j) ? "accept" : "reject";
        expected.add(`1,${exportNameOf(i)},${who(a)},crowd,${vote},${decision},${accepted.includes(i)}`);
      });
    for (const i of survivors1)
      experts.forEach((a, k) => {
        const decision = accepted.includes(i) ? "accepted" : "rejected";
        const vote = expertAccepts(i, k) ? "accept" : "reject";
        expected.add(`2,${exportNameOf(i)},${who(a)},expert,${vote},${decision},${accepted.includes(i)}`);
      });
    const got = rows.map((r) => {
      const [stage, file, , annotator, role, vote, decision, inDataset] = r.split(",");
      return `${stage},${file},${annotator},${role},${vote},${decision},${inDataset}`;
    });
    expect(got.length).toBe(N * 3 + survivors1.length * 2);
    expect(new Set(got)).toEqual(expected);

    // The archive holds the same files, in one folder.
    const { name, stream } = await acceptedSetArchive(asUser(owner), campaignId);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const tar = gunzipSync(Buffer.concat(chunks));
    const entries = new Map<string, Buffer>();
    for (let at = 0; at + 512 <= tar.length && tar[at] !== 0;) {
      const entryName = tar
        .subarray(at, at + 100)
        .toString("utf8")
        .replace(/\0.*$/s, "");
      const size = parseInt(tar.subarray(at + 124, at + 136).toString("ascii"), 8);
      entries.set(entryName, tar.subarray(at + 512, at + 512 + size));
      at += 512 + Math.ceil(size / 512) * 512;
    }
    expect([...entries.keys()].sort()).toEqual(
      readdirSync(out)
        .map((f) => `${name}/${f}`)
        .sort(),
    );
    for (const f of readdirSync(out))
      expect(entries.get(`${name}/${f}`)!.equals(readFileSync(path.join(out, f))), f).toBe(true);

    // Another researcher sees none of it.
    const stranger = asUser(await makeUser("researcher"));
    await expect(loadCuration(stranger, campaignId)).rejects.toThrow(/not found/i);
    await expect(setCurationExpert(stranger, campaignId, { userId: crowd[0], expert: true })).rejects.toThrow(
      /not found/i,
    );
  }, 240_000);
});

describe("curation votes", () => {
  it("are idempotent, refuse another's assignment, and an undo withdraws an image that no longer survives", async () => {
    const folder = path.join(root, "small");
    mkdirSync(folder);
    for (let i = 0; i < 3; i++) {
      writeFileSync(path.join(folder, `s${i}.png`), await image(i));
      writeFileSync(path.join(folder, `s${i}.txt`), `photo ${i} of a boat\n`);
    }
    const owner = await makeUser("researcher");
    const { id: campaignId } = await createCampaignFromSpec(asUser(owner), {
      name: uid("small "),
      taskType: "curation",
      curation: { imageFolder: "small", stages: [{ votes: 2, accept: 1 }, { votes: 1 }] },
      minJudgmentMs: 0,
    });
    // The exported spec recreates it from the folder: no prompt set, no models.
    const spec = await exportCampaignSpec(asUser(owner), campaignId);
    expect(spec).toMatchObject({
      taskType: "curation",
      curation: {
        imageFolder: "small",
        stages: [
          { votes: 2, accept: 1 },
          { votes: 1, accept: "majority" },
        ],
      },
    });
    expect(Object.keys(spec)).not.toContain("models");
    expect(Object.keys(spec)).not.toContain("promptSet");
    expect(campaignSpecSchema.safeParse(spec).success).toBe(true);
    // Launch opens it at once (no generation), and so does resume after a pause.
    for (const [action, status] of [
      ["launch", "annotating"],
      ["pause", "paused"],
      ["resume", "annotating"],
    ] as const)
      expect((await transitionCampaign(asUser(owner), campaignId, { action })).status).toBe(status);
    const [a, b] = await makeAnnotators(2);
    await joinCampaign(campaignId, [a, b]);
    const next = await nextCurationView(campaignId, a);
    if (next.kind !== "curation") throw new Error("nothing served");
    const body = { assignmentId: next.view.assignmentId, accept: true, idempotencyKey: uid("k-") };
    const first = await submitCurationVote(a, body);
    expect(first.decision).toBe("accepted"); // one accept of two keeps it
    expect(await submitCurationVote(a, body)).toMatchObject({ curationId: first.curationId, replayed: true });
    expect((await refusal(submitCurationVote(a, { ...body, accept: false }))).code).toBe("CONFLICT");
    expect((await refusal(submitCurationVote(b, { ...body, idempotencyKey: uid("k-") }))).code).toBe("NOT_FOUND");
    const bad = await refusal(submitCurationVote(a, { ...body, accept: "yes" }));
    expect(bad.issues.map((i) => i.field)).toContain("accept");
    expect(await db.curationItem.count({ where: { campaignId, stage: 2 } })).toBe(1);
    expect((await refusal(undoCurationVote(b, first.curationId))).code).toBe("NOT_FOUND");
    await undoCurationVote(a, first.curationId);
    expect(await db.curationItem.count({ where: { campaignId, stage: 2 } })).toBe(0);
    // The undone image is shown again first.
    const again = await nextCurationView(campaignId, a);
    expect(again.kind === "curation" && again.view.assignmentId).toBe(body.assignmentId);
  });
});

describe("a curation campaign of generated images", () => {
  it("makes each generated image a stage-1 item as the campaign advances (once), its caption the prompt", async () => {
    const owner = await makeUser("researcher");
    const { campaignId, set, model } = await draftCurationOfModels(owner.id, 3, [{ votes: 1 }]);
    expect((await transitionCampaign(asUser(owner), campaignId, { action: "launch" })).status).toBe("generating");
    await makeCampaignImages(campaignId, set.prompts, [model]);
    expect(await advanceWhenReady(campaignId)).toBe("annotating");
    await advanceWhenReady(campaignId);
    expect(await db.curationItem.count({ where: { campaignId, stage: 1 } })).toBe(3);
    const [annotator] = await makeAnnotators(1);
    await joinCampaign(campaignId, [annotator]);
    const next = await nextCurationView(campaignId, annotator);
    expect(next.kind === "curation" && set.prompts.map((p) => p.text)).toContain(
      next.kind === "curation" && next.view.caption,
    );
    expect(JSON.stringify(next)).not.toContain(model.name);
  });
});

describe("importing a folder for curation: bad input is named by file and line, and nothing is written", () => {
  const spec = (imageFolder: string) => ({
    name: uid("bad "),
    taskType: "curation" as const,
    curation: { imageFolder },
  });
  const attempt = async (imageFolder: string) => {
    const owner = asUser(await makeUser("researcher"));
    const before = [await db.campaign.count(), await db.promptSet.count(), await db.image.count()];
    const error = await refusal(createCampaignFromSpec(owner, spec(imageFolder)));
    expect([await db.campaign.count(), await db.promptSet.count(), await db.image.count()]).toEqual(before);
    expect(error.code).toBe("VALIDATION");
    return error;
  };

  it("caption files: a missing one, an empty one; an image that does not decode; a file that is no image", async () => {
    const folder = path.join(root, "sidecars");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "ok.png"), await image(1));
    writeFileSync(path.join(folder, "ok.txt"), "a fine photo");
    writeFileSync(path.join(folder, "nocaption.png"), await image(2));
    writeFileSync(path.join(folder, "blank.png"), await image(3));
    writeFileSync(path.join(folder, "blank.txt"), "  \n");
    writeFileSync(path.join(folder, "truncated.png"), (await image(4)).subarray(0, 60));
    writeFileSync(path.join(folder, "truncated.txt"), "cut short");
    writeFileSync(path.join(folder, "fake.jpg"), "this is not a picture");
    writeFileSync(path.join(folder, "fake.txt"), "a text file named .jpg");
    const error = await attempt("sidecars");
    expect(new Set(error.issues.map((i) => i.field))).toEqual(new Set(["curation.imageFolder"]));
    expect(error.issues.map((i) => i.message)).toEqual([
      "blank.txt: the caption is empty",
      "nocaption.png: missing caption file nocaption.txt (or list every image in metadata.jsonl)",
      expect.stringMatching(/^fake\.jpg: unreadable image: not a PNG, JPEG or WebP/),
      expect.stringMatching(/^truncated\.png: unreadable image: PNG does not decode/),
    ]);
    expect(error.message).toMatch(/Invalid image folder sidecars: 4 problems/);
  });

  it("metadata.jsonl: each bad line by its number, an image it does not list, a file it names that is missing", async () => {
    const folder = path.join(root, "jsonl");
    mkdirSync(folder);
    for (const n of ["a", "b", "c", "d"]) writeFileSync(path.join(folder, `${n}.png`), await image(n.charCodeAt(0)));
    writeFileSync(
      path.join(folder, "metadata.jsonl"),
      [
        JSON.stringify({ file_name: "a.png", text: "first" }),
        "{not json",
        JSON.stringify({ file_name: "b.png" }),
        JSON.stringify({ file_name: "gone.png", text: "missing file" }),
        JSON.stringify({ file_name: "a.png", text: "again" }),
        "",
        JSON.stringify({ text: "no name" }),
        JSON.stringify({ file_name: "../escape.png", text: "outside" }),
        JSON.stringify({ file_name: "c.png", text: "third" }),
      ].join("\n"),
    );
    const error = await attempt("jsonl");
    expect(error.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^metadata\.jsonl:2: not a JSON line/),
      "metadata.jsonl:3: text (the caption of b.png) is missing, empty or not a string",
      "metadata.jsonl:4: gone.png: file not found in the folder",
      "metadata.jsonl:5: a.png is listed twice (first on line 1)",
      "metadata.jsonl:7: file_name is missing or not a string",
      'metadata.jsonl:8: file_name "../escape.png" must name a file in this folder (no sub-folders)',
      "b.png: no caption: not listed in metadata.jsonl",
      "d.png: no caption: not listed in metadata.jsonl",
    ]);
    expect(error.message).toMatch(/^Invalid image folder jsonl: 8 problems; first: metadata\.jsonl:2: not a JSON line/);
  });

  it("a folder outside IMPORT_ROOT, one that does not exist, one without images; spec fields that do not fit", async () => {
    expect((await attempt("/etc")).issues[0]).toMatchObject({
      field: "curation.imageFolder",
      message: expect.stringContaining("must be inside IMPORT_ROOT"),
    });
    expect((await attempt("nowhere")).issues[0].message).toBe("nowhere: no such folder");
    mkdirSync(path.join(root, "empty"));
    writeFileSync(path.join(root, "empty", "notes.md"), "nothing here");
    expect((await attempt("empty")).issues[0].message).toMatch(/^empty: no images/);

    const owner = asUser(await makeUser("researcher"));
    const withModels = await refusal(createCampaignFromSpec(owner, { ...spec("x"), models: ["a", "b"] }));
    expect(withModels.issues).toContainEqual({ field: "models", message: expect.stringContaining("has no models") });
    const badRule = await refusal(
      createCampaignFromSpec(owner, {
        ...spec("x"),
        curation: { imageFolder: "x", stages: [{ votes: 2, accept: 3 }] },
      }),
    );
    expect(badRule.issues).toContainEqual({
      field: "curation.stages.0.accept",
      message: "at most the stage's 2 votes (got 3)",
    });
    const threeStages = await refusal(
      createCampaignFromSpec(owner, {
        ...spec("x"),
        curation: { imageFolder: "x", stages: [{ votes: 1 }, { votes: 1 }, { votes: 1 }] },
      }),
    );
    expect(threeStages.issues.map((i) => i.field)).toContain("curation.stages");
    const onPairwise = await refusal(createCampaignFromSpec(owner, { ...spec("x"), taskType: "pairwise" }));
    expect(onPairwise.issues.map((i) => i.field)).toContain("curation");
  });
});

describe("photogenic analyze on a curation campaign's manifest", () => {
  it("reads the manifest the app exports (format from its header) and gives the results page's figures", async () => {
    const { runAnalyze } = await import("../../scripts/cli/analyze");
    const { curationResults } = await import("./curation-results");
    const { curationManifestCsv } = await import("./export-accepted-set");
    const c = await makeCurationCampaign({
      images: 10,
      stages: [
        { votes: 3, accept: "majority" },
        { votes: 2, accept: 1 },
      ],
    });
    const crowd = await makeAnnotators(3);
    const experts = await makeAnnotators(2);
    await joinCampaign(c.campaignId, [...crowd, ...experts]);
    for (const userId of experts) await setCurationExpert(c.user, c.campaignId, { userId, expert: true });
    const photo = (v: CurationView) => Number(/photo (\d+) /.exec(v.caption)![1]);
    /** Votes until `limit` votes or a view of another stage than `stage`. */
    const vote = async (annotator: string, stage: number, limit: number, accept: (i: number) => boolean) => {
      let n = 0;
      for (let next = await nextCurationView(c.campaignId, annotator); next.kind === "curation" && n < limit; n++) {
        if (next.view.stage !== stage) break;
        next = (await submitCurationVote(annotator, {
          assignmentId: next.view.assignmentId,
          accept: accept(photo(next.view)),
          idempotencyKey: uid("cur-"),
          nextFor: c.campaignId,
        }))!.next!;
      }
      return n;
    };
    const dir = mkdtempSync(path.join(tmpdir(), "photogenic-analyze-curation-"));
    /** The manifest as the results route serves it, through analyze --json, equals the page's figures. */
    const analysedEqualsPage = async () => {
      const file = path.join(dir, "curation-manifest.csv");
      writeFileSync(file, await curationManifestCsv(c.user, c.campaignId));
      const out = path.join(dir, "figures.json");
      const io = { out: () => {}, err: (t: string) => expect.fail(t) };
      expect(runAnalyze(file, { json: out }, io)).toBe(0);
      const page = await curationResults(c.user, c.campaignId);
      expect(JSON.parse(readFileSync(out, "utf8"))).toEqual({
        kind: "curation",
        images: page.images,
        stages: JSON.parse(JSON.stringify(page.stages)),
        survivors: page.survivors.map(({ imageId, fileName }) => ({ imageId, fileName })),
      });
      return page;
    };
    // Before any vote: every image is a candidate without a vote (a row each in the manifest).
    expect((await analysedEqualsPage()).stages[0]).toMatchObject({ candidates: 10, voted: 0, pending: 10 });
    // Stage 1: two of the crowd vote on every image, the third on six (some images stay pending).
    expect(await vote(crowd[0], 1, 99, (i) => i % 3 !== 0)).toBe(10);
    expect(await vote(crowd[1], 1, 99, (i) => i % 2 === 0)).toBe(10);
    expect(await vote(crowd[2], 1, 6, (i) => i % 5 !== 1)).toBe(6);
    // Stage 2: one expert on one survivor, the other on all but two: whichever they are served (the
    // order among equally answered survivors is the engine's), at least one survivor has no vote.
    const survivors1 = await db.curationItem.count({ where: { campaignId: c.campaignId, stage: 2 } });
    expect(survivors1).toBeGreaterThanOrEqual(3);
    expect(await vote(experts[1], 2, 1, () => false)).toBe(1);
    expect(await vote(experts[0], 2, survivors1 - 2, () => true)).toBe(survivors1 - 2);

    const page = await analysedEqualsPage();
    const [one, two] = page.stages;
    // The campaign exercises what the manifest must carry: pending images at both stages (one
    // survivor without a vote at stage 2), survivors.
    expect(one.pending).toBeGreaterThan(0);
    expect(two.pending).toBeGreaterThan(0);
    expect(two.voted).toBeLessThan(two.candidates);
    expect(page.survivors.length).toBeGreaterThan(0);
  });
});

describe("editing the protocol of a curation or rating campaign", () => {
  it("refuses criteria (they are the stages, or the aspects), locks the protocol once a vote exists, and a new version keeps a rating's scales", async () => {
    const { updateCampaign, createCampaignVersion } = await import("../campaigns/update-campaign");
    const owner = await makeUser("researcher");
    const pairwiseCriterion = {
      key: "appeal",
      question: "Which image is better?",
      showPrompt: true,
      choices: ["left", "right"],
      judgmentsPerPair: 1,
    };
    // A draft curation campaign: its Criterion rows are its stages, and stay so.
    const {
      campaignId: curationId,
      set,
      model,
    } = await draftCurationOfModels(owner.id, 2, [{ votes: 3 }, { votes: 2, accept: 2 }]);
    const refused = await refusal(updateCampaign(asUser(owner), curationId, { criteria: [pairwiseCriterion] }));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.issues).toEqual([{ field: "criteria", message: expect.stringContaining("its stages") }]);
    const stages = await db.criterion.findMany({ where: { campaignId: curationId }, orderBy: { position: "asc" } });
    expect(stages.map((k) => [k.key, k.judgmentsPerPair])).toEqual([
      ["stage_1", 3],
      ["stage_2", 2],
    ]);
    await updateCampaign(asUser(owner), curationId, { instructions: "Look closely." });

    // A draft rating campaign: the same refusal; a new version keeps each aspect's scale and labels.
    const models = [model, await makeDemoModel("demo-noisy")];
    const { id: ratingId } = await createCampaign(owner.id, {
      name: uid("draft rating "),
      taskType: "rating",
      promptSetId: set.id,
      modelIds: models.map((m) => m.id),
      aspects: [{ key: "real", label: "realism", question: "Is it a photograph?", showPrompt: false, scale: "yes-no" }],
    });
    const ratingRefused = await refusal(updateCampaign(asUser(owner), ratingId, { criteria: [pairwiseCriterion] }));
    expect(ratingRefused.code).toBe("VALIDATION");
    expect(ratingRefused.issues[0]).toMatchObject({ field: "criteria", message: expect.stringContaining("aspects") });
    const version = await createCampaignVersion(asUser(owner), ratingId);
    const columns = (k: { key: string; scale: unknown; scaleLabels: string[]; label: string | null }) => [
      k.key,
      k.scale,
      k.scaleLabels,
      k.label,
    ];
    const [original] = await db.criterion.findMany({ where: { campaignId: ratingId } });
    const [copied] = await db.criterion.findMany({ where: { campaignId: version.id } });
    expect(original.scale).not.toBeNull();
    expect(columns(copied)).toEqual(columns(original));

    // Once a curation vote exists, the protocol is locked as it is by a judgment.
    const c = await makeCurationCampaign({ images: 2, stages: [{ votes: 1, accept: 1 }] });
    const [annotator] = await makeAnnotators(1);
    await joinCampaign(c.campaignId, [annotator]);
    expect(await updateCampaign(c.user, c.campaignId, { perAnnotatorCap: 5 })).toBeUndefined();
    await voteUntilDone(c.campaignId, annotator, () => true);
    const locked = await refusal(updateCampaign(c.user, c.campaignId, { instructions: "Changed." }));
    expect(locked.code).toBe("CONFLICT");
    expect(locked.issues).toEqual([{ field: "instructions", message: "locked once answers exist" }]);
  });
});

describe("a curation annotator's progress", () => {
  it("counts what they can be served: the crowd the images of stage 1, an expert the survivors once stage 1 is full", async () => {
    const c = await makeCurationCampaign({
      images: 4,
      stages: [
        { votes: 1, accept: 1 },
        { votes: 1, accept: 1 },
      ],
    });
    const [crowd, expert, late] = await makeAnnotators(3);
    await joinCampaign(c.campaignId, [crowd, expert, late]);
    await setCurationExpert(c.user, c.campaignId, { userId: expert, expert: true });
    const progress = async (annotator: string) => {
      const next = await nextCurationView(c.campaignId, annotator);
      return next.kind === "curation" ? next.view.progress : next.kind;
    };
    // Before any vote the expert, like anyone, can be served the four images of stage 1.
    expect(await progress(expert)).toEqual({ done: 0, total: 4 });
    await db.curationAssignment.updateMany({ where: { annotatorId: expert }, data: { status: "released" } });
    expect(await progress(crowd)).toEqual({ done: 0, total: 4 });
    const seen = await voteUntilDone(c.campaignId, crowd, (v) => !v.caption.startsWith("photo 0 "));
    expect(seen.map((v) => v.progress)).toEqual([0, 1, 2, 3].map((done) => ({ done, total: 4 })));
    // Stage 1 is full: the expert has the three survivors only.
    const expertSeen = await voteUntilDone(c.campaignId, expert, () => true);
    expect(expertSeen.map((v) => [v.stage, v.progress])).toEqual([0, 1, 2].map((done) => [2, { done, total: 3 }]));
    // Someone who joined late has nothing left to be served.
    expect(await progress(late)).toBe("finished");
  });
});

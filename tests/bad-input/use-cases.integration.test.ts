import { createReadStream } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, setEnv } from "../../lib/env";
import { AppError } from "../../lib/errors";
import { createJoinLink, joinLinkToken } from "../../lib/access/join-links";
import { joinCampaign } from "../../lib/access/join";
import { issueJoinTicket, redeemJoinTicket } from "../../lib/access/join-ticket";
import { importPromptSet } from "../../lib/prompts/import-prompt-set";
import { checkImageBytes } from "../../lib/models/import/check-image";
import { createAdapter } from "../../lib/models/registry";
import { db } from "../../lib/db";
import { makeAnnotatingCampaign, makeUser, prolificPid } from "../support/factories";
import { changed, rowCounts } from "./support/row-counts";
import {
  decompressionBombPng,
  garbageAfterSignature,
  svgWithScript,
  textPretendingToBePng,
  truncatedPng,
  validPng,
  zeroBytes,
} from "./support/bad-images";

/**
 * The use-case half of the bad-input corpus: boundaries that are not (only) HTTP — join links and
 * tickets as lib/access sees them, image bytes as the import checker sees them, a model endpoint
 * answering with hostile bytes, prompt files through the CLI's importer. Each refusal is an
 * AppError with a 4xx status (or the adapter's error naming what arrived) and writes no row.
 */
let sql: pg.Client;
beforeAll(async () => {
  sql = new pg.Client({ connectionString: env.DATABASE_URL });
  await sql.connect();
});
afterAll(async () => sql?.end());

async function refusedWith(status: number, field: string | RegExp, action: () => Promise<unknown>): Promise<void> {
  const before = await rowCounts(sql);
  const error = await action().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the input was accepted").toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.status).toBe(status);
  const named = [appError.message, ...appError.issues.map((i) => `${i.field}: ${i.message}`)].join("\n");
  if (typeof field === "string") expect(named).toContain(field);
  else expect(named).toMatch(field);
  expect(changed(before, await rowCounts(sql))).toEqual({});
}

describe("join links and tickets (lib/access)", () => {
  let campaignId: string;
  let owner: { id: string; email: string | null; name: string | null; role: "researcher" };
  const link = async (over: Record<string, unknown> = {}) => {
    const row = await createJoinLink(owner, campaignId, { label: "bad-input", ...over });
    return row;
  };
  beforeAll(async () => {
    const fx = await makeAnnotatingCampaign({ pairs: 2 });
    campaignId = fx.campaignId;
    owner = { id: fx.owner.id, email: fx.owner.email, name: fx.owner.name, role: "researcher" };
  });

  it("a forged token is a 404", async () =>
    refusedWith(404, /not valid/, () => joinCampaign({ token: "abc.forged", crowd: {} }, null)));
  it("an empty token is a 422 naming token", async () =>
    refusedWith(422, "token", () => joinCampaign({ token: "", crowd: {} }, null)));
  it("a 10 KB token is a 422 naming token", async () =>
    refusedWith(422, "token", () => joinCampaign({ token: "t".repeat(10_000), crowd: {} }, null)));
  it("an expired link is a 410", async () => {
    const l = await link();
    await db.joinLink.update({ where: { id: l.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await refusedWith(410, /expired/, () => joinCampaign({ token: joinLinkToken(l.id), crowd: {} }, null));
  });
  it("a revoked link is a 410", async () => {
    const l = await link();
    await db.joinLink.update({ where: { id: l.id }, data: { revokedAt: new Date() } });
    await refusedWith(410, /withdrawn/, () => joinCampaign({ token: joinLinkToken(l.id), crowd: {} }, null));
  });
  it("a full link is a 410 for a newcomer", async () => {
    const l = await link({ maxAnnotators: 1 });
    await joinCampaign({ token: joinLinkToken(l.id), crowd: { PROLIFIC_PID: prolificPid("first-of-one") } }, null);
    await refusedWith(410, /all the participants/, () =>
      joinCampaign({ token: joinLinkToken(l.id), crowd: { PROLIFIC_PID: prolificPid("second-of-one") } }, null),
    );
  });
  it("a crowd id with markup is a 422 naming PROLIFIC_PID", async () => {
    const l = await link();
    await refusedWith(422, "PROLIFIC_PID", () =>
      joinCampaign({ token: joinLinkToken(l.id), crowd: { PROLIFIC_PID: "<script>" } }, null),
    );
  });
  it("an MTurk preview is a 409 naming assignmentId", async () => {
    const l = await link();
    await refusedWith(409, "assignmentId", () =>
      joinCampaign(
        { token: joinLinkToken(l.id), crowd: { workerId: "A1PREVIEW", assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE" } },
        null,
      ),
    );
  });
  it("a link for a campaign id that is not the owner's is a 404", async () => {
    const stranger = await makeUser("researcher");
    await refusedWith(404, /not found/i, () =>
      createJoinLink(
        { id: stranger.id, email: stranger.email, name: stranger.name, role: "researcher" },
        campaignId,
        {},
      ),
    );
  });
  it("join-link options out of range name the field", async () =>
    refusedWith(422, "expiresInDays", () => createJoinLink(owner, campaignId, { expiresInDays: 0 })));
  it("forged, replayed and expired tickets sign nobody in", async () => {
    const annotator = await makeUser("annotator");
    const ticket = await issueJoinTicket(annotator.id);
    const before = await rowCounts(sql);
    expect(await redeemJoinTicket(`${annotator.id}.forged.sig`)).toBeNull();
    expect(await redeemJoinTicket(ticket.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).toBeNull();
    expect(changed(before, await rowCounts(sql))).toEqual({});
    expect(await redeemJoinTicket(ticket)).not.toBeNull();
    expect(await redeemJoinTicket(ticket)).toBeNull(); // one use only
    const stale = await issueJoinTicket(annotator.id);
    await db.verificationToken.updateMany({
      where: { identifier: `join-ticket:${annotator.id}` },
      data: { expires: new Date(Date.now() - 1000) },
    });
    expect(await redeemJoinTicket(stale)).toBeNull();
  });
});

describe("image bytes (the import checker)", () => {
  const cases: [string, () => Promise<Buffer> | Buffer, RegExp][] = [
    ["zero bytes", zeroBytes, /unrecognised content/],
    ["truncated PNG", truncatedPng, /does not decode/],
    ["20000×20000 decompression bomb", () => decompressionBombPng(), /pixel limit/],
    ["SVG with a script", svgWithScript, /SVG/],
    ["text with a .png name", textPretendingToBePng, /not a PNG, JPEG or WebP/],
    ["PNG signature on garbage", garbageAfterSignature, /does not decode/],
  ];
  it.each(cases)("%s is refused with its reason", async (_name, make, reason) => {
    const check = await checkImageBytes(await make());
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });
  it("a real PNG passes (the checker is not refusing everything)", async () =>
    expect((await checkImageBytes(await validPng())).ok).toBe(true));
});

describe("a model endpoint answering with hostile bytes (HTTP adapter)", () => {
  let server: Server;
  let body: Buffer = Buffer.alloc(0);
  let type = "image/png";
  let url = "";
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { "content-type": type }).end(body));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/generate`;
    // A loopback server: http models reach it only because the operator allows it.
    setEnv("MODEL_HOST_ALLOWLIST", new URL(url).host);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const cases: [string, () => Promise<Buffer> | Buffer, string, RegExp][] = [
    ["zero bytes", zeroBytes, "image/png", /expected image bytes/],
    ["truncated PNG", truncatedPng, "image/png", /does not decode/],
    ["decompression bomb", () => decompressionBombPng(), "image/png", /does not decode.*pixel limit/],
    ["SVG with a script", svgWithScript, "image/svg+xml", /expected image bytes/],
    [
      "an HTML error page with status 200",
      () => Buffer.from("<html><body>502 Bad Gateway</body></html>"),
      "text/html",
      /expected image bytes/,
    ],
  ];
  it.each(cases)("%s fails the job with what arrived", async (_name, make, contentType, reason) => {
    body = await make();
    type = contentType;
    const adapter = createAdapter("http", {
      url,
      bodyTemplate: { prompt: "{prompt}" },
      response: { type: "bytes" },
      retries: { max: 0 },
    });
    await expect(
      adapter.generate({
        prompt: "a cat",
        seed: 1,
        width: 64,
        height: 64,
        params: { steps: 1, guidance: 1, width: 64, height: 64 },
      } as never),
    ).rejects.toThrow(reason);
  });
});

describe("prompt files through the CLI importer", () => {
  const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/prompts");
  it.each(["csv-unterminated-quote.csv", "jsonl-truncated.jsonl", "txt-latin1-encoded.txt"])(
    "%s is refused by line",
    async (file) =>
      refusedWith(422, `${file}:`, () =>
        importPromptSet({
          name: `bad-${file}`,
          fileName: file,
          stream: createReadStream(path.join(FIXTURES, file)) as never,
        }),
      ),
  );
  it("options out of range name the field", async () =>
    refusedWith(422, "maxLength", () =>
      importPromptSet({
        name: "bad-options",
        fileName: "p.txt",
        stream: createReadStream(path.join(FIXTURES, "txt-over-long.txt")) as never,
        maxLength: -1,
      }),
    ));
});

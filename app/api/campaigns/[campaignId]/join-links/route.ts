import { z } from "zod";
import { guardedRoute, json } from "@/lib/http/route";
import { readJson } from "@/lib/http/problem";
import { createJoinLink, listJoinLinks } from "@/lib/access/join-links";

export const dynamic = "force-dynamic";

export const GET = guardedRoute("campaign:read", async ({ user, params }) => {
  return json({ joinLinks: await listJoinLinks(user, String(params.campaignId)) });
});

// createJoinLink validates the options itself, after the ownership check.
export const POST = guardedRoute("campaign:write", async ({ request, user, params }) => {
  return json(await createJoinLink(user, String(params.campaignId), await readJson(request, z.unknown())), {
    status: 201,
  });
});

import { z } from "zod";

/** What a new join link may set (lib/access/join-links.ts); pure, so a campaign spec can embed it. */
export const createJoinLinkSchema = z.object({
  label: z.string().trim().max(100, "at most 100 characters").default(""),
  expiresInDays: z.coerce.number().int("whole days").min(1, "at least 1 day").max(365, "at most 365 days").optional(),
  maxAnnotators: z.coerce.number().int("a whole number").min(1, "at least 1").max(1_000_000).optional(),
});

export type CreateJoinLinkInput = z.input<typeof createJoinLinkSchema>;

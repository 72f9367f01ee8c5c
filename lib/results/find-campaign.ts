import "server-only";
import { db } from "../db";
import { AppError } from "../errors";

/** A campaign by id, or by its exact name when exactly one campaign has it (for the CLI, which has no user). */
export async function findCampaignByIdOrName(idOrName: string): Promise<{ id: string; name: string }> {
  const byId = await db.campaign.findUnique({ where: { id: idOrName }, select: { id: true, name: true } });
  if (byId) return byId;
  const byName = await db.campaign.findMany({ where: { name: idOrName }, select: { id: true, name: true }, take: 2 });
  if (byName.length === 1) return byName[0];
  if (byName.length > 1)
    throw new AppError("CONFLICT", `Several campaigns are named "${idOrName}": give the campaign id`);
  throw new AppError("NOT_FOUND", `No campaign with id or name "${idOrName}"`);
}

import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { redactConfig } from "../models/redact";
import { adapterKindOf } from "../generation/adapter-kind";

export interface ModelView {
  id: string;
  name: string;
  version: string;
  kind: string;
  config: unknown;
  defaultParams: unknown;
  hasSecrets: boolean;
  createdAt: string;
  images: number;
}

/** Models as researchers see them: config redacted, secrets never included. */
function toView(m: {
  id: string;
  name: string;
  version: string;
  adapterKind: Parameters<typeof adapterKindOf>[0];
  config: unknown;
  defaultParams: unknown;
  secrets: unknown;
  createdAt: Date;
  _count: { images: number };
}): ModelView {
  return {
    id: m.id,
    name: m.name,
    version: m.version,
    kind: adapterKindOf(m.adapterKind),
    config: redactConfig(m.config),
    defaultParams: m.defaultParams ?? {},
    hasSecrets: m.secrets !== null,
    createdAt: m.createdAt.toISOString(),
    images: m._count.images,
  };
}

export async function listModels(): Promise<ModelView[]> {
  const rows = await db.model.findMany({
    orderBy: [{ name: "asc" }, { version: "asc" }],
    include: { _count: { select: { images: true } } },
  });
  return rows.map(toView);
}

/** A model by id, or by name (its newest version). */
export async function showModel(idOrName: string): Promise<ModelView> {
  const row =
    (await db.model.findUnique({ where: { id: idOrName }, include: { _count: { select: { images: true } } } })) ??
    (await db.model.findFirst({
      where: { name: idOrName },
      orderBy: { createdAt: "desc" },
      include: { _count: { select: { images: true } } },
    }));
  if (!row) throw new AppError("NOT_FOUND", `Model ${idOrName} not found`);
  return toView(row);
}

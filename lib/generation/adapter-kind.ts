import type { AdapterKind as DbAdapterKind } from "../db";
import type { AdapterKind } from "../models";

/** The database enum spells kinds with `_` (Prisma identifiers); adapters use `-`. */
export function adapterKindOf(kind: DbAdapterKind): AdapterKind {
  return kind.replace("_", "-") as AdapterKind;
}

export function dbKindOf(kind: AdapterKind): DbAdapterKind {
  return kind.replace("-", "_") as DbAdapterKind;
}

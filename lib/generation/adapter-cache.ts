import "server-only";
import { createAdapter, type AdapterDeps, type ModelAdapter } from "../models";
import { adapterKindOf } from "./adapter-kind";
import type { AdapterKind as DbAdapterKind } from "../db";

/**
 * One warm adapter per model (and version) per worker process: weights load once, on first use.
 */
export class AdapterCache {
  private readonly adapters = new Map<string, Promise<ModelAdapter>>();

  constructor(private readonly deps: AdapterDeps) {}

  get(model: { id: string; version: string; adapterKind: DbAdapterKind; config: unknown; secrets?: unknown }): Promise<ModelAdapter> {
    const key = `${model.id}@${model.version}`;
    let adapter = this.adapters.get(key);
    if (!adapter) {
      const config = model.secrets && typeof model.secrets === "object" ? { ...(model.config as object), ...(model.secrets as object) } : model.config;
      adapter = (async () => {
        const created = createAdapter(adapterKindOf(model.adapterKind), config, this.deps);
        await created.load();
        return created;
      })();
      adapter.catch(() => this.adapters.delete(key));
      this.adapters.set(key, adapter);
    }
    return adapter;
  }

  async disposeAll(): Promise<void> {
    const all = [...this.adapters.values()];
    this.adapters.clear();
    await Promise.all(all.map(async (a) => (await a.catch(() => null))?.dispose()));
  }
}

import "server-only";
import { createAdapter, type AdapterDeps, type ModelAdapter } from "../models";
import { adapterKindOf } from "./adapter-kind";
import { ThreadedAdapter } from "./threaded-adapter";
import type { AdapterKind as DbAdapterKind } from "../db";

/**
 * One warm adapter per model (and version) per worker process: weights load once, on first use.
 * With `threaded` (worker processes), adapters that compute locally run in a thread of their own
 * (lib/generation/threaded-adapter.ts); the config is still validated here first.
 */
export class AdapterCache {
  private readonly adapters = new Map<string, Promise<ModelAdapter>>();

  constructor(private readonly deps: AdapterDeps & { threaded?: boolean }) {}

  get(model: {
    id: string;
    version: string;
    adapterKind: DbAdapterKind;
    config: unknown;
    secrets?: unknown;
  }): Promise<ModelAdapter> {
    const key = `${model.id}@${model.version}`;
    let adapter = this.adapters.get(key);
    if (!adapter) {
      const config =
        model.secrets && typeof model.secrets === "object"
          ? { ...(model.config as object), ...(model.secrets as object) }
          : model.config;
      adapter = (async () => {
        const kind = adapterKindOf(model.adapterKind);
        const { threaded, ...deps } = this.deps;
        let created = createAdapter(kind, config, deps);
        if (threaded && created.computesLocally)
          created = new ThreadedAdapter(kind, { config, device: deps.device, modelsDir: deps.modelsDir });
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

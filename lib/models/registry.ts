import type { AdapterLogger, ModelAdapter } from "./adapter";
import { isAdapterKind, parseAdapterConfig, unknownKind } from "./config";
import { HttpAdapter } from "./http/adapter";
import { ImportAdapter } from "./import/adapter";
import { OnnxDemoAdapter } from "./onnx-demo/adapter";
import type { Device } from "./onnx/device";
import { OnnxDiffusionAdapter } from "./onnx-diffusion/adapter";

// Kinds, schemas and config parsing live in ./config (importable without the adapters).
export * from "./config";

export interface AdapterDeps {
  logger?: AdapterLogger;
  /** The worker's device (`--device`); overrides the config's, since devices belong to hosts. */
  device?: Device;
  /** Where onnx-demo graphs are built when the config names no folder. */
  modelsDir?: string;
  /** Randomness for HTTP retry jitter (tests). */
  random?: () => number;
}

export function createAdapter(kind: string, config: unknown, deps: AdapterDeps = {}): ModelAdapter {
  if (!isAdapterKind(kind)) throw unknownKind(kind);
  switch (kind) {
    case "onnx-demo": {
      const cfg = parseAdapterConfig("onnx-demo", config);
      return new OnnxDemoAdapter(
        { ...cfg, device: deps.device ?? cfg.device, modelsDir: cfg.modelsDir ?? deps.modelsDir },
        deps.logger,
      );
    }
    case "http":
      return new HttpAdapter(parseAdapterConfig("http", config), { logger: deps.logger, random: deps.random });
    case "import":
      return new ImportAdapter(parseAdapterConfig("import", config));
    case "onnx-diffusion": {
      const cfg = parseAdapterConfig("onnx-diffusion", config);
      // Devices belong to hosts: the worker's --device wins over whatever was registered.
      return new OnnxDiffusionAdapter({ ...cfg, device: deps.device ?? cfg.device }, deps.logger);
    }
  }
}

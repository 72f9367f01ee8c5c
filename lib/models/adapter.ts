import type { GenerationParams } from "./params";

/** What every model adapter is asked to make: one image for one (prompt, seed). */
export interface GenerationRequest {
  prompt: string;
  seed: number;
  width: number;
  height: number;
  params: GenerationParams;
  /**
   * The campaign prompt's id. Only the `import` adapter needs it (manifests may be keyed by id
   * rather than text); generating adapters ignore it.
   */
  promptId?: string;
  /**
   * Asked before a request is sent and between the polls of a job service: false when the image
   * is no longer wanted (its campaign was paused or completed), and the adapter then stops with
   * GenerationCancelled. Absent: always wanted. Not passed to adapters in threads.
   */
  stillWanted?: () => Promise<boolean>;
}

export interface GeneratedImage {
  /** PNG-encoded image bytes. */
  png: Buffer;
  width: number;
  height: number;
  /** Wall-clock time spent producing this image (for a batch: the batch time divided evenly). */
  latencyMs: number;
  /** Of that, time waiting in a service's queue, where the service reports it (or polling saw it). */
  queueMs?: number | null;
  /** Of that, time the service spent generating, where it reports it (or polling saw it). */
  generationMs?: number | null;
  /** Identifies the exact weights / endpoint that made the image, so results stay reproducible. */
  modelVersion: string;
  metadata: Record<string, unknown>;
}

export interface ModelAdapter {
  readonly kind: string;
  /**
   * True when generating computes on this worker's device (CPU cores or its GPU): a worker runs
   * such an adapter in a thread of its own (lib/generation/threaded-adapter.ts). False for adapters
   * that wait on something else (an HTTP server, files).
   */
  readonly computesLocally: boolean;
  /** Load weights (or open connections) once and keep them warm; safe to call repeatedly. */
  load(): Promise<void>;
  generate(req: GenerationRequest): Promise<GeneratedImage>;
  /**
   * Present only where the adapter gains from batching. Results are in request order; a batch
   * either succeeds entirely or throws.
   */
  generateBatch?(reqs: GenerationRequest[]): Promise<GeneratedImage[]>;
  /** Release weights, sessions and sockets; the adapter must not be used afterwards. */
  dispose(): Promise<void>;
}

/** Minimal structured logger (pino's shape), so adapters can log without owning a logger. */
export interface AdapterLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: AdapterLogger = { info() {}, warn() {}, debug() {} };

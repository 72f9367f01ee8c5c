import "server-only";
import { db } from "../db";
import { pricePerImageOf } from "../models/http/config";

/** Time and cost of one model's generated images in a campaign. */
export interface ModelGenerationCost {
  modelId: string;
  images: number;
  /** Mean wall-clock seconds per image, request to image in hand (retries and polling included). */
  secondsPerImage: number | null;
  /** Of that, mean seconds in the service's queue and generating, over the images that report them. */
  queueSecondsPerImage: number | null;
  generationSecondsPerImage: number | null;
  /** The model's `pricePerImage` (http models), and images × price. */
  pricePerImage: number | null;
  cost: number | null;
}

/**
 * Seconds per image and cost per model of a campaign's generated images (means over the images
 * that have each time; cost = images × pricePerImage), for the campaign page and the report.
 * Models without an image yet are listed with zero images.
 */
export async function generationCosts(campaignId: string, models: { id: string; config: unknown }[]) {
  const rows = await db.image.groupBy({
    by: ["modelId"],
    where: { campaignId, kind: "generated" },
    _count: { _all: true },
    _avg: { latencyMs: true, queueMs: true, generationMs: true },
  });
  const seconds = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : round(ms / 1000, 3));
  const perModel: ModelGenerationCost[] = models.map((model) => {
    const row = rows.find((r) => r.modelId === model.id);
    const images = row?._count._all ?? 0;
    const price = pricePerImageOf(model.config) ?? null;
    return {
      modelId: model.id,
      images,
      secondsPerImage: seconds(row?._avg.latencyMs),
      queueSecondsPerImage: seconds(row?._avg.queueMs),
      generationSecondsPerImage: seconds(row?._avg.generationMs),
      pricePerImage: price,
      cost: price === null ? null : round(images * price, 6),
    };
  });
  const priced = perModel.filter((m) => m.cost !== null);
  return {
    models: perModel,
    /** The campaign's generation cost over the models that have a price; null when none has. */
    cost: priced.length
      ? round(
          priced.reduce((sum, m) => sum + m.cost!, 0),
          6,
        )
      : null,
  };
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

/** A campaign's generation time and cost as the report shows it: models in campaign order. */
export interface GenerationSummary {
  models: ({ model: string } & Omit<ModelGenerationCost, "modelId">)[];
  cost: number | null;
}

/**
 * The report's generation section. `modelNames` are the report's names of the campaign's models,
 * in campaign order (lib/results names them; the same order is read here).
 */
export async function campaignGenerationSummary(campaignId: string, modelNames: string[]): Promise<GenerationSummary> {
  const models = await db.campaignModel.findMany({
    where: { campaignId },
    orderBy: { position: "asc" },
    select: { model: { select: { id: true, config: true } } },
  });
  const costs = await generationCosts(
    campaignId,
    models.map((m) => m.model),
  );
  return {
    models: costs.models.map(({ modelId: _, ...cost }, i) => ({ model: modelNames[i], ...cost })),
    cost: costs.cost,
  };
}

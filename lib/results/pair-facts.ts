/**
 * What every results view says about one pair — the judgment export's rows, the gallery, the
 * campaign's pair dictionary: the prompt, the seed, and the two images with their models' names.
 */
export interface PairFacts {
  pairId: string;
  promptId: string;
  prompt: string;
  category: string | null;
  challenge: string | null;
  seed: number;
  imageAId: string;
  imageBId: string;
  modelA: string;
  modelB: string;
}

/** Only the PairFacts of a richer pair record (so nothing else rides along into a row or a page). */
export function pairFacts(pair: PairFacts): PairFacts {
  return {
    pairId: pair.pairId,
    promptId: pair.promptId,
    prompt: pair.prompt,
    category: pair.category,
    challenge: pair.challenge,
    seed: pair.seed,
    imageAId: pair.imageAId,
    imageBId: pair.imageBId,
    modelA: pair.modelA,
    modelB: pair.modelB,
  };
}

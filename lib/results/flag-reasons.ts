import type { AnnotatorQuality, CrowdSignal } from "../stats";

const pct = (x: number | null) => (x === null ? "–" : `${Math.round(100 * x)}%`);
const p = (x: number | null) => (x === null ? "–" : x < 0.001 ? "p < 0.001" : `p = ${x.toPrecision(2)}`);
const secs = (x: number | null) => (x === null ? "–" : `${x.toFixed(2)} s`);

/** One computed flag in words, with the numbers behind it (annotator table, Prolific reasons). */
export function describeFlag(signal: CrowdSignal, q: AnnotatorQuality): string {
  const { gold, speed, sideBias, timing, looAgreement, sharedDevice } = q.signals;
  switch (signal) {
    case "gold":
      return `gold: missed ${gold.missed} of ${gold.answered} gold pairs`;
    case "speed":
      return `speed: median ${secs(speed.medianSeconds)} per answer, floor ${secs(speed.floorSeconds)}`;
    case "side-bias":
      return `side bias: left ${pct(sideBias.leftShare)} of ${sideBias.decisive} (${p(sideBias.pValue)}), longest run ${sideBias.longestRun} (${p(sideBias.runPValue)})`;
    case "timing":
      return `timing: robust CV ${timing.answerSeconds.robustCv?.toFixed(2) ?? "–"} of answer times, ${timing.gapSeconds.robustCv?.toFixed(2) ?? "–"} of gaps`;
    case "loo-agreement":
      return `agreement: ${pct(looAgreement.rate)} on ${looAgreement.items} pairs vs the crowd's ${pct(looAgreement.crowdRate)} (${p(looAgreement.pValue)})`;
    case "shared-device":
      return `shared device: same address as ${sharedDevice?.sharedWith.length ?? 0} other annotator(s)`;
  }
}

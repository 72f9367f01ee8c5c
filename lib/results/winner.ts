import type { Winner } from "../stats";

/** left / right name a side; the side names model A or B through the recorded left image. Both / Neither / Tie are ties. */
export function winnerOf(choice: string, leftIsA: boolean): Winner {
  if (choice === "left") return leftIsA ? "A" : "B";
  if (choice === "right") return leftIsA ? "B" : "A";
  return "tie";
}

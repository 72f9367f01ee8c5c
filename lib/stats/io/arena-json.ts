import type { Judgment, Winner } from "../types";
import { parseJsonElements } from "./json-elements";
import { InputError, lineColumnAt } from "./text-position";

export interface ArenaJsonOptions {
  /** Keep only battles voted blind (`anony: true`). */
  anonymousOnly?: boolean;
  /** Keep only battles where both model names match this pattern. */
  modelPattern?: RegExp;
}

const ARENA_WINNERS: Record<string, Winner> = { model_a: "A", model_b: "B", tie: "tie", "tie (bothbad)": "tie" };

/**
 * Reads Chatbot Arena / GenAI-Arena battle logs: a JSON array (or JSON Lines) of objects with
 * model_a, model_b and winner ∈ {model_a, model_b, tie, tie (bothbad)}; both tie kinds count as
 * a tie. Optional fields: anony (boolean), question_id / prompt_id (the prompt; without it
 * every battle is its own prompt, since arena logs rarely keep prompts), criterion.
 * Errors name the line and column where the offending battle starts.
 * Complexity: O(length of text).
 */
export function parseArenaJson(text: string, source = "arena.json", options: ArenaJsonOptions = {}): Judgment[] {
  const out: Judgment[] = [];
  parseJsonElements(text, source).forEach(({ value, offset }, index) => {
    const fail = (detail: string): never => {
      const { line, column } = lineColumnAt(text, offset);
      throw new InputError(source, line, column, `battle ${index + 1}: ${detail}`);
    };
    if (typeof value !== "object" || value === null || Array.isArray(value)) fail("expected an object");
    const o = value as Record<string, unknown>;
    for (const key of ["model_a", "model_b", "winner"]) {
      if (typeof o[key] !== "string" || o[key] === "") fail(`field "${key}" must be a non-empty string`);
    }
    const winner = ARENA_WINNERS[o.winner as string];
    if (!winner) fail(`field "winner" is "${String(o.winner)}"; expected model_a, model_b, tie or tie (bothbad)`);
    const modelA = o.model_a as string;
    const modelB = o.model_b as string;
    if (options.anonymousOnly && o.anony !== true) return;
    if (options.modelPattern && !(options.modelPattern.test(modelA) && options.modelPattern.test(modelB))) return;
    const pairId = `battle-${index + 1}`;
    const prompt = o.question_id ?? o.prompt_id;
    out.push({
      pairId,
      promptId: typeof prompt === "string" || typeof prompt === "number" ? String(prompt) : pairId,
      modelA,
      modelB,
      winner,
      criterion: typeof o.criterion === "string" ? o.criterion : undefined,
    });
  });
  return out;
}

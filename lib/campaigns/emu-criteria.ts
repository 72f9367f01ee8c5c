import type { Choice } from "../db";

/** Emu's two questions (arXiv 2309.15807, §4.2), the defaults of every new campaign. */
export interface CriterionSpec {
  key: string;
  question: string;
  showPrompt: boolean;
  choices: Choice[];
  judgmentsPerPair: number;
}

export const EMU_CRITERIA: CriterionSpec[] = [
  {
    key: "visual_appeal",
    question: "Ignoring the text prompt, which image is more appealing?",
    showPrompt: false,
    choices: ["left", "right", "tie"],
    judgmentsPerPair: 5,
  },
  {
    key: "text_faithfulness",
    question: "Which image better matches the text?",
    showPrompt: true,
    choices: ["left", "right", "both", "neither"],
    judgmentsPerPair: 3,
  },
];

export const CHOICE_LABELS: Record<Choice, string> = {
  left: "Left",
  right: "Right",
  tie: "Tie",
  both: "Both",
  neither: "Neither",
};

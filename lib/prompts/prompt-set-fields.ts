import type { Prisma } from "../db";

/** What every view of a prompt set says about it (the list, the detail page, the CLI), and its select. */
export interface PromptSetFields {
  id: string;
  name: string;
  version: number;
  format: string;
  sourceFile: string | null;
  promptCount: number;
  createdAt: Date;
}

export const PROMPT_SET_FIELDS = {
  id: true,
  name: true,
  version: true,
  format: true,
  sourceFile: true,
  promptCount: true,
  createdAt: true,
} as const satisfies Prisma.PromptSetSelect;

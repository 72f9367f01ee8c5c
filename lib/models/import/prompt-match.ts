/** A campaign prompt as the import check needs it. */
export interface CampaignPrompt {
  id: string;
  text: string;
}

export function normalizeWhitespace(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * Find the campaign prompt an import entry means: by id when it has one, otherwise by text —
 * exact after whitespace normalisation, then case-insensitive (spreadsheets love to re-case text).
 */
export class PromptIndex {
  private readonly byId = new Map<string, CampaignPrompt>();
  private readonly byText = new Map<string, CampaignPrompt>();
  private readonly byLowerText = new Map<string, CampaignPrompt>();

  constructor(prompts: CampaignPrompt[]) {
    for (const p of prompts) {
      this.byId.set(p.id, p);
      const text = normalizeWhitespace(p.text);
      if (!this.byText.has(text)) this.byText.set(text, p);
      if (!this.byLowerText.has(text.toLowerCase())) this.byLowerText.set(text.toLowerCase(), p);
    }
  }

  find(entry: { promptId?: string; promptText?: string }): CampaignPrompt | undefined {
    if (entry.promptId !== undefined) return this.byId.get(entry.promptId);
    if (entry.promptText === undefined) return undefined;
    const text = normalizeWhitespace(entry.promptText);
    return this.byText.get(text) ?? this.byLowerText.get(text.toLowerCase());
  }
}

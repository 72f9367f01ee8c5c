import type { ImportIssue } from "./issues";
import type { PromptFormat } from "./types";

export const DEFAULT_MAX_ISSUES = 1000;

/** What an import found, for the CLI, the upload page and the DB layer's go/no-go. */
export interface ImportReport {
  fileName: string;
  format: PromptFormat;
  /** "option" when the caller named the format, "detected" when detectFormat chose it. */
  formatSource: "option" | "detected";
  /** False when any error was found: the import must write nothing. */
  ok: boolean;
  /** Rows read from the file (records with a structural error are not rows). */
  rowsRead: number;
  /** Prompts accepted (each duplicate counted once). */
  accepted: number;
  /** Rows read but not accepted: empty, duplicate, too long, bad id. */
  skipped: number;
  errorCount: number;
  warningCount: number;
  /** Issues in line order: at most maxIssues errors and maxIssues warnings. */
  issues: ImportIssue[];
  /** How many issues were counted but left out of `issues`. */
  issuesOmitted: number;
}

/**
 * Keeps the first N errors and the first N warnings separately, so a flood of warnings
 * (say 50,000 duplicates) can never push the one error that blocks the import off the list.
 */
export class IssueCollector {
  private readonly kept: ImportIssue[] = [];
  private keptErrors = 0;
  private keptWarnings = 0;
  errorCount = 0;
  warningCount = 0;

  constructor(private readonly maxPerSeverity: number = DEFAULT_MAX_ISSUES) {}

  add(issue: ImportIssue): void {
    if (issue.severity === "error") {
      this.errorCount++;
      if (this.keptErrors < this.maxPerSeverity) {
        this.keptErrors++;
        this.kept.push(issue);
      }
    } else {
      this.warningCount++;
      if (this.keptWarnings < this.maxPerSeverity) {
        this.keptWarnings++;
        this.kept.push(issue);
      }
    }
  }

  /** Kept issues ordered by line (stable, so a line's issues stay in the order found). */
  issues(): ImportIssue[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }

  omitted(): number {
    return this.errorCount + this.warningCount - this.kept.length;
  }
}

"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type DragEvent, type FormEvent } from "react";
import type { ImportReport } from "@/lib/prompts/report";
import { ImportReportView } from "./import-report-view";
import { Field, INPUT } from "../components/form-parts";

type Outcome =
  | {
      kind: "imported";
      promptSet: { id: string; name: string; version: number; promptCount: number };
      report: ImportReport;
    }
  | { kind: "refused"; detail: string; report: ImportReport }
  | { kind: "failed"; detail: string };

/** Upload with drag and drop; posts to POST /api/prompt-sets and shows the import report. */
export function UploadForm() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) {
      setFile(dropped);
      setOutcome(null);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return setOutcome({ kind: "failed", detail: "Choose a prompt file first." });
    const body = new FormData(event.currentTarget);
    body.set("file", file, file.name);
    setBusy(true);
    setOutcome(null);
    try {
      const response = await fetch("/api/prompt-sets", { method: "POST", body });
      const result = await response.json().catch(() => ({ detail: `The server answered ${response.status}` }));
      if (response.ok) {
        setOutcome({ kind: "imported", promptSet: result.promptSet, report: result.report });
        router.refresh();
      } else if (result.report) {
        setOutcome({ kind: "refused", detail: result.detail, report: result.report });
      } else {
        setOutcome({ kind: "failed", detail: result.detail ?? `The server answered ${response.status}` });
      }
    } catch (error) {
      setOutcome({ kind: "failed", detail: `Upload failed: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="upload-heading" className="rounded bg-white p-4 shadow">
      <h2 id="upload-heading" className="mb-3 text-lg font-semibold">
        Import a prompt file
      </h2>
      <form onSubmit={onSubmit} className="space-y-3">
        <div
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`rounded border-2 border-dashed p-6 text-center text-sm ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300"}`}
        >
          <p className="mb-2 text-slate-600">
            Drop a TSV, CSV, JSONL or TXT file here (up to 50 MB), or{" "}
            <label htmlFor="prompt-file" className="cursor-pointer font-medium text-indigo-700 underline">
              choose a file
            </label>
          </p>
          <input
            ref={input}
            id="prompt-file"
            name="file"
            type="file"
            aria-label="Prompt file"
            accept=".tsv,.csv,.jsonl,.ndjson,.txt,text/plain,text/csv,text/tab-separated-values"
            className="sr-only"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
          <p data-testid="chosen-file" className="font-medium">
            {file ? `${file.name} (${file.size.toLocaleString("en")} bytes)` : "No file chosen"}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <Field label="Set name">
            <input
              name="name"
              placeholder={file ? file.name.replace(/\.[^.]+$/, "") : "from the file name"}
              maxLength={200}
              className={`${INPUT.inline} w-64`}
            />
          </Field>
          <Field label="Format" htmlFor="upload-format">
            <select id="upload-format" name="format" defaultValue="" className={INPUT.inline}>
              <option value="">Detect</option>
              <option value="tsv">TSV (PartiPrompts)</option>
              <option value="csv">CSV</option>
              <option value="jsonl">JSON Lines</option>
              <option value="txt">Text, one prompt a line</option>
            </select>
          </Field>
          <Field label="Longest prompt">
            <input
              name="maxLength"
              type="number"
              min={1}
              max={100000}
              placeholder="2000"
              className={`${INPUT.inline} w-28`}
            />
          </Field>
          <button
            type="submit"
            disabled={busy}
            className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
          >
            {busy ? "Importing…" : "Import"}
          </button>
        </div>
      </form>

      {outcome && (
        <div data-testid="import-outcome" className="mt-4 space-y-3" role="status">
          {outcome.kind === "imported" && (
            <p className="rounded bg-emerald-50 p-3 text-emerald-800">
              Imported <strong>{outcome.promptSet.name}</strong> version {outcome.promptSet.version}:{" "}
              {outcome.promptSet.promptCount.toLocaleString("en")} prompts.{" "}
              <Link href={`/prompt-sets/${outcome.promptSet.id}`} className="font-medium underline">
                Browse {outcome.promptSet.name} v{outcome.promptSet.version}
              </Link>
            </p>
          )}
          {outcome.kind !== "imported" && <p className="rounded bg-red-50 p-3 text-red-800">{outcome.detail}</p>}
          {"report" in outcome && <ImportReportView report={outcome.report} />}
        </div>
      )}
    </section>
  );
}

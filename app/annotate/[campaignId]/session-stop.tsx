import { ThankYou } from "../../components/thank-you";

export type SessionStop =
  | { kind: "finished"; completionCode: string | null; completionUrl: string | null }
  | { kind: "ended"; message: string }
  | { kind: "closed"; message: string };

/** The end of a voting or rating session: thanks with the completion code, or why nothing more is served. */
export function SessionStopPanel({ stop, campaignId }: { stop: SessionStop; campaignId: string }) {
  return (
    <section className="mx-auto mt-16 max-w-md rounded bg-white p-8 text-center shadow" aria-live="polite">
      {stop.kind === "finished" ? (
        <ThankYou heading="h2" completionCode={stop.completionCode}>
          {stop.completionUrl && (
            // The done page appends the code (?cc=) and follows only http(s) URLs.
            <a
              className="mt-4 inline-block text-indigo-700 underline"
              href={`/join/done/${encodeURIComponent(campaignId)}`}
            >
              Return to the study site
            </a>
          )}
        </ThankYou>
      ) : (
        <p data-testid="session-ended">{stop.message}</p>
      )}
    </section>
  );
}

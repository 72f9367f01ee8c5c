import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

/** The end of an annotator's session: thanks and the completion code (the voting page and the done page). */
export function ThankYou({
  heading,
  completionCode,
  children,
}: {
  /** h1 on a page of its own, h2 inside the voting page. */
  heading: "h1" | "h2";
  completionCode: string | null | undefined;
  children?: ReactNode;
}) {
  const Heading = heading;
  return (
    <>
      <Heading className="text-xl font-semibold">Thank you — all done</Heading>
      {completionCode && (
        <p className="mt-4 flex flex-wrap items-center justify-center gap-2">
          <span>
            Your completion code:{" "}
            <strong data-testid="completion-code" className="select-all font-mono">
              {completionCode}
            </strong>
          </span>
          <CopyButton text={completionCode} what="completion code" />
        </p>
      )}
      {children}
    </>
  );
}

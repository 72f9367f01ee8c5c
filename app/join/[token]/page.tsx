import { currentUser } from "@/lib/auth/guard";
import { crowdParamsSchema, MTURK_PREVIEW, pickCrowdParams } from "@/lib/access/crowd-params";
import { resolveJoinLink } from "@/lib/access/join-links";
import type { RoutePageProps } from "../../components/page-props";
import { enterAction } from "./actions";

export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  gone: "This link is no longer open.",
  not_found: "This link is not valid. Check that you copied all of it.",
  forbidden: "This participant may not take part.",
  validation: "The link carries a malformed participant parameter.",
  conflict: "This is a preview: accept the task on your platform first.",
  signin: "We could not start your session. Please open the link again.",
  other_browser:
    "This participant id was started in another browser. Please continue in the browser you started in; if you cannot, contact the researcher.",
  rate_limited: "Too many people joined from your network in the last hour. Please try again later.",
};

// PUBLIC: the landing page of a join link. It checks the link and the crowd parameters without
// writing anything; the Start button posts to enterAction, which creates or resumes the
// annotator identity and signs it in. Campaign and model names are never shown here.
export default async function JoinPage({ params, searchParams }: RoutePageProps<{ token: string }>) {
  const { token } = await params;
  const query = await searchParams;
  const crowd = pickCrowdParams(query);
  const parsedCrowd = crowdParamsSchema.safeParse(crowd);
  const resolved = await resolveJoinLink(token);
  const user = await currentUser();
  const error = typeof query.error === "string" ? (ERRORS[query.error] ?? ERRORS.gone) : null;

  let refusal: string | null = null;
  // A full link still lets a returning participant in (checked again when they press Start).
  const mayBeReturning = Boolean(crowd.PROLIFIC_PID || crowd.workerId || user?.role === "annotator");
  if (!resolved.ok && !(resolved.reason === "full" && mayBeReturning)) refusal = resolved.message;
  else if (!parsedCrowd.success)
    refusal = `Invalid link parameter ${parsedCrowd.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  else if (crowd.assignmentId === MTURK_PREVIEW) refusal = "This is a preview of the task. Accept the HIT to start.";

  return (
    <main className="mx-auto mt-16 max-w-lg rounded-lg bg-white p-8 shadow">
      <h1 className="text-2xl font-semibold">Image comparison study</h1>
      {refusal ? (
        <p role="alert" className="mt-4 rounded bg-red-50 p-3 text-red-700" data-testid="join-refused">
          {refusal}
        </p>
      ) : (
        <>
          <p className="mt-3 text-slate-700">
            You will see pairs of images and pick the one you prefer. It takes a few minutes; you can stop and come back
            with the same link.
          </p>
          {user && user.role !== "annotator" && (
            <p className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-800">
              You are signed in as {user.role}; continuing signs you in as a participant instead.
            </p>
          )}
          {error && (
            <p role="alert" className="mt-3 rounded bg-red-50 p-2 text-sm text-red-700">
              {error}
            </p>
          )}
          <form action={enterAction} className="mt-6">
            <input type="hidden" name="token" value={token} />
            {Object.entries(crowd).map(([key, value]) => (
              <input key={key} type="hidden" name={key} value={value} />
            ))}
            <button
              type="submit"
              className="w-full rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
            >
              Start
            </button>
          </form>
        </>
      )}
    </main>
  );
}

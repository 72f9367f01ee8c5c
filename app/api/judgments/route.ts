import { guardedRoute } from "@/lib/http/route";
import { answerHandler } from "@/lib/http/answer-route";
import { vote, voteSchema } from "@/lib/annotation/vote";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", answerHandler(voteSchema, vote));

import { guardedRoute } from "@/lib/http/route";
import { answerHandler } from "@/lib/http/answer-route";
import { submitRanking, submitRankingSchema } from "@/lib/ranking/submit-ranking";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", answerHandler(submitRankingSchema, submitRanking));

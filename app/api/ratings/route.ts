import { guardedRoute } from "@/lib/http/route";
import { answerHandler } from "@/lib/http/answer-route";
import { submitRating, submitRatingSchema } from "@/lib/rating/submit-rating";

export const dynamic = "force-dynamic";

export const POST = guardedRoute("vote", answerHandler(submitRatingSchema, submitRating));

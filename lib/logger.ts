import pino from "pino";
import { env } from "./env";

/** Structured logs (JSON lines). Secrets are redacted by path wherever they could appear. */
export const logger = pino({
  level: env.LOG_LEVEL,
  redact: {
    paths: [
      "*.apiKey",
      "*.headers.authorization",
      "*.headers.Authorization",
      "*.secrets",
      "*.password",
      "*.passwordHash",
    ],
    censor: "[redacted]",
  },
});

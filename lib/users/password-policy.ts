import { z } from "zod";

/** Passwords: 10 to 1024 characters (length over composition rules, per NIST SP 800-63B). */
export const passwordSchema = z.string().min(10, "at least 10 characters").max(1024, "at most 1024 characters");

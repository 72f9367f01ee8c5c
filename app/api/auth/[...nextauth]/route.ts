import { handlers } from "@/lib/auth/auth";

// Auth.js's own endpoints (sign-in, CSRF token, session); protected by Auth.js's CSRF checks.
export const { GET, POST } = handlers;

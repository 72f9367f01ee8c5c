import type { CurrentUser } from "../../lib/auth/guard";

/**
 * Who the command line acts as. It runs on a server with the database's credentials, so it has an
 * admin's reach (every campaign); use cases still receive a user and scope their queries by it.
 * It is no row in User: nothing the CLI calls writes the acting user's id.
 */
export const OPERATOR: CurrentUser = { id: "command-line", email: null, name: "command line", role: "admin" };

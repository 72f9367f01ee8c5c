/**
 * Voting transactions are short, but under a burst (hundreds of annotators, a pool of 20
 * connections) they queue for a connection longer than Prisma's 2 s default; waiting is better
 * than failing a vote.
 */
export const VOTING_TX = { maxWait: 15_000, timeout: 15_000 } as const;

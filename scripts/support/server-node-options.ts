/**
 * The Node flags the web server (`next start`) runs with: startWeb (the demo, the e2e stack, the
 * chaos run, the annotation bench) passes them, docs/DEPLOY.md sets them on a production host, and
 * bench/report.ts measures the results paths under them.
 *
 * --max-semi-space-size=4: V8's young generation in semi-spaces of at most 4 MiB (Node 20 lets them
 * grow to 16). A results computation at a million judgments makes tens of MiB of short-lived
 * objects and buffers; with the smaller young generation they are collected while the
 * computation runs instead of being promoted and outliving it, so two computations in a row no
 * longer stack their garbage. Measured (docs/BENCHMARKS.md, issue 17): the results bench's peak
 * RSS 313–391 MiB in eight runs against 347–444 MiB with the default, cold JSON unchanged; saturated
 * voting (bench/annotation.ts, alternated) no different beyond the noise.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ["--max-semi-space-size=4"];

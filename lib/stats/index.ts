/**
 * Photogenic statistics: pure TypeScript, no I/O, deterministic. See docs/STATISTICS.md.
 * The results page and reports call computeCampaignStats; the rest is exported for tests, the
 * CLI and anyone who needs one figure.
 */
export * from "./types";
export * from "./choices";
export * from "./rng";
export * from "./special";
export * from "./aggregate";
export * from "./win-rates";
export * from "./wilson";
export * from "./newcombe";
export * from "./binomial-test";
export * from "./quantile";
export * from "./bca";
export * from "./cluster-bootstrap";
export * from "./matchups";
export * from "./matchup-bootstrap";
export * from "./bradley-terry";
export * from "./ranks";
export * from "./leaderboard";
export * from "./head-to-head";
export * from "./planning";
export * from "./position-bias";
export * from "./crowd-quality/rules";
export * from "./crowd-quality/binomial-tail";
export * from "./crowd-quality/longest-run";
export * from "./crowd-quality/side-bias";
export * from "./crowd-quality/timing-regularity";
export * from "./crowd-quality/loo-agreement";
export * from "./crowd-quality/shared-device";
export * from "./annotator-quality";
export * from "./dawid-skene";
export * from "./agreement/rating-table";
export * from "./agreement/raw-agreement";
export * from "./agreement/fleiss-kappa";
export * from "./agreement/gwet-ac1";
export * from "./agreement/krippendorff-alpha";
export * from "./campaign-stats";
export * from "./reduced";
export * from "./report-json";
export * from "./report-text";
export * from "./io/csv";
export * from "./io/text-position";
export * from "./io/judgments-csv";
export * from "./io/arena-json";
export * from "./io/ratings-long";
export * from "./sequential";
export * from "./breakdown";
export * from "./rating";
export * from "./ranking";
export * from "./curation";

export * from "./rankings";
export * from "./rank-breaking";
export * from "./plackett-luce";
export * from "./kendall-w";
export * from "./slot-bias";
export * from "./ranking-figures";

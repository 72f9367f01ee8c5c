export * from "./rubric";
export * from "./curation-stats";
export * from "./curation-figures";

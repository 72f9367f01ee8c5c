export * from "./rubric";
export * from "./curation-stats";

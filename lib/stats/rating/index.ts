export * from "./scales";
export * from "./rating-stats";

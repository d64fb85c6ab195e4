export * from "./data";
export * from "./envelope";

export * from "./seed.js";
export * from "./streams.js";
export * from "./sample.js";

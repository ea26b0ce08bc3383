export * from "./agents.js";
export * from "./listings.js";
export * from "./environment.js";

export * from "./definitions.js";
export * from "./validate.js";

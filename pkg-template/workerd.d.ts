// Types of workerd.js: the full API, already initialised (no init()).
export * from "./portone_verify.js";

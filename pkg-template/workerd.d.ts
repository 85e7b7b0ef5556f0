// Types of workerd.js: the full API, already initialised (no init()). Also what TypeScript sees
// for "portone-verify/server" without a "node" condition (moduleResolution "bundler").
export * from "./portone_verify.js";

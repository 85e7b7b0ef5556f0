// Types of browser.js: parsing and verification only (no REST client, no webhooks), plus
// init(), which must be awaited once before anything else.
export { default as init, initSync } from "./browser/portone_verify.js";
export * from "./browser/portone_verify.js";

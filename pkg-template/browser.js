// Browsers, through a bundler such as Vite or as a plain <script type="module"> (the "browser"
// and "default" conditions): the small build (browser/: parsing and verification, no REST
// client, no webhooks). Call `await init()` once before anything else; it fetches
// browser/portone_verify_bg.wasm next to the glue (bundlers rewrite that URL).
export { default as init, initSync } from "./browser/portone_verify.js";
export * from "./browser/portone_verify.js";

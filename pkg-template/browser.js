// Browsers (through a bundler such as Vite, or a plain <script type="module">): call
// `await init()` once before anything else; it fetches portone_verify_bg.wasm next to this file.
export { default as init, initSync } from "./portone_verify.js";
export * from "./portone_verify.js";

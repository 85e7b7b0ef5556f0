// Cloudflare Workers (wrangler and raw workerd): the wasm is imported as a module, never
// fetched, and instantiated synchronously at import.
import wasmModule from "./portone_verify_bg.wasm";
import { initSync } from "./portone_verify.js";

initSync({ module: wasmModule });

export * from "./portone_verify.js";

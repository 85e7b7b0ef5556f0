// Cloudflare Workers, wrangler-bundled or raw workerd (the "workerd"/"worker" conditions): the
// full (edge) build. The .wasm is imported as a compiled module, never fetched, and
// instantiated synchronously at import. No init() here.
import wasmModule from "./portone_verify_bg.wasm";
import { initSync } from "./portone_verify.js";

initSync({ module: wasmModule });

export * from "./portone_verify.js";

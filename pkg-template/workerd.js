// Cloudflare Workers, wrangler-bundled or raw workerd (the "workerd"/"worker" conditions of
// both "." and "./server"), and any other bundler importing "portone-verify/server" (its
// "default" condition): the full (edge) build. The .wasm is imported as a compiled module,
// never fetched, and instantiated synchronously at import. No init() here.
import wasmModule from "./portone_verify_bg.wasm";
import { initSync } from "./portone_verify.js";

initSync({ module: wasmModule });

export * from "./portone_verify.js";

// Node >= 20 (the "node" condition of both "." and "./server"): the full (edge) build,
// instantiated synchronously from the package's own file at import, so
// `import { verifyPayment } from "portone-verify"` is ready to use. No init() here.
import { readFileSync } from "node:fs";
import { initSync } from "./portone_verify.js";

initSync({ module: readFileSync(new URL("./portone_verify_bg.wasm", import.meta.url)) });

export * from "./portone_verify.js";

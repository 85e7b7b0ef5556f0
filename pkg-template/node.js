// Node >= 20: instantiates the wasm synchronously from the package's own file, so
// `import { verifyPayment } from "portone-verify"` is ready to use.
import { readFileSync } from "node:fs";
import { initSync } from "./portone_verify.js";

initSync({ module: readFileSync(new URL("./portone_verify_bg.wasm", import.meta.url)) });

export * from "./portone_verify.js";

// Runs every consumer test against one packed tarball and ends with "N passed, M failed"
// (N, M: consumer checks, i.e. leaf tests). Exit code 1 on any failure.
//   node tests/consumers/run.mjs            (scripts/test-consumers builds pkg/ first)
// The tarball: `npm pack` of PORTONE_VERIFY_PKG_DIR (default pkg/), or PORTONE_VERIFY_TGZ.
import { readdirSync } from "node:fs";
import path from "node:path";
import { finished } from "node:stream/promises";
import { run } from "node:test";
import { spec } from "node:test/reporters";

import { here, packTarball } from "./support.mjs";

const started = performance.now();
let passed = 0;
let failed = 0;
try {
  // packTarball() removes it when this process exits.
  process.env.PORTONE_VERIFY_TGZ ??= await packTarball();
  console.log(`tarball: ${process.env.PORTONE_VERIFY_TGZ}`);
  const files = readdirSync(here)
    .filter((f) => f.endsWith(".test.mjs"))
    .sort()
    .map((f) => path.join(here, f));
  const stream = run({ files, concurrency: 1, timeout: 300_000 });
  // Leaf tests only (suites report too). A failing before hook fails its tests
  // (cancelledByParent); a file that crashes outside any test is one failure.
  stream.on("test:pass", (e) => {
    if (e.details?.type !== "suite") passed++;
  });
  stream.on("test:fail", (e) => {
    if (e.details?.type !== "suite") failed++;
  });
  const report = stream.compose(spec);
  report.pipe(process.stdout, { end: false });
  await finished(report);
} catch (err) {
  console.error(err);
  failed++;
}
const took = (ms) => `${(ms / 1000).toFixed(1)} s`;
const total = process.env.TEST_CONSUMERS_STARTED_MS
  ? `, ${took(Date.now() - Number(process.env.TEST_CONSUMERS_STARTED_MS))} including the pkg/ freshness check and any rebuild`
  : "";
console.log(`consumer tests took ${took(performance.now() - started)}${total}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;

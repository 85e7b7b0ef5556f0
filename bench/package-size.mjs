// Gzipped sizes of the two wasm builds the npm package ships, against their budgets.
//   node bench/package-size.mjs <package dir>   (bench/run builds it with scripts/build-pkg)
// Each build counts its .wasm, its wasm-bindgen glue and the glue's snippets (the JS modules the
// Rust binds, under snippets/<crate>/src/wasm/; zlib level 9 each,
// KB of 1024 bytes, as verify.bench.mjs; the gzip CLI scripts/build-pkg uses compresses the
// wasm ~3% better); the entry files around them are a few hundred bytes.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, resolve } from "node:path";

const dir = resolve(process.argv[2] ?? "pkg");
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function build(root) {
  const files = [join(root, "portone_verify_bg.wasm"), join(root, "portone_verify.js")];
  const snippets = join(root, "snippets");
  if (existsSync(snippets)) {
    for (const file of readdirSync(snippets, { recursive: true })) {
      if (file.endsWith(".js")) files.push(join(snippets, file));
    }
  }
  return files.reduce((sum, file) => sum + gz(file), 0);
}

const check = process.argv.includes("--check");
let over = false;
console.log("\ngzipped size of the npm package's builds (wasm + JS glue)");
for (const [name, root, budget] of [
  ["edge (everything, speed-optimised)", dir, 150],
  ["browser (parse + verify, size-optimised)", join(dir, "browser"), 60],
]) {
  const kb = build(root) / 1024;
  const verdict = kb <= budget ? "met" : "NOT met";
  over ||= kb > budget;
  console.log(`  ${name.padEnd(42)} ${kb.toFixed(1)} KB   (target <= ${budget} KB: ${verdict})`);
}
if (check && over) {
  console.error("a build is over its size budget");
  process.exit(1);
}

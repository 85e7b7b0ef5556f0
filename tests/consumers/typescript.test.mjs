// (b) Strict TypeScript consumers of the installed tarball: `tsc --noEmit --strict` (with the
// package's own .d.ts checked: skipLibCheck false) under node16, nodenext and bundler module
// resolution, each picking its condition's types; and "portone-verify/server" in projects made
// with default settings (wrangler's Worker template, `tsc --init` for Node), nothing added.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { consumerProject, repoModule, run } from "./support.mjs";

const tsc = repoModule("typescript/bin/tsc");
const { version } = JSON.parse(readFileSync(repoModule("typescript/package.json"), "utf8"));
let project;
before(async () => {
  project = await consumerProject("typescript", { links: ["@types/node", "@cloudflare/workers-types"] });
});
after(() => project?.cleanup());

const typecheck = (config) =>
  run(process.execPath, [tsc, "-p", config, "--pretty", "false"], { cwd: project.dir });

// Two tsc processes at a time (one per core).
describe("strict TypeScript consumer (installed from the tarball)", { concurrency: 2 }, () => {
  for (const [config, what] of [
    ["tsconfig.nodenext.json", "nodenext, node condition: server API, no init"],
    ["tsconfig.node16.json", "node16, node condition: server API, no init"],
    ["tsconfig.bundler.json", "bundler, default condition: init, no PortOneClient"],
    ["tsconfig.bundler-browser.json", "bundler + customConditions browser: init, no PortOneClient"],
    ["tsconfig.bundler-workerd.json", "bundler + customConditions workerd: server API, no init"],
    ["tsconfig.wrangler.json", "wrangler's template settings, portone-verify/server: server API, no customConditions"],
    ["tsconfig.wrangler-libcheck.json", "the same with skipLibCheck off, against @cloudflare/workers-types"],
    ["tsconfig.node-init.json", "tsc --init's Node settings, portone-verify/server: node condition"],
  ]) {
    test(`tsc ${version} --strict ${config} (${what})`, async () => {
      await typecheck(config);
    });
  }

  test("RequestPayResponse declares the `success` every parsed callback has", async () => {
    await writeFile(
      path.join(project.dir, "tsconfig.callback.json"),
      JSON.stringify({ extends: "./tsconfig.nodenext.json", files: ["callback.ts"] }),
    );
    await typecheck("tsconfig.callback.json");
  });

  // The V2 standalone functions are in every build: the same file under the server (node)
  // and browser (bundler) conditions. Payment narrows on `status` (exhaustive switch),
  // VerdictV2 on `ok`; the @ts-expect-error lines prove what must not compile.
  for (const base of ["tsconfig.nodenext.json", "tsconfig.bundler.json"]) {
    test(`V2: Payment narrows on status, VerdictV2 on ok (v2.ts under ${base})`, async () => {
      const name = `tsconfig.v2-${path.basename(base, ".json").replace("tsconfig.", "")}.json`;
      await writeFile(path.join(project.dir, name), JSON.stringify({ extends: `./${base}`, files: ["v2.ts"] }));
      await typecheck(name);
    });
  }

  // The types really differ per condition: each file fails under the other's condition.
  test("the wrong entry's types are refused (server code in a browser project and back)", async () => {
    const wrong = async (base, file) => {
      const name = `tsconfig.wrong-${path.basename(file, ".ts")}.json`;
      await writeFile(path.join(project.dir, name), JSON.stringify({ extends: `./${base}`, files: [file] }));
      const err = await typecheck(name).then(() => null, (e) => e);
      assert.ok(err, `${file} under ${base} must not type-check`);
      return err.message;
    };
    const serverInBrowser = await wrong("tsconfig.bundler.json", "server.ts");
    assert.match(serverInBrowser, /has no exported member '?PortOneClient'?/);
    const browserInNode = await wrong("tsconfig.nodenext.json", "browser.ts");
    assert.match(browserInNode, /has no exported member '?init'?/);
    // The root export keeps its conditions: wrangler's settings without customConditions give
    // the browser types there, the server API only through "portone-verify/server".
    const rootInWorker = await wrong("tsconfig.wrangler.json", "server.ts");
    assert.match(rootInWorker, /has no exported member '?PortOneClient'?/);
  });
});

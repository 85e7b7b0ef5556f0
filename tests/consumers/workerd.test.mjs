// (d) A wrangler-bundled Worker in real workerd, with the package installed from the tarball:
// the tests/workerd/ suite (verify, V2 webhooks, PortOneClient against the local PortOne
// server, one shared token) run against node_modules/portone-verify of a scratch project.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";

import { consumerProject, repoRoot, run } from "./support.mjs";

let project;
before(async () => {
  project = await consumerProject("workerd");
});
after(async () => {
  await project?.cleanup();
});

test("the installed package works in a wrangler-bundled Worker inside workerd", async () => {
  const installed = path.join(project.dir, "node_modules", "portone-verify");
  const suite = path.join(repoRoot, "tests", "workerd");
  // node:test refuses to start a run inside a test file while NODE_TEST_CONTEXT (set by the
  // parent runner for its children) is in the environment: hide it from the nested run.
  const context = process.env.NODE_TEST_CONTEXT;
  delete process.env.NODE_TEST_CONTEXT;
  let stdout;
  try {
    ({ stdout } = await run(process.execPath, ["--test", "--test-reporter=tap", suite], {
      env: { PORTONE_VERIFY_PKG_DIR: installed },
      timeout: 300_000,
    }));
  } finally {
    if (context !== undefined) process.env.NODE_TEST_CONTEXT = context;
  }
  assert.match(stdout, /^# pass [1-9]\d*$/m, "the workerd suite ran tests");
  assert.match(stdout, /^# fail 0$/m, "and none failed");
});

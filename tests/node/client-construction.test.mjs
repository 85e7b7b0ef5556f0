// PortOneClient's constructor: bad options are INVALID_ARGUMENT with a path, and the browser
// guard (BROWSER_NOT_ALLOWED unless dangerouslyAllowBrowser).
//
// Build first: make pkg-node (or set PORTONE_VERIFY_PKG to another build).

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { API_KEY, API_SECRET, throwsWith } from "./support/client-harness.mjs";
import { PortOneClient } from "./support/client-v1.mjs";

describe("construction", () => {
  test("bad options are INVALID_ARGUMENT with a path", () => {
    throwsWith(() => new PortOneClient(), "INVALID_ARGUMENT", { path: "options" });
    throwsWith(() => new PortOneClient({ apiKey: API_KEY }), "INVALID_ARGUMENT", { path: "options.apiSecret" });
    throwsWith(() => new PortOneClient({ apiKey: "", apiSecret: API_SECRET }), "INVALID_ARGUMENT", {
      path: "options.apiKey",
    });
    throwsWith(
      () => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: "api.iamport.kr" }),
      "INVALID_ARGUMENT",
      { path: "options.baseUrl" },
    );
    throwsWith(() => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, timeoutMs: 0 }), "INVALID_ARGUMENT", {
      path: "options.timeoutMs",
    });
    throwsWith(
      () => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, maxRetries: 11 }),
      "INVALID_ARGUMENT",
      { path: "options.maxRetries" },
    );
    throwsWith(() => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, retries: 3 }), "INVALID_ARGUMENT");
  });

  test("BROWSER_NOT_ALLOWED where window and document exist, unless the flag is set", () => {
    globalThis.window = globalThis;
    globalThis.document = {};
    try {
      const error = throwsWith(
        () => new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET }),
        "BROWSER_NOT_ALLOWED",
      );
      assert.match(error.message, /dangerouslyAllowBrowser/);
      const client = new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET, dangerouslyAllowBrowser: true });
      assert.ok(client instanceof PortOneClient);
    } finally {
      delete globalThis.window;
      delete globalThis.document;
    }
    assert.ok(new PortOneClient({ apiKey: API_KEY, apiSecret: API_SECRET }) instanceof PortOneClient);
  });
});

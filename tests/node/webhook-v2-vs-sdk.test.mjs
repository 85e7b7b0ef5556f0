// Side by side: our `verifyWebhookV2` against the official `@portone/server-sdk`
// `Webhook.verify` on the same deterministic cases; accept/reject and reason must agree.
// The cases and both runners are in support/webhook-v2-cases.mjs.
//
// Run: node --test tests/node/   (package from target/pkg-node, or PORTONE_VERIFY_PKG=<path>)

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { REASONS, base, compare, int, mutations, ourOutcome, pick, sdkOutcome } from "./support/webhook-v2-cases.mjs";

describe("verifyWebhookV2 agrees with @portone/server-sdk Webhook.verify", () => {
  test("every mutation of fixed and random valid cases", async () => {
    const cases = [
      ...mutations(base({ name: "fixed" , nowSec: 1_714_039_200, offset: 0 })),
      ...Array.from({ length: 6 }, () => mutations(base())).flat(),
    ];
    const seen = new Map();
    for (const c of cases) {
      const outcome = await compare(c);
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    }
    assert.ok(cases.length >= 50, `${cases.length} cases`);
    for (const outcome of ["OK", "INVALID_SECRET", ...REASONS]) {
      assert.ok(seen.get(outcome) > 0, `some case ends in ${outcome}`);
    }
  });

  test("random secrets, bodies, timestamps and headers", async () => {
    for (let i = 0; i < 200; i++) {
      const c = base({ offset: int(-420, 420) });
      const all = mutations(c);
      await compare(pick(all));
      await compare(c);
    }
  });

  test("a validly signed body that is not JSON", async () => {
    const c = base({ body: "not json", offset: 0 });
    assert.equal(await compare(c), "INVALID_JSON");
  });

  test("the Standard Webhooks known-answer vector", async () => {
    const c = {
      name: "known answer",
      secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
      body: '{"email":"test@example.com","username":"test_user"}',
      headers: {
        "webhook-id": "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk",
        "webhook-timestamp": "1649367553",
        "webhook-signature": "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
      },
      nowMs: 1_649_367_553_000,
    };
    assert.equal((await sdkOutcome(c)).outcome, "OK");
    // Verified; the body is not a PortOne webhook (no `type`), which only we check.
    assert.equal(ourOutcome(c).outcome, "MISSING_FIELD");
    // Non-zero trailing bits ("w" -> "x" changes only discarded bits): the same bytes for atob.
    c.headers["webhook-signature"] = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkx=";
    assert.equal((await sdkOutcome(c)).outcome, "OK");
    assert.equal(ourOutcome(c).outcome, "MISSING_FIELD");
    c.headers["webhook-signature"] = "v1,tZ1I5/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";
    assert.equal((await sdkOutcome(c)).outcome, "NO_MATCHING_SIGNATURE");
    assert.equal(ourOutcome(c).outcome, "NO_MATCHING_SIGNATURE");
  });
});

// A strict TypeScript consumer in a browser (the "browser"/"default" condition): init() once,
// then parsing and verification; the REST client is not there. Type-checked, never run.
import * as pkg from "portone-verify";
import { init, parseRequestPayResponse, verifyPayment } from "portone-verify";
import type { Expected, FailureCode, PortOneVerifyError, RequestPayResponse } from "portone-verify";

await init();

// @ts-expect-error: the browser build has no REST client
pkg.PortOneClient;
// @ts-expect-error: nor webhook verification
pkg.verifyWebhookV2;

const r: RequestPayResponse = parseRequestPayResponse({ success: "true", imp_uid: "imp_1" });
const order: Expected = { merchantUid: r.merchant_uid ?? "", amount: "1004" };
const v = verifyPayment("{}", order);
const codes: FailureCode[] = v.ok ? [] : v.failures.map((f) => f.code);
if (v.ok) {
  console.log(v.state satisfies "paid" | "virtual_account_issued");
}
try {
  parseRequestPayResponse("{");
} catch (e) {
  const err = e as PortOneVerifyError;
  switch (err.code) {
    case "INVALID_JSON":
    case "INVALID_INPUT":
    case "MISSING_FIELD":
    case "INVALID_FIELD":
    case "API_ERROR":
    case "INVALID_ARGUMENT":
      break;
    default: {
      const unreachable: never = err.code;
      throw unreachable;
    }
  }
}
console.log(codes);

// A strict TypeScript consumer on a server (Node through the "node" condition, Workers through
// "workerd"): the full API, no init(). typescript.test.mjs type-checks it, never runs it.
import * as pkg from "portone-verify";
import {
  PortOneClient,
  PortOneClientV2,
  parsePayment,
  parseRedirectQuery,
  parseRequestPayResponse,
  parseWebhookV1,
  verifyPayment,
  verifyWebhookV2,
} from "portone-verify";
import type {
  ClientErrorCode,
  ErrorCode,
  Expected,
  Failure,
  FailureCode,
  PaidState,
  Payment,
  PaymentAnnotation,
  PortOneClientError,
  PortOneVerifyError,
  RequestPayResponse,
  Verdict,
  VerdictV2,
  WebhookV1,
  WebhookV2,
  WebhookVerificationError,
  WebhookVerificationFailureReason,
} from "portone-verify";

// @ts-expect-error: the server entries initialise themselves; there is no init() to call.
pkg.init;

declare const body: string;
const order: Expected = { merchantUid: "order-1", amount: 1004 };

// verdict.ok narrows to state or failures.
const verdict = verifyPayment(body, order);
if (verdict.ok) {
  const state: PaidState = verdict.state;
  // @ts-expect-error: a verified verdict has no failures
  verdict.failures;
  console.log(state, verdict.payment.imp_uid);
} else {
  const failures: Failure[] = verdict.failures;
  // @ts-expect-error: a rejected verdict has no state
  verdict.state;
  for (const f of failures) describeFailure(f.code);
}

function describeFailure(code: FailureCode): string {
  switch (code) {
    case "AMOUNT_MISMATCH":
    case "MERCHANT_UID_MISMATCH":
    case "IMP_UID_MISMATCH":
    case "CURRENCY_MISMATCH":
    case "PAYMENT_ID_MISMATCH":
    case "ORDER_NAME_MISMATCH":
    case "STORE_ID_MISMATCH":
      return "forged";
    case "NOT_PAID":
    case "CANCELLED":
    case "PARTIALLY_CANCELLED":
    case "SANDBOX_PAYMENT":
    case "INCOMPLETE_PAYMENT":
    case "VIRTUAL_ACCOUNT_EXPIRED":
      return "not shippable";
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

// switch (err.code) is exhaustive over the closed error code unions.
function explain(err: PortOneVerifyError): string {
  switch (err.code) {
    case "INVALID_JSON":
    case "INVALID_INPUT":
      return "not a payment";
    case "MISSING_FIELD":
    case "INVALID_FIELD":
      return `bad field ${err.path ?? ""}`;
    case "API_ERROR":
      return `PortOne said ${err.apiCode ?? "?"}: ${err.apiMessage ?? ""}`;
    case "INVALID_ARGUMENT":
      return "bad call";
    default: {
      const unreachable: never = err.code;
      return unreachable;
    }
  }
}

function clientStatus(err: PortOneClientError): number {
  const code: ClientErrorCode | ErrorCode = err.code;
  switch (code) {
    case "NOT_FOUND":
      return 404;
    case "UNAUTHORIZED":
      return 401;
    case "FORBIDDEN":
      return 403;
    case "WEBHOOK_WITHOUT_PAYMENT":
      return 200;
    case "RATE_LIMITED":
      return err.retryAfterMs ?? 429;
    case "BAD_REQUEST":
    case "INVALID_REQUEST":
    case "INVALID_ARGUMENT":
    case "INVALID_JSON":
    case "INVALID_INPUT":
    case "MISSING_FIELD":
    case "INVALID_FIELD":
      return 400;
    case "SERVER_ERROR":
    case "API_ERROR":
    case "TIMEOUT":
    case "NETWORK":
    case "INVALID_RESPONSE":
    case "RESPONSE_TOO_LARGE":
    case "BROWSER_NOT_ALLOWED":
      return 502;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

function webhookStatus(err: WebhookVerificationError): number {
  const reason: WebhookVerificationFailureReason = err.code;
  switch (reason) {
    case "MISSING_REQUIRED_HEADERS":
    case "NO_MATCHING_SIGNATURE":
    case "INVALID_SIGNATURE":
      return 401;
    case "TIMESTAMP_TOO_OLD":
    case "TIMESTAMP_TOO_NEW":
      return 408;
    default: {
      const unreachable: never = reason;
      return unreachable;
    }
  }
}

try {
  parsePayment(body);
} catch (e) {
  explain(e as PortOneVerifyError);
}

const client = new PortOneClient({ apiKey: "k", apiSecret: "s", timeoutMs: 5000 });
export async function complete(impUid: string): Promise<number> {
  try {
    const v = await client.verifyPayment(impUid, order);
    const payment: PaymentAnnotation = v.payment;
    return v.ok ? payment.amount : v.failures.length;
  } catch (e) {
    return clientStatus(e as PortOneClientError);
  }
}

const callback: RequestPayResponse = parseRequestPayResponse({ success: "true", imp_uid: "imp_1" });
const redirect: RequestPayResponse = parseRedirectQuery(new URL("https://shop.example/done?imp_success=true"));
const v1: WebhookV1 = parseWebhookV1('{"imp_uid":"imp_1","merchant_uid":"o","status":"paid"}', "application/json");
const v2: WebhookV2 = verifyWebhookV2("whsec_c2VjcmV0", "{}", { "webhook-id": "1" });
const typed: Verdict = verdict;
console.log(callback.imp_uid, redirect.imp_uid, v1.status, v2.type, typed.ok, webhookStatus);

const portoneV2 = new PortOneClientV2({ apiSecret: "test_v2_api_secret", webhookSecret: "whsec_c2VjcmV0" });
export async function completeV2(paymentId: string): Promise<number> {
  try {
    const v: VerdictV2 = await portoneV2.verifyPayment(paymentId, { amount: 1000 });
    const payment: Payment = v.payment;
    return v.ok ? payment.amount.total : v.failures.length;
  } catch (e) {
    const err = e as PortOneClientError;
    return err.portoneType === "PAYMENT_NOT_FOUND" ? 404 : clientStatus(err);
  }
}
export async function webhookV2(request: Request): Promise<string> {
  const hook = await portoneV2.verifyWebhook(await request.text(), request.headers, (paymentId) => ({ paymentId, amount: 1000 }));
  return hook.ok ? hook.webhookId : hook.failures.map((f: Failure) => f.code).join();
}

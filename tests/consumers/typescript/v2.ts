// A strict TypeScript consumer of the V2 standalone functions, which every build has (server
// and browser conditions alike): `Payment` narrows on `status` (an exhaustive switch, an
// unknown status as `Unrecognized`), `VerdictV2` on `ok`. Type-checked, never run.
import { parsePaymentResponseV2, parsePaymentV2, parseRedirectQueryV2, verifyPaymentV2 } from "portone-verify";
import type {
  ExpectedV2,
  Failure,
  FailureCode,
  PaidPayment,
  PaidState,
  Payment,
  PaymentResponseV2,
  Unrecognized,
  UnrecognizedPayment,
  VerdictV2,
} from "portone-verify";

declare const body: string;
const payment: Payment = parsePaymentV2(body);

// @ts-expect-error: paidAt exists only once the status says PAID
payment.paidAt;
if (payment.status === "PAID") {
  const paidAt: string = payment.paidAt;
  const paid: PaidPayment = payment;
  console.log(paidAt, paid.pgTxId);
}

/** Every status handled: a status added to `Payment` without a case here fails to compile. */
function describe(p: Payment): string {
  switch (p.status) {
    case "READY":
      // @ts-expect-error: a READY payment has no pgTxId
      return p.pgTxId;
    case "PAY_PENDING":
    case "VIRTUAL_ACCOUNT_ISSUED":
      return p.pgTxId ?? "pending";
    case "PAID":
      return p.paidAt;
    case "FAILED":
      return `${p.failedAt}: ${p.failure.reason ?? ""}`;
    case "PARTIAL_CANCELLED":
    case "CANCELLED":
      return `${p.cancelledAt} (${p.cancellations.length})`;
    default: {
      // Only the unknown status is left.
      const unknown: UnrecognizedPayment = p;
      const status: Unrecognized = unknown.status;
      return `unknown status ${String(status)}`;
    }
  }
}

// The method narrows on `type` too.
if (payment.method?.type === "PaymentMethodVirtualAccount") {
  const deadline: string | null = payment.method.expiredAt;
  console.log(deadline);
}

// ExpectedV2: V2's names; amounts as number, decimal string or bigint.
const order: ExpectedV2 = { paymentId: "order-1", amount: 129000n, storeId: "store-1", allowVirtualAccountIssued: true };
const orderByString: ExpectedV2 = { paymentId: "order-1", amount: "9007199254740993", nowMs: Date.now() };
// @ts-expect-error: merchantUid is V1's name
const v1Names: ExpectedV2 = { merchantUid: "order-1", amount: 1004 };

const verdict: VerdictV2 = verifyPaymentV2(body, order);
if (verdict.ok) {
  const state: PaidState = verdict.state;
  // @ts-expect-error: a verified verdict has no failures
  verdict.failures;
  const shipped: Payment = verdict.payment;
  console.log(state, shipped.status === "PAID" ? shipped.paidAt : shipped.id);
} else {
  const failures: Failure[] = verdict.failures;
  const codes: FailureCode[] = failures.map((f) => f.code);
  console.log(codes.includes("PAYMENT_ID_MISMATCH"), verdict.payment.amount.total);
}
verifyPaymentV2(new Uint8Array(0), orderByString);
verifyPaymentV2(payment, orderByString);

// The browser results: `code` present means the payment failed; neither is proof of payment.
const result: PaymentResponseV2 = parsePaymentResponseV2({ paymentId: "order-1", txId: "tx-1", transactionType: "PAYMENT" });
const redirect: PaymentResponseV2 = parseRedirectQueryV2(new URL("https://shop.example/done?paymentId=order-1"));
for (const r of [result, redirect, parseRedirectQueryV2(new URLSearchParams("paymentId=o")), parseRedirectQueryV2("?paymentId=o")]) {
  const success: boolean = r.success;
  const paymentId: string | null = r.paymentId;
  console.log(success ? paymentId : r.code);
}
console.log(describe(payment), v1Names);

// POST /payments/cancel: full or partial cancellation of a paid payment, with PortOne's
// refusals as HTTP 200 + code 1 (missing payment, already fully cancelled, not paid, amount
// over the balance, checksum mismatch, vbank without refund account). Success answers the
// updated PaymentAnnotation.

import { randomBytes } from "node:crypto";
import { badRequest, ok, readBody, refused } from "./http.mjs";
import { sortPayments } from "./listing.mjs";
import { addAmounts, cancellableBalance, compareAmounts } from "./money.mjs";

const VBANK_REFUND_FIELDS = ["refund_holder", "refund_bank", "refund_account"];

/** An optional non-negative number from JSON (number or string) or form fields. */
function optionalAmount(body, name) {
  const raw = body[name];
  if (raw === undefined || raw === null || raw === "") return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw badRequest(`${name}는 0 이상의 숫자여야 합니다.`);
  }
  return value;
}

/** imp_uid wins over merchant_uid; by merchant_uid, the newest paid payment of the order. */
function paymentToCancel(store, { imp_uid, merchant_uid }) {
  if (imp_uid) return store.get(imp_uid);
  const ofOrder = sortPayments(
    store.all().filter((p) => p.merchant_uid === merchant_uid),
    "-started",
    store,
  );
  return ofOrder.find((p) => p.status === "paid") ?? ofOrder[0];
}

export async function cancelPayment({ req, state }) {
  const body = await readBody(req);
  if (!body.imp_uid && !body.merchant_uid) {
    throw badRequest("imp_uid 또는 merchant_uid 중 하나는 필수입니다.");
  }
  const requested = optionalAmount(body, "amount");
  const checksum = optionalAmount(body, "checksum");
  const taxFree = optionalAmount(body, "tax_free") ?? 0;
  const vatAmount = optionalAmount(body, "vat_amount");

  const payment = paymentToCancel(state.store, body);
  if (!payment) throw refused("취소할 결제건이 존재하지 않습니다.");
  const balance = cancellableBalance(payment);
  if (payment.status === "cancelled" || compareAmounts(balance, 0) <= 0) {
    throw refused("이미 전액취소된 주문입니다.");
  }
  if (payment.status !== "paid") {
    throw refused(`결제완료(paid) 상태가 아닌 거래는 취소할 수 없습니다. (status: ${payment.status})`);
  }
  if (checksum !== null && compareAmounts(checksum, balance) !== 0) {
    throw refused(
      `[checksum] 취소가능잔액이 일치하지 않습니다. (요청: ${checksum}, 포트원 취소가능잔액: ${balance})`,
    );
  }
  const amount = requested === null || requested === 0 ? balance : requested;
  if (compareAmounts(amount, balance) > 0) {
    throw refused(`취소가능잔액(${balance})보다 큰 금액(${amount})은 취소할 수 없습니다.`);
  }
  if (compareAmounts(taxFree, amount) > 0) {
    throw refused("면세금액(tax_free)은 취소금액보다 클 수 없습니다.");
  }
  if (vatAmount !== null && compareAmounts(vatAmount, amount) > 0) {
    throw refused("부가세(vat_amount)는 취소금액보다 클 수 없습니다.");
  }
  if (payment.pay_method === "vbank" && VBANK_REFUND_FIELDS.some((field) => !body[field])) {
    throw refused("가상계좌 환불에는 refund_holder, refund_bank, refund_account가 필요합니다.");
  }

  applyCancellation(payment, amount, body.reason ?? "", state.clock.nowSeconds());
  state.store.touch(payment.imp_uid);
  return ok(payment);
}

function applyCancellation(payment, amount, reason, now) {
  payment.cancel_amount = addAmounts(payment.cancel_amount, amount);
  payment.cancel_history = [
    ...payment.cancel_history,
    {
      pg_tid: payment.pg_tid,
      amount,
      cancelled_at: now,
      reason,
      cancellation_id: `cancel-${randomBytes(12).toString("hex")}`,
      receipt_url: payment.receipt_url,
    },
  ];
  if (payment.receipt_url) {
    payment.cancel_receipt_urls = [...payment.cancel_receipt_urls, payment.receipt_url];
  }
  payment.cancel_reason = reason;
  payment.cancelled_at = now;
  if (compareAmounts(payment.cancel_amount, payment.amount) === 0) payment.status = "cancelled";
}

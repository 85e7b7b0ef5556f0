// How a stored V2 payment changes: a cancellation (POST /payments/{id}/cancel, and the admin's
// CANCELLED / PARTIAL_CANCELLED), and any other status change through the admin. A changed
// payment keeps the properties every Payment has, takes the new status's own properties, and
// drops those its new schema does not have (a PAID payment's `disputes` on cancellation…).

import { randomInt } from "node:crypto";
import {
  cancelledSum,
  kcpReceiptUrl,
  PAID_STATUSES,
  STATUS_FIELDS,
  succeededCancellation,
  V2_STATUSES,
  vatOf,
} from "./payment.mjs";
import { rfc3339 } from "./values.mjs";

const ALL_STATUS_FIELDS = new Set(Object.values(STATUS_FIELDS).flat());

/** The payment in `status`, without the status-specific properties that status lacks. */
function reshape(payment, status, now) {
  if (V2_STATUSES.includes(status)) {
    const keep = new Set(STATUS_FIELDS[status]);
    for (const key of Object.keys(payment)) {
      if (ALL_STATUS_FIELDS.has(key) && !keep.has(key)) delete payment[key];
    }
  }
  payment.status = status;
  payment.statusChangedAt = rfc3339(now);
  payment.updatedAt = rfc3339(now);
  return payment;
}

/** What can still be cancelled: total minus the cancelled amount (BigInt), or null. */
export function cancellableAmount(payment) {
  const { total, cancelled } = payment.amount ?? {};
  return typeof total === "bigint" && typeof cancelled === "bigint" ? total - cancelled : null;
}

/** The tax-free part that can still be cancelled, or null. */
export function cancellableTaxFree(payment) {
  const { taxFree, cancelledTaxFree } = payment.amount ?? {};
  return typeof taxFree === "bigint" && typeof cancelledTaxFree === "bigint"
    ? taxFree - cancelledTaxFree
    : null;
}

/**
 * Records a succeeded cancellation of `totalAmount` (BigInt) on a paid payment and returns it.
 * The status becomes CANCELLED once nothing is left, else PARTIAL_CANCELLED.
 */
export function applyCancellation(payment, { totalAmount, taxFreeAmount, vatAmount, reason }, now) {
  const cancellation = succeededCancellation({
    totalAmount,
    taxFreeAmount,
    vatAmount,
    reason,
    at: now,
    receiptUrl: payment.receiptUrl,
  });
  const cancellations = [...(Array.isArray(payment.cancellations) ? payment.cancellations : []), cancellation];
  payment.amount.cancelled = cancelledSum(cancellations);
  payment.amount.cancelledTaxFree = cancelledSum(cancellations, "taxFreeAmount");
  const status = cancellableAmount(payment) === 0n ? "CANCELLED" : "PARTIAL_CANCELLED";
  reshape(payment, status, now);
  payment.cancellations = cancellations;
  payment.cancelledAt = rfc3339(now);
  return cancellation;
}

/** Fills what a paid payment must have when it did not have it yet. */
function markPaid(payment, now) {
  payment.paidAt ??= rfc3339(now);
  payment.pgTxId ??= String(randomInt(1e13, 1e14));
  if (payment.amount && typeof payment.amount.total === "bigint") {
    payment.amount.paid = payment.amount.total - (payment.amount.discount ?? 0n);
  }
}

/**
 * The admin's status change (POST /__admin/v2/payments/{paymentId}/status): CANCELLED cancels
 * what is left, PARTIAL_CANCELLED cancels `amount`, PAID settles a waiting payment, FAILED fails
 * it; READY, PAY_PENDING, VIRTUAL_ACCOUNT_ISSUED and unknown statuses only set the status.
 * Throws an Error with a message for a change that cannot be made.
 */
export function changeStatus(payment, { status, amount, reason = "관리자 취소" }, now) {
  if (status === "CANCELLED" || status === "PARTIAL_CANCELLED") {
    const left = cancellableAmount(payment);
    if (left === null) throw new Error("amount.total과 amount.cancelled가 정수가 아닌 결제입니다.");
    const wanted = status === "CANCELLED" ? left : amount;
    if (typeof wanted !== "bigint" || wanted <= 0n || wanted > left || (status === "PARTIAL_CANCELLED" && wanted === left)) {
      throw new Error(`취소할 수 있는 금액이 아닙니다 (남은 금액 ${left}).`);
    }
    markPaid(payment, now);
    payment.receiptUrl ??= kcpReceiptUrl(payment.pgTxId);
    // The taxable part first; the tax-free part only once the taxable one is used up.
    const taxableLeft = left - (cancellableTaxFree(payment) ?? 0n);
    const taxFreeAmount = wanted > taxableLeft ? wanted - taxableLeft : 0n;
    const vatAmount = vatOf(wanted - taxFreeAmount, payment.currency);
    return applyCancellation(payment, { totalAmount: wanted, taxFreeAmount, vatAmount, reason }, now);
  }
  if (status === "PAID") {
    markPaid(payment, now);
    payment.receiptUrl ??= kcpReceiptUrl(payment.pgTxId);
    payment.disputes ??= [];
  } else if (status === "FAILED") {
    payment.failedAt = rfc3339(now);
    payment.failure ??= { reason: "관리자가 실패 처리하였습니다", pgCode: "9999", pgMessage: "실패" };
    if (payment.amount) payment.amount.paid = 0n;
  } else if (PAID_STATUSES.has(payment.status) && V2_STATUSES.includes(status)) {
    if (payment.amount) payment.amount.paid = 0n;
  }
  reshape(payment, status, now);
  return null;
}

// POST /payments/{paymentId}/cancel (cancelPayment): CancelPaymentBody -> CancelPaymentResponse
// `{cancellation}`, full or partial, in exact integers. The refusals are the cancelPayment error
// types of the OpenAPI with their statuses (400 INVALID_REQUEST, 403 FORBIDDEN, 404
// PAYMENT_NOT_FOUND, 409 PAYMENT_NOT_PAID / PAYMENT_ALREADY_CANCELLED /
// CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN / CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT /
// SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT / CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT
// / CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT / MAX_CANCEL_COUNT_REACHED).

import { V2Error, invalidRequest, readObject, v2Ok } from "./http.mjs";
import { checkStoreId, paymentIdParam, paymentNotFound } from "./lookup.mjs";
import { PAID_STATUSES, vatOf } from "./payment.mjs";
import { applyCancellation, cancellableAmount, cancellableTaxFree } from "./transitions.mjs";
import {
  optionalBoolean,
  optionalEnum,
  optionalInt64,
  optionalObject,
  optionalString,
  requiredString,
} from "./values.mjs";

/** Cancellations a payment may have; one more is MAX_CANCEL_COUNT_REACHED. */
export const MAX_CANCELLATIONS = 20;

const conflict = (type, message) => new V2Error(type, message);

function readCancelBody(body) {
  const request = {
    storeId: optionalString(body, "storeId"),
    amount: optionalInt64(body, "amount", { min: 1n }),
    taxFreeAmount: optionalInt64(body, "taxFreeAmount"),
    vatAmount: optionalInt64(body, "vatAmount"),
    reason: requiredString(body, "reason"),
    currentCancellableAmount: optionalInt64(body, "currentCancellableAmount"),
    refundAccount: optionalObject(body, "refundAccount"),
  };
  optionalEnum(body, "requester", ["CUSTOMER", "ADMIN"]);
  optionalEnum(body, "promotionDiscountRetainOption", ["RETAIN", "RELEASE"]);
  optionalString(body, "refundEmail");
  optionalBoolean(body, "skipWebhook");
  if (request.refundAccount) {
    for (const field of ["bank", "number", "holderName"]) requiredString(request.refundAccount, field);
  }
  return request;
}

/** Refuses a payment that cannot be cancelled as asked; returns the amounts to cancel. */
function amountsToCancel(payment, request) {
  if (payment.status === "CANCELLED") {
    throw conflict("PAYMENT_ALREADY_CANCELLED", "이미 전액 취소된 결제입니다.");
  }
  if (!PAID_STATUSES.has(payment.status)) {
    throw conflict("PAYMENT_NOT_PAID", `결제 완료 상태가 아닌 결제는 취소할 수 없습니다 (status: ${payment.status}).`);
  }
  const left = cancellableAmount(payment);
  const taxFreeLeft = cancellableTaxFree(payment);
  if (left === null || taxFreeLeft === null) {
    throw conflict("CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN", "결제 금액 정보가 올바르지 않아 취소할 수 없습니다.");
  }
  if (request.currentCancellableAmount !== null && request.currentCancellableAmount !== left) {
    throw conflict(
      "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN",
      `취소 가능 잔액이 일치하지 않습니다 (요청: ${request.currentCancellableAmount}, 잔액: ${left}).`,
    );
  }
  const amount = request.amount ?? left;
  if (amount > left) {
    throw conflict("CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT", `취소 금액(${amount})이 취소 가능 금액(${left})을 초과합니다.`);
  }
  // Without taxFreeAmount, a full cancel takes what is left tax-free; a partial one is all taxable.
  const taxFreeAmount = request.taxFreeAmount ?? (request.amount === null ? taxFreeLeft : 0n);
  const vatAmount = request.vatAmount ?? vatOf(amount - taxFreeAmount, payment.currency);
  if (taxFreeAmount + vatAmount > amount) {
    throw conflict("SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT", "면세 금액과 부가세의 합이 취소 금액을 초과합니다.");
  }
  if (taxFreeAmount > taxFreeLeft) {
    throw conflict(
      "CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT",
      `취소 면세 금액(${taxFreeAmount})이 취소 가능한 면세 금액(${taxFreeLeft})을 초과합니다.`,
    );
  }
  if (amount - taxFreeAmount > left - taxFreeLeft) {
    throw conflict(
      "CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT",
      `취소 과세 금액(${amount - taxFreeAmount})이 취소 가능한 과세 금액(${left - taxFreeLeft})을 초과합니다.`,
    );
  }
  if (payment.method?.type === "PaymentMethodVirtualAccount" && !request.refundAccount) {
    throw invalidRequest("가상계좌 결제의 취소에는 refundAccount가 필요합니다.");
  }
  if ((payment.cancellations?.length ?? 0) >= MAX_CANCELLATIONS) {
    throw conflict("MAX_CANCEL_COUNT_REACHED", "취소 시도 횟수를 초과하였습니다.");
  }
  return { totalAmount: amount, taxFreeAmount, vatAmount };
}

/** POST /payments/{paymentId}/cancel */
export async function cancelV2Payment({ req, params, state }) {
  const paymentId = paymentIdParam(params);
  const request = readCancelBody(await readObject(req));
  checkStoreId(request.storeId, state);
  const payment = state.v2.store.get(paymentId);
  if (!payment) throw paymentNotFound(paymentId);
  const amounts = amountsToCancel(payment, request);
  const cancellation = applyCancellation(
    payment,
    { ...amounts, reason: request.reason },
    state.clock.nowSeconds(),
  );
  return v2Ok({ cancellation });
}

// GET /payments/{imp_uid}/balance: PaymentBalanceResponseAnnotation. The whole balance sits
// in the primary method (no points, no discount); KRW splits into supply + VAT (1/11), other
// currencies are all supply. One history entry at payment, then one after each cancellation.

import { notFound, ok } from "./http.mjs";
import { PAYMENT_NOT_FOUND } from "./lookup-routes.mjs";
import { cancellableBalance, subtractAmounts } from "./money.mjs";

const ZERO = Object.freeze({ tax_free: 0, supply: 0, vat: 0, service: 0 });

function split(amount, currency) {
  if (currency !== "KRW") return { ...ZERO, supply: amount };
  const vat = Math.round(amount / 11);
  return { ...ZERO, supply: amount - vat, vat };
}

function balanceOf(remaining, payment) {
  const primary = split(remaining, payment.currency);
  return {
    cash_receipt: payment.cash_receipt_issued ? primary : ZERO,
    primary,
    secondary: ZERO,
    discount: ZERO,
  };
}

export function getBalance({ params, state }) {
  const payment = state.store.get(params.imp_uid);
  if (!payment) throw notFound(PAYMENT_NOT_FOUND);
  const settled = payment.paid_at > 0;
  const histories = [];
  if (settled) {
    let remaining = payment.amount;
    histories.push({ ...balanceOf(remaining, payment), created: payment.paid_at });
    for (const cancellation of payment.cancel_history) {
      remaining = subtractAmounts(remaining, cancellation.amount);
      histories.push({ ...balanceOf(remaining, payment), created: cancellation.cancelled_at });
    }
  }
  const current = settled ? cancellableBalance(payment) : 0;
  return ok({ amount: payment.amount, ...balanceOf(current, payment), histories });
}

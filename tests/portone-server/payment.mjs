// Building a PaymentAnnotation: every property of the Swagger definition is always present
// (null, 0, false or [] when it does not apply), so clients meet the full documented shape.
// buildPayment fills a partial payment (POST /__admin/payments, seeds) with realistic values.

import { randomInt } from "node:crypto";

/** Every PaymentAnnotation property, in Swagger order, with its "does not apply" value. */
const EMPTY_PAYMENT = Object.freeze({
  imp_uid: null,
  merchant_uid: null,
  pay_method: null,
  channel: null,
  pg_provider: null,
  emb_pg_provider: null,
  pg_tid: null,
  pg_id: null,
  sandbox: false,
  escrow: false,
  apply_num: null,
  bank_code: null,
  bank_name: null,
  card_code: null,
  card_name: null,
  card_issuer_code: null,
  card_issuer_name: null,
  card_publisher_code: null,
  card_publisher_name: null,
  card_quota: 0,
  card_number: null,
  card_type: null,
  vbank_code: null,
  vbank_name: null,
  vbank_num: null,
  vbank_holder: null,
  vbank_date: 0,
  vbank_issued_at: 0,
  name: null,
  amount: 0,
  cancel_amount: 0,
  currency: "KRW",
  buyer_name: null,
  buyer_email: null,
  buyer_tel: null,
  buyer_addr: null,
  buyer_postcode: null,
  custom_data: null,
  user_agent: null,
  status: "ready",
  started_at: 0,
  paid_at: 0,
  failed_at: 0,
  cancelled_at: 0,
  fail_reason: null,
  cancel_reason: null,
  receipt_url: null,
  cancel_history: [],
  deposit_history: [],
  cancel_receipt_urls: [],
  cash_receipt_issued: false,
  customer_uid: null,
  customer_uid_usage: null,
  promotion: null,
});

const digits = (count) =>
  Array.from({ length: count }, () => randomInt(10)).join("");

/** `imp_` followed by 12 digits, the shape of real V1 ids (imp_448280090638). */
export const generateImpUid = () => `imp_${randomInt(1, 10)}${digits(11)}`;

export const kcpReceiptUrl = (pgTid, impUid, amount) =>
  `https://admin8.kcp.co.kr/assist/bill.BillActionNew.do?cmd=card_bill&tno=${pgTid}&order_no=${impUid}&trade_mony=${amount}`;

/**
 * A complete payment from a partial one. Unknown extra properties are kept: PortOne adds
 * fields over time and clients must tolerate them.
 * @param {object} partial any PaymentAnnotation properties
 * @param {number} now server clock, UNIX seconds
 */
export function buildPayment(partial, now) {
  const impUid = partial.imp_uid ?? generateImpUid();
  const status = partial.status ?? "paid";
  const amount = partial.amount ?? 1000;
  const payMethod = partial.pay_method ?? "card";
  const pgTid = partial.pg_tid === undefined ? digits(14) : partial.pg_tid;
  const settled = status === "paid" || status === "cancelled";
  return {
    ...EMPTY_PAYMENT,
    merchant_uid: `order-${impUid.slice(4)}`,
    channel: "pc",
    pg_provider: "kcp",
    pg_tid: pgTid,
    pg_id: "A8DZ4",
    name: "테스트 주문",
    amount,
    cancel_amount: status === "cancelled" ? amount : 0,
    buyer_name: "홍길동",
    buyer_email: "buyer@example.com",
    buyer_tel: "010-1234-5678",
    started_at: now - 60,
    paid_at: settled ? now - 30 : 0,
    failed_at: status === "failed" ? now - 30 : 0,
    cancelled_at: status === "cancelled" ? now : 0,
    fail_reason: status === "failed" ? "사용자가 결제를 취소하였습니다" : null,
    receipt_url: settled ? kcpReceiptUrl(pgTid, impUid, amount) : null,
    ...payMethodDefaults(payMethod, settled, now),
    ...partial,
    imp_uid: impUid,
    pay_method: payMethod,
    status,
  };
}

function payMethodDefaults(payMethod, settled, now) {
  if (payMethod === "card" && settled) {
    return {
      apply_num: digits(8),
      card_code: "366",
      card_name: "신한카드",
      card_number: "451842******1234",
      card_type: 0,
    };
  }
  if (payMethod === "vbank") {
    return {
      vbank_code: "004",
      vbank_name: "KB국민은행",
      vbank_num: `562110${digits(8)}`,
      vbank_holder: "(주)포트원테스트",
      vbank_date: now + 3 * 24 * 3600,
      vbank_issued_at: now - 60,
    };
  }
  return {};
}

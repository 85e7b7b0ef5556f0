// The seeded payments: stable ids and values, timestamps relative to the server clock when the
// store is (re)seeded so every seed falls inside the default 90-day window of
// GET /payments/status. README.md lists them.

import { buildPayment, kcpReceiptUrl } from "./payment.mjs";

const HOUR = 3600;
const DAY = 24 * HOUR;

export const SEED_IDS = Object.freeze({
  cardPaid: "imp_100000000001",
  vbankReady: "imp_100000000002",
  vbankPaid: "imp_100000000003",
  cancelled: "imp_100000000004",
  partiallyCancelled: "imp_100000000005",
  sandbox: "imp_100000000006",
  usdCents: "imp_100000000007",
  failed: "imp_100000000008",
  billingKey: "imp_100000000009",
  billingKeyScheduled: "imp_100000000010",
  futureStatus: "imp_100000000011",
  retryFailed: "imp_100000000012",
  retryPaid: "imp_100000000013",
  encodedMerchantUid: "imp_100000000014",
});

export const BILLING_CUSTOMER_UID = "customer-1234";
export const ENCODED_MERCHANT_UID = "주문/2024 0001";

const CHROME_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const IPHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

const buyer = {
  buyer_name: "홍길동",
  buyer_email: "gildong@example.com",
  buyer_tel: "010-1234-5678",
  buyer_addr: "서울특별시 강남구 테헤란로 123",
  buyer_postcode: "06236",
};

/** A paid KCP card payment; `overrides` set everything that differs. */
function kcpCard(now, { imp_uid, pg_tid, amount, paid_at, ...overrides }) {
  return buildPayment(
    {
      imp_uid,
      pay_method: "card",
      channel: "pc",
      pg_provider: "kcp",
      pg_tid,
      pg_id: "A8DZ4",
      apply_num: "30012345",
      card_code: "366",
      card_name: "신한카드",
      card_number: "451842******1234",
      card_type: 0,
      amount,
      ...buyer,
      user_agent: CHROME_UA,
      status: "paid",
      started_at: paid_at - 38,
      paid_at,
      receipt_url: kcpReceiptUrl(pg_tid, imp_uid, amount),
      ...overrides,
    },
    now,
  );
}

function cancellation(payment, { amount, reason, cancelled_at, cancellation_id }) {
  return {
    pg_tid: payment.pg_tid,
    amount,
    cancelled_at,
    reason,
    cancellation_id,
    receipt_url: payment.receipt_url,
  };
}

/** @param {number} now server clock, UNIX seconds */
export function seedPayments(now) {
  const cardPaid = kcpCard(now, {
    imp_uid: SEED_IDS.cardPaid,
    merchant_uid: "order-card-paid",
    pg_tid: "24051012345678",
    name: "포트원 머그컵 외 1건",
    amount: 1004,
    paid_at: now - 2 * HOUR,
    custom_data: '{"cart_id":"cart-7781","coupon":null}',
  });

  const vbankReady = buildPayment(
    {
      imp_uid: SEED_IDS.vbankReady,
      merchant_uid: "order-vbank-ready",
      pay_method: "vbank",
      pg_tid: "24051087654321",
      name: "겨울 담요 세트",
      amount: 35000,
      ...buyer,
      user_agent: IPHONE_UA,
      channel: "mobile",
      status: "ready",
      started_at: now - HOUR,
      vbank_code: "004",
      vbank_name: "KB국민은행",
      vbank_num: "56211012345678",
      vbank_holder: "(주)포트원테스트",
      vbank_date: now + 3 * DAY,
      vbank_issued_at: now - HOUR + 20,
    },
    now,
  );

  const vbankIssuedAt = now - 3 * DAY + 15;
  const vbankPaidAt = now - 2 * DAY;
  const vbankPaid = buildPayment(
    {
      imp_uid: SEED_IDS.vbankPaid,
      merchant_uid: "order-vbank-paid",
      pay_method: "vbank",
      pg_tid: "24050811112222",
      name: "원목 책상",
      amount: 52000,
      ...buyer,
      user_agent: CHROME_UA,
      status: "paid",
      started_at: now - 3 * DAY,
      paid_at: vbankPaidAt,
      vbank_code: "088",
      vbank_name: "신한은행",
      vbank_num: "56211098765432",
      vbank_holder: "(주)포트원테스트",
      vbank_date: vbankIssuedAt + 3 * DAY,
      vbank_issued_at: vbankIssuedAt,
      receipt_url: null,
      deposit_history: [
        {
          pg_tid: "24050811112222",
          amount: 52000,
          depositor_name: "김입금",
          deposited_at: vbankPaidAt,
        },
      ],
    },
    now,
  );

  const cancelled = kcpCard(now, {
    imp_uid: SEED_IDS.cancelled,
    merchant_uid: "order-cancelled",
    pg_tid: "24050533334444",
    name: "블루투스 스피커",
    amount: 15000,
    paid_at: now - 5 * DAY,
    status: "cancelled",
    cancel_amount: 15000,
    cancelled_at: now - 4 * DAY,
    cancel_reason: "고객 변심",
  });
  cancelled.cancel_history = [
    cancellation(cancelled, {
      amount: 15000,
      reason: "고객 변심",
      cancelled_at: cancelled.cancelled_at,
      cancellation_id: "cancel-seed-000000000001",
    }),
  ];
  cancelled.cancel_receipt_urls = [cancelled.receipt_url];

  const partiallyCancelled = kcpCard(now, {
    imp_uid: SEED_IDS.partiallyCancelled,
    merchant_uid: "order-partial-cancel",
    pg_tid: "24050655556666",
    name: "티셔츠 3장",
    amount: 30000,
    paid_at: now - 2 * DAY,
    cancel_amount: 10000,
    cancelled_at: now - DAY,
    cancel_reason: "1장 반품",
  });
  partiallyCancelled.cancel_history = [
    cancellation(partiallyCancelled, {
      amount: 10000,
      reason: "1장 반품",
      cancelled_at: partiallyCancelled.cancelled_at,
      cancellation_id: "cancel-seed-000000000002",
    }),
  ];
  partiallyCancelled.cancel_receipt_urls = [partiallyCancelled.receipt_url];

  const sandbox = buildPayment(
    {
      imp_uid: SEED_IDS.sandbox,
      merchant_uid: "order-sandbox",
      pg_provider: "html5_inicis",
      pg_tid: "StdpayCARDINIpayTest20240510123456789012",
      pg_id: "INIpayTest",
      sandbox: true,
      apply_num: "00000000",
      name: "테스트 결제",
      amount: 1004,
      ...buyer,
      started_at: now - 30 * 60,
      paid_at: now - 29 * 60,
      receipt_url: "https://iniweb.inicis.com/receipt/iniReceipt.jsp?noTid=StdpayCARDINIpayTest20240510123456789012",
    },
    now,
  );

  const usdCents = buildPayment(
    {
      imp_uid: SEED_IDS.usdCents,
      merchant_uid: "order-usd-cents",
      pay_method: "paypal",
      pg_provider: "paypal_v2",
      pg_tid: "8AB12345CD6789012",
      pg_id: "PAYPALMERCHANT01",
      name: "E-book (English edition)",
      amount: 10.1,
      currency: "USD",
      buyer_name: "Jane Doe",
      buyer_email: "jane@example.com",
      buyer_tel: "+1-202-555-0143",
      user_agent: CHROME_UA,
      started_at: now - 4 * HOUR,
      paid_at: now - 4 * HOUR + 95,
      receipt_url: null,
    },
    now,
  );

  const failed = buildPayment(
    {
      imp_uid: SEED_IDS.failed,
      merchant_uid: "order-failed",
      pg_tid: null,
      name: "무선 이어폰",
      amount: 5000,
      ...buyer,
      user_agent: IPHONE_UA,
      channel: "mobile",
      status: "failed",
      started_at: now - 3 * HOUR,
      failed_at: now - 3 * HOUR + 41,
      fail_reason: "[PAY_PROCESS_CANCELED] 사용자가 결제를 취소하였습니다",
    },
    now,
  );

  const billing = (overrides) =>
    kcpCard(now, {
      name: "월간 구독 (베이직)",
      amount: 9900,
      channel: "api",
      user_agent: null,
      customer_uid: BILLING_CUSTOMER_UID,
      ...overrides,
    });

  const futureStatus = buildPayment(
    {
      imp_uid: SEED_IDS.futureStatus,
      merchant_uid: "order-future-status",
      pay_method: "crypto",
      channel: "kiosk",
      pg_provider: "future_pg",
      pg_tid: "FUT-20240510-0001",
      pg_id: "future-mid-01",
      name: "신규 결제수단 상품",
      amount: 20000,
      cancel_amount: 5000,
      ...buyer,
      status: "partial_refunded",
      started_at: now - 6 * DAY,
      paid_at: now - 6 * DAY + 60,
      receipt_url: null,
      settlement_currency: "KRW",
    },
    now,
  );

  const retryFailed = buildPayment(
    {
      imp_uid: SEED_IDS.retryFailed,
      merchant_uid: "order-retry",
      pg_tid: null,
      name: "재시도 주문",
      amount: 12000,
      ...buyer,
      status: "failed",
      started_at: now - 6 * HOUR,
      failed_at: now - 6 * HOUR + 30,
      fail_reason: "[0085] 카드 한도 초과",
    },
    now,
  );

  return [
    cardPaid,
    vbankReady,
    vbankPaid,
    cancelled,
    partiallyCancelled,
    sandbox,
    usdCents,
    failed,
    billing({
      imp_uid: SEED_IDS.billingKey,
      merchant_uid: "order-billing-2024-01",
      pg_tid: "24040199990001",
      paid_at: now - 10 * DAY,
      customer_uid_usage: "payment",
    }),
    billing({
      imp_uid: SEED_IDS.billingKeyScheduled,
      merchant_uid: "order-billing-2024-02",
      pg_tid: "24050199990002",
      paid_at: now - 3 * HOUR,
      customer_uid_usage: "payment.scheduled",
    }),
    futureStatus,
    retryFailed,
    kcpCard(now, {
      imp_uid: SEED_IDS.retryPaid,
      merchant_uid: "order-retry",
      pg_tid: "24051077778888",
      name: "재시도 주문",
      amount: 12000,
      paid_at: now - 5 * HOUR,
    }),
    kcpCard(now, {
      imp_uid: SEED_IDS.encodedMerchantUid,
      merchant_uid: ENCODED_MERCHANT_UID,
      pg_tid: "24051099990000",
      name: "인코딩 테스트 주문",
      amount: 7000,
      paid_at: now - 7 * HOUR,
    }),
  ];
}

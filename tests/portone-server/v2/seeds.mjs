// The seeded V2 payments: stable ids and values, timestamps relative to the server clock when
// the store is (re)seeded (every event within the last 10 days, inside getPayments' default
// 90-day window). README.md lists them.

import { rfc3339 } from "./values.mjs";
import {
  buildV2Payment,
  CHROME_UA,
  kcpReceiptUrl,
  SHINHAN_CARD,
  succeededCancellation,
} from "./payment.mjs";

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The V2 identity of the server (startServer options override each). */
export const V2_DEFAULTS = Object.freeze({
  apiSecret: "test_v2_api_secret",
  storeId: "store-10ca1000-0000-4000-8000-000000000001",
  merchantId: "merchant-10ca1000-0000-4000-8000-000000000001",
  /** `whsec_` + base64 of "portone-verify local v2 webhook key!". */
  webhookSecret: "whsec_cG9ydG9uZS12ZXJpZnkgbG9jYWwgdjIgd2ViaG9vayBrZXkh",
});

export const V2_SEED_IDS = Object.freeze({
  ready: "payment-v2-ready",
  payPending: "payment-v2-pay-pending",
  virtualAccountIssued: "payment-v2-virtual-account-issued",
  cardPaid: "payment-v2-card-paid",
  failed: "payment-v2-failed",
  partialCancelled: "payment-v2-partial-cancelled",
  cancelled: "payment-v2-cancelled",
  testChannel: "payment-v2-test-channel",
  usd: "payment-v2-usd",
  futureStatus: "payment-v2-future-status",
  largeAmount: "payment-v2-large-amount",
  encodedId: "결제/2024 #1?",
  virtualAccountPaid: "payment-v2-virtual-account-paid",
  easyPayPaid: "payment-v2-easy-pay-paid",
});

/** 2^53 + 1: a float64 reads it as 9007199254740992. */
export const V2_LARGE_AMOUNT = 9007199254740993n;

const txId = (n) => `0190f1a4-6c3b-7e21-9c55-${String(n).padStart(12, "0")}`;

const cardMethod = (approvalNumber) => ({
  type: "PaymentMethodCard",
  card: { ...SHINHAN_CARD },
  approvalNumber,
  installment: { month: 0, isInterestFree: false },
  pointUsed: false,
});

/** @param {number} now server clock, UNIX seconds; @param config {storeId, merchantId} */
export function seedV2Payments(now, config) {
  const at = (seconds) => rfc3339(seconds);
  const build = (partial) => buildV2Payment(partial, now, config);
  const paidCard = ({ id, n, pgTxId, total, paidAt, ...rest }) =>
    build({
      id,
      transactionId: txId(n),
      status: "PAID",
      method: cardMethod(`300${String(n).padStart(5, "0")}`),
      requestedAt: at(paidAt - 40),
      updatedAt: at(paidAt),
      statusChangedAt: at(paidAt),
      amount: { total },
      paidAt: at(paidAt),
      pgTxId,
      receiptUrl: kcpReceiptUrl(pgTxId),
      ...rest,
    });

  const cardPaidAt = now - 2 * HOUR;
  const cardPaid = paidCard({
    id: V2_SEED_IDS.cardPaid,
    n: 1,
    pgTxId: "24051012345678",
    total: 30000n,
    paidAt: cardPaidAt,
    channelGroup: { id: "channel-group-10ca1000-0000-4000-8000-000000000001", name: "기본 채널 그룹", isForTest: false },
    webhooks: [
      {
        paymentStatus: "PAID",
        id: "0190f1a4-7d00-7000-8000-000000000001",
        status: "SUCCEEDED",
        url: "https://shop.example.com/webhooks/portone",
        isAsync: false,
        currentExecutionCount: 1,
        maxExecutionCount: 6,
        trigger: "ASYNC_PAY_APPROVED",
        request: {
          header: "content-type: application/json",
          body: `{"type":"Transaction.Paid","data":{"paymentId":"${V2_SEED_IDS.cardPaid}"}}`,
          requestedAt: at(cardPaidAt + 1),
        },
        response: { code: "200", header: "content-length: 2", body: "OK", respondedAt: at(cardPaidAt + 1) },
        triggeredAt: at(cardPaidAt + 1),
      },
    ],
    orderName: "포트원 머그컵 외 1건",
    customer: {
      id: "customer-1234",
      name: "홍길동",
      birthYear: "1990",
      birthMonth: "05",
      birthDay: "10",
      gender: "MALE",
      email: "gildong@example.com",
      phoneNumber: "01012345678",
      address: {
        type: "SEPARATED",
        oneLine: "서울특별시 강남구 테헤란로 123 포트원빌딩 4층",
        addressLine1: "서울특별시 강남구 테헤란로 123",
        addressLine2: "포트원빌딩 4층",
        city: "강남구",
        province: "서울특별시",
        country: "KR",
      },
      zipcode: "06236",
    },
    origin: { platformType: "PC", userAgent: CHROME_UA, url: "https://shop.example.com/checkout/cart-7781", ipAddress: "203.0.113.10" },
    isCulturalExpense: false,
    products: [
      { id: "mug-001", name: "포트원 머그컵", tag: "kitchen", code: "8801234567890", amount: 18000n, quantity: 1, link: "https://shop.example.com/products/mug-001" },
      { id: "coaster-002", name: "코스터 세트", tag: "kitchen", code: "8801234567906", amount: 6000n, quantity: 2, link: "https://shop.example.com/products/coaster-002" },
    ],
    productCount: 3,
    customData: '{"cartId":"cart-7781","coupon":null}',
    country: "KR",
    pgResponse: '{"res_cd":"0000","res_msg":"정상처리","tno":"24051012345678","app_no":"30000001"}',
    cancellations: [],
  });

  const vaIssuedAt = now - HOUR;
  const virtualAccount = (accountNumber, issuedAt, expiredAt) => ({
    type: "PaymentMethodVirtualAccount",
    bank: "KOOKMIN",
    accountNumber,
    accountType: "NORMAL",
    remitteeName: "(주)포트원테스트",
    remitterName: "김입금",
    expiredAt: at(expiredAt),
    issuedAt: at(issuedAt),
  });

  return [
    build({
      id: V2_SEED_IDS.ready,
      transactionId: txId(2),
      status: "READY",
      requestedAt: at(now - 10 * 60),
      updatedAt: at(now - 10 * 60),
      statusChangedAt: at(now - 10 * 60),
      orderName: "겨울 담요 세트",
      amount: { total: 35000n },
    }),
    build({
      id: V2_SEED_IDS.payPending,
      transactionId: txId(3),
      status: "PAY_PENDING",
      method: { type: "PaymentMethodEasyPay", provider: "TOSSPAY", easyPayMethod: { type: "PaymentMethodEasyPayMethodCharge", bank: "TOSS" } },
      channel: { pgProvider: "TOSSPAY_V2", pgMerchantId: "tosspay-mid-01", name: "토스페이" },
      orderName: "비동기 승인 상품",
      amount: { total: 12000n },
      pgTxId: "tosspay-pending-0001",
    }),
    build({
      id: V2_SEED_IDS.virtualAccountIssued,
      transactionId: txId(4),
      status: "VIRTUAL_ACCOUNT_ISSUED",
      method: virtualAccount("56211012345678", vaIssuedAt, vaIssuedAt + 3 * DAY),
      requestedAt: at(vaIssuedAt - 20),
      updatedAt: at(vaIssuedAt),
      statusChangedAt: at(vaIssuedAt),
      orderName: "원목 책상",
      amount: { total: 52000n },
      pgTxId: "24051087654321",
    }),
    cardPaid,
    build({
      id: V2_SEED_IDS.failed,
      transactionId: txId(5),
      status: "FAILED",
      requestedAt: at(now - 3 * HOUR),
      updatedAt: at(now - 3 * HOUR + 41),
      statusChangedAt: at(now - 3 * HOUR + 41),
      orderName: "무선 이어폰",
      amount: { total: 5000n },
      failedAt: at(now - 3 * HOUR + 41),
      failure: { reason: "카드 한도 초과", pgCode: "0085", pgMessage: "[0085] 한도초과" },
    }),
    paidCard({
      id: V2_SEED_IDS.partialCancelled,
      n: 6,
      pgTxId: "24050655556666",
      total: 30000n,
      paidAt: now - 2 * DAY,
      status: "PARTIAL_CANCELLED",
      orderName: "티셔츠 3장",
      amount: { total: 30000n, taxFree: 3000n },
      cancellations: [
        succeededCancellation({
          id: "0190f1a4-8e00-7000-8000-000000000006",
          totalAmount: 10000n,
          taxFreeAmount: 1000n,
          vatAmount: 818n,
          reason: "1장 반품",
          at: now - DAY,
          receiptUrl: kcpReceiptUrl("24050655556666"),
        }),
      ],
      statusChangedAt: at(now - DAY),
      updatedAt: at(now - DAY),
      cancelledAt: at(now - DAY),
    }),
    paidCard({
      id: V2_SEED_IDS.cancelled,
      n: 7,
      pgTxId: "24050533334444",
      total: 15000n,
      paidAt: now - 5 * DAY,
      status: "CANCELLED",
      orderName: "블루투스 스피커",
      cancellations: [
        succeededCancellation({
          id: "0190f1a4-8e00-7000-8000-000000000007",
          totalAmount: 15000n,
          vatAmount: 1364n,
          reason: "고객 변심",
          at: now - 4 * DAY,
          receiptUrl: kcpReceiptUrl("24050533334444"),
        }),
      ],
      statusChangedAt: at(now - 4 * DAY),
      updatedAt: at(now - 4 * DAY),
      cancelledAt: at(now - 4 * DAY),
    }),
    paidCard({
      id: V2_SEED_IDS.testChannel,
      n: 8,
      pgTxId: "T24051000000008",
      total: 1004n,
      paidAt: now - 30 * 60,
      channel: { type: "TEST" },
      channelGroup: { id: "channel-group-10ca1000-0000-4000-8000-000000000002", name: "테스트 채널 그룹", isForTest: true },
      orderName: "테스트 결제",
    }),
    paidCard({
      id: V2_SEED_IDS.usd,
      n: 9,
      pgTxId: "8AB12345CD6789012",
      total: 1010n,
      paidAt: now - 4 * HOUR,
      currency: "USD",
      method: { type: "PaymentMethodEasyPay", provider: "PAYPAL", easyPayMethod: { type: "PaymentMethodEasyPayMethodCharge" } },
      channel: { pgProvider: "PAYPAL_V2", pgMerchantId: "PAYPALMERCHANT01", name: "PayPal" },
      receiptUrl: "https://www.paypal.com/activity/payment/8AB12345CD6789012",
      orderName: "E-book (English edition)",
      customer: { id: "customer-us-1", name: "Jane Doe", email: "jane@example.com", phoneNumber: "+12025550143", address: { type: "ONE_LINE", oneLine: "1600 Pennsylvania Ave NW, Washington, DC" }, zipcode: "20500" },
      country: "US",
    }),
    paidCard({
      id: V2_SEED_IDS.futureStatus,
      n: 10,
      pgTxId: "FUT-20240510-0001",
      total: 20000n,
      paidAt: now - 6 * DAY,
      status: "REFUNDING",
      orderName: "신규 상태 상품",
      amount: { total: 20000n, paid: 20000n },
      statusChangedAt: at(now - 5 * DAY),
      refundingAt: at(now - 5 * DAY),
    }),
    paidCard({
      id: V2_SEED_IDS.largeAmount,
      n: 11,
      pgTxId: "24051099990011",
      total: V2_LARGE_AMOUNT,
      paidAt: now - 8 * HOUR,
      orderName: "초고가 상품",
    }),
    paidCard({
      id: V2_SEED_IDS.encodedId,
      n: 12,
      pgTxId: "24051099990012",
      total: 7000n,
      paidAt: now - 7 * HOUR,
      orderName: "인코딩 테스트 주문",
    }),
    paidCard({
      id: V2_SEED_IDS.virtualAccountPaid,
      n: 13,
      pgTxId: "24050811112222",
      total: 52000n,
      paidAt: now - 2 * DAY,
      method: virtualAccount("56211098765432", now - 3 * DAY, now),
      receiptUrl: undefined,
      orderName: "원목 의자",
      cashReceipt: {
        status: "ISSUED",
        type: "PERSONAL",
        pgReceiptId: "CR24050800000013",
        issueNumber: "123456789",
        totalAmount: 52000n,
        taxFreeAmount: 0n,
        currency: "KRW",
        url: "https://admin8.kcp.co.kr/assist/bill.BillActionNew.do?cmd=cash_bill&cash_no=123456789",
        issuedAt: at(now - 2 * DAY),
      },
      cashReceiptIssuanceStatus: "ISSUED",
    }),
    paidCard({
      id: V2_SEED_IDS.easyPayPaid,
      n: 14,
      pgTxId: "T1234567890KAKAO",
      total: 23000n,
      paidAt: now - 9 * DAY,
      method: {
        type: "PaymentMethodEasyPay",
        provider: "KAKAOPAY",
        easyPayMethod: cardMethod("30000014"),
      },
      channel: { pgProvider: "KAKAOPAY", pgMerchantId: "TC0ONETIME", name: "카카오페이" },
      receiptUrl: "https://mockup-pg-web.kakao.com/v1/confirmation/p/T1234567890KAKAO",
      orderName: "카카오페이 주문",
    }),
  ];
}

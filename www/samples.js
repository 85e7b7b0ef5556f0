// Sample IMP.request_pay callbacks and m_redirect_url landing URLs (V1), and
// PortOne.requestPayment results and redirectUrl landing URLs (V2), for the demo page's parser.
// Their imp_uids / paymentIds are the local PortOne server's seeded payments, but no orders of
// the Worker (its orders are created on the page): completing one gives a real answer, 404
// UNKNOWN_ORDER. The page's own flow (order, pay) makes results that verify.

const seedCallback = {
  apply_num: "42827474",
  bank_name: null,
  buyer_addr: "서울특별시 강남구 삼성동",
  buyer_email: "test@portone.io",
  buyer_name: "포트원 기술지원팀",
  buyer_postcode: "123-456",
  buyer_tel: "010-1234-5678",
  card_name: "신한카드",
  card_number: "5428790000000294",
  card_quota: 0,
  currency: "KRW",
  custom_data: null,
  imp_uid: "imp_100000000001",
  merchant_uid: "order-card-paid",
  name: "당근 10kg",
  paid_amount: 1004,
  paid_at: 1648344363,
  pay_method: "card",
  pg_provider: "kcp",
  pg_tid: "22336466628585",
  pg_type: "payment",
  receipt_url: "https://admin8.kcp.co.kr/assist/bill.BillActionNew.do?cmd=card_bill&tno=22336466628585",
  status: "paid",
  success: true,
};

const json = (value) => JSON.stringify(value, null, 2);
const shop = "https://shop.example/payments/complete";

/**
 * kind: "callback" (parseRequestPayResponse) or "redirect" (parseRedirectQuery) for V1;
 * "v2-response" (parsePaymentResponseV2) or "v2-redirect" (parseRedirectQueryV2) for V2.
 * expect: the fields the page should show once parsed, or an error { code, path }.
 */
export const SAMPLES = [
  {
    id: "success",
    ko: "성공 콜백 (카드, 1004원)",
    en: "success callback (card, 1004 KRW)",
    kind: "callback",
    text: json(seedCallback),
    expect: { success: true, imp_uid: "imp_100000000001", merchant_uid: "order-card-paid" },
  },
  {
    id: "failure",
    ko: "실패 콜백 (error_code)",
    en: "failure callback (error_code)",
    kind: "callback",
    text: json({
      success: false,
      imp_uid: "imp_100000000008",
      merchant_uid: "order-failed",
      error_code: "F0005",
      error_msg: "[결제실패] 카드 한도가 초과되었습니다",
      pay_method: "card",
      pg_provider: "kcp",
      status: "failed",
    }),
    expect: { success: false, error_code: "F0005" },
  },
  {
    id: "string-booleans",
    ko: "문자열 불리언·숫자 (\"true\", \"1004\")",
    en: "string booleans and numbers (\"true\", \"1004\")",
    kind: "callback",
    text: json({
      imp_success: "true",
      imp_uid: "imp_100000000001",
      merchant_uid: "order-card-paid",
      paid_amount: "1004",
      paid_at: "1648344363",
      card_quota: "3",
      status: "paid",
    }),
    expect: { success: true, paid_amount: 1004 },
  },
  {
    id: "forged-amount",
    ko: "금액 위조 (1004원 주문을 100원 결제)",
    en: "forged amount (a 1004 KRW order paid 100)",
    kind: "callback",
    text: json({
      ...seedCallback,
      imp_uid: "imp_900000000100",
      merchant_uid: "order-forged-amount",
      name: "감자 1kg",
      paid_amount: 100,
      pg_tid: "22336466629999",
      receipt_url: null,
    }),
    expect: { success: true, paid_amount: 100, imp_uid: "imp_900000000100" },
  },
  {
    id: "null-imp-uid",
    ko: "imp_uid가 null (결제 포기)",
    en: "null imp_uid (buyer gave up)",
    kind: "callback",
    text: json({
      success: false,
      imp_uid: null,
      merchant_uid: "order-card-paid",
      error_code: "F1002",
      error_msg: "[결제포기] 사용자가 결제를 취소하셨습니다",
      request_id: "req_1648344363_abc",
    }),
    expect: { success: false, imp_uid: null },
  },
  {
    id: "new-sdk",
    ko: "새 SDK 형태 (success 없음)",
    en: "new-SDK shape (no success field)",
    kind: "callback",
    text: json({ imp_uid: "imp_100000000003", merchant_uid: "order-vbank-paid", error_code: null, error_msg: null }),
    expect: { success: true, imp_uid: "imp_100000000003" },
  },
  {
    id: "new-sdk-failure",
    ko: "새 SDK 실패 (PAY_PROCESS_CANCELED)",
    en: "new-SDK failure (PAY_PROCESS_CANCELED)",
    kind: "callback",
    text: json({
      imp_uid: "imp_100000000004",
      merchant_uid: "order-cancelled",
      error_code: "PAY_PROCESS_CANCELED",
      error_msg: "사용자가 결제를 취소하였습니다",
    }),
    expect: { success: false, error_code: "PAY_PROCESS_CANCELED" },
  },
  {
    id: "bad-amount",
    ko: "잘못된 금액 (\"1,004원\") → 오류",
    en: "bad amount (\"1,004원\") → error",
    kind: "callback",
    text: json({ success: true, imp_uid: "imp_100000000001", merchant_uid: "order-card-paid", paid_amount: "1,004원" }),
    expect: { error: { code: "INVALID_FIELD", path: "paid_amount" } },
  },
  {
    id: "redirect-success",
    ko: "리디렉션 URL: 성공",
    en: "redirect URL: success",
    kind: "redirect",
    text: `${shop}?imp_uid=imp_100000000001&merchant_uid=order-card-paid&imp_success=true`,
    expect: { success: true, imp_uid: "imp_100000000001" },
  },
  {
    id: "redirect-failure",
    ko: "리디렉션 URL: 실패",
    en: "redirect URL: failure",
    kind: "redirect",
    text:
      `${shop}?imp_uid=imp_100000000008&merchant_uid=order-failed&imp_success=false` +
      `&error_code=F0005&error_msg=${encodeURIComponent("[결제실패] 카드 한도가 초과되었습니다")}`,
    expect: { success: false, error_code: "F0005" },
  },
  {
    id: "redirect-bad-flag",
    ko: "리디렉션 URL: imp_success=yes → 오류",
    en: "redirect URL: imp_success=yes → error",
    kind: "redirect",
    text: `${shop}?imp_uid=imp_100000000001&merchant_uid=order-card-paid&imp_success=yes`,
    expect: { error: { code: "INVALID_FIELD", path: "imp_success" } },
  },
  {
    id: "v2-success",
    ko: "V2 requestPayment 성공 결과",
    en: "V2 requestPayment result: success",
    kind: "v2-response",
    text: json({ transactionType: "PAYMENT", txId: "0190693c-6a3e-74d1-a9b0-3c1e7f0a2b11", paymentId: "payment-v2-card-paid" }),
    expect: { success: true, paymentId: "payment-v2-card-paid", txId: "0190693c-6a3e-74d1-a9b0-3c1e7f0a2b11", code: null },
  },
  {
    id: "v2-failure",
    ko: "V2 requestPayment 실패 결과 (code)",
    en: "V2 requestPayment result: failure (code)",
    kind: "v2-response",
    text: json({
      transactionType: "PAYMENT",
      txId: "0190693c-7b4f-7c20-8d11-5a2e9f1b3c22",
      paymentId: "payment-v2-failed",
      code: "FAILURE_TYPE_PG",
      message: "[결제실패] 카드 한도가 초과되었습니다",
      pgCode: "8326",
      pgMessage: "한도초과",
    }),
    expect: { success: false, paymentId: "payment-v2-failed", code: "FAILURE_TYPE_PG" },
  },
  {
    id: "v2-bad-payment-id",
    ko: "V2 결과: paymentId가 객체 → 오류",
    en: "V2 result: paymentId is an object → error",
    kind: "v2-response",
    text: json({ transactionType: "PAYMENT", paymentId: { id: "payment-v2-card-paid" } }),
    expect: { error: { code: "INVALID_FIELD", path: "paymentId" } },
  },
  {
    id: "v2-redirect-success",
    ko: "V2 리디렉션 URL: 성공",
    en: "V2 redirect URL: success",
    kind: "v2-redirect",
    text: "https://shop.example/payment-redirect?paymentId=payment-v2-card-paid&transactionType=PAYMENT&txId=0190693c-6a3e-74d1-a9b0-3c1e7f0a2b11",
    expect: { success: true, paymentId: "payment-v2-card-paid", code: null },
  },
  {
    id: "v2-redirect-failure",
    ko: "V2 리디렉션 URL: 실패 (code)",
    en: "V2 redirect URL: failure (code)",
    kind: "v2-redirect",
    text:
      "https://shop.example/payment-redirect?paymentId=payment-v2-failed&code=FAILURE_TYPE_PG" +
      `&message=${encodeURIComponent("[결제실패] 카드 한도가 초과되었습니다")}&pgCode=8326`,
    expect: { success: false, paymentId: "payment-v2-failed", code: "FAILURE_TYPE_PG" },
  },
];

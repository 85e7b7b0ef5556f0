// The method rows of scripts/faults: one per client method, with the route its request goes
// to (the route key of /__admin/stats and of queued faults), what to prepare, and how to call
// it. `post: true` marks requests that must never be sent twice (except after a 401);
// `verifies: true` marks calls whose result is a verdict.
// `setup(client, server)` runs before the fault is queued; what it returns is `call`'s second
// argument. Rows with `api: "v2"` are PortOneClientV2's (main.mjs's CLIENTS), on the ids of
// tests/portone-server/v2/seeds.mjs (V2_SEED_IDS).

const CARD_PAID = "imp_100000000001";
const CARD_PAID_ORDER = { merchantUid: "order-card-paid", amount: 1004 };
const V2_CARD_PAID = "payment-v2-card-paid";
const V2_GET_PAYMENT = "GET /v2/payments/{paymentId}";

export const METHOD_ROWS = [
  {
    name: "getPayment",
    api: "v1",
    verb: "GET",
    route: "GET /payments/{imp_uid}",
    call: (client) => client.getPayment(CARD_PAID),
  },
  {
    name: "getPayments",
    api: "v1",
    verb: "GET",
    route: "GET /payments",
    call: (client) => client.getPayments({ impUids: [CARD_PAID], merchantUids: ["order-failed"] }),
  },
  {
    name: "findPayment",
    api: "v1",
    verb: "GET",
    route: "GET /payments/find/{merchant_uid}/{payment_status?}",
    call: (client) => client.findPayment("order-card-paid"),
  },
  {
    name: "findAllPayments",
    api: "v1",
    verb: "GET",
    route: "GET /payments/findAll/{merchant_uid}/{payment_status?}",
    call: (client) => client.findAllPayments("order-retry"),
  },
  {
    name: "getPaymentsByStatus",
    api: "v1",
    verb: "GET",
    route: "GET /payments/status/{payment_status}",
    call: (client) => client.getPaymentsByStatus("paid", { limit: 5 }),
  },
  {
    name: "getBillingKeyPayments",
    api: "v1",
    verb: "GET",
    route: "GET /subscribe/customers/{customer_uid}/payments",
    call: (client) => client.getBillingKeyPayments("customer-1234"),
  },
  {
    name: "getPaymentBalance",
    api: "v1",
    verb: "GET",
    route: "GET /payments/{imp_uid}/balance",
    call: (client) => client.getPaymentBalance(CARD_PAID),
  },
  {
    name: "getPreparedPayment",
    api: "v1",
    verb: "GET",
    route: "GET /payments/prepare/{merchant_uid}",
    setup: (client) => client.preparePayment("order-fault-prepared", 5000),
    call: (client) => client.getPreparedPayment("order-fault-prepared"),
  },
  {
    name: "cancelPayment",
    api: "v1",
    verb: "POST",
    route: "POST /payments/cancel",
    post: true,
    call: (client) => client.cancelPayment({ impUid: CARD_PAID, amount: 100, reason: "fault table" }),
  },
  {
    name: "preparePayment",
    api: "v1",
    verb: "POST",
    route: "POST /payments/prepare",
    post: true,
    call: (client) => client.preparePayment("order-fault-new", 1000),
  },
  {
    name: "verifyPayment",
    api: "v1",
    verb: "GET",
    route: "GET /payments/{imp_uid}",
    verifies: true,
    call: (client) => client.verifyPayment(CARD_PAID, CARD_PAID_ORDER),
  },
  {
    name: "verifyWebhookV1",
    api: "v1",
    verb: "GET",
    route: "GET /payments/{imp_uid}",
    verifies: true,
    call: (client) =>
      client.verifyWebhookV1(
        JSON.stringify({ imp_uid: CARD_PAID, merchant_uid: "order-card-paid", status: "paid" }),
        "application/json",
        () => CARD_PAID_ORDER,
      ),
  },
  {
    name: "token (via getPayment)",
    api: "v1",
    verb: "POST",
    route: "POST /users/getToken",
    call: (client) => client.getPayment(CARD_PAID),
  },
  {
    name: "V2 getPayment",
    api: "v2",
    verb: "GET",
    route: V2_GET_PAYMENT,
    call: (client) => client.getPayment(V2_CARD_PAID),
  },
  {
    name: "V2 getPayments",
    api: "v2",
    verb: "GET",
    route: "GET /v2/payments",
    call: (client) => client.getPayments({ page: { number: 0, size: 5 } }),
  },
  {
    name: "V2 cancelPayment",
    api: "v2",
    verb: "POST",
    route: "POST /v2/payments/{paymentId}/cancel",
    post: true,
    call: (client) => client.cancelPayment(V2_CARD_PAID, { reason: "fault table", amount: 100 }),
  },
  {
    name: "V2 preRegisterPayment",
    api: "v2",
    verb: "POST",
    route: "POST /v2/payments/{paymentId}/pre-register",
    post: true,
    call: (client) => client.preRegisterPayment("order-fault-v2-new", { totalAmount: 1000 }),
  },
  {
    name: "V2 verifyPayment",
    api: "v2",
    verb: "GET",
    route: V2_GET_PAYMENT,
    verifies: true,
    call: (client) => client.verifyPayment(V2_CARD_PAID, { amount: 30000 }),
  },
  {
    name: "V2 verifyWebhook",
    api: "v2",
    verb: "GET",
    route: V2_GET_PAYMENT,
    verifies: true,
    setup: (_client, server) => server.admin("POST", "v2/webhook", { paymentId: V2_CARD_PAID, type: "Transaction.Paid" }),
    call: (client, delivery) => client.verifyWebhook(delivery.body, delivery.headers, () => ({ amount: 30000 })),
  },
];

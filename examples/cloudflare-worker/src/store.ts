// The shop's storage in D1 (tables: migrations/). Every change of an order is one conditional
// statement, run in a batch (a transaction) with what must change with it, so requests racing
// for one order in different isolates change it once:
//
//   applyVerifiedPayment   pending -> paid, and the payment recorded once: 'applied' when it
//                          paid the order, 'refund' when another payment already had
//   applyCancelledPayment  paid -> cancelled, when the payment that paid it was cancelled
//
// Payments are keyed by (provider, payment_id): 'portone-v1' + imp_uid, 'portone-v2' + paymentId,
// in the same tables through the same functions.

export type Provider = "portone-v1" | "portone-v2";
/** The PortOne API an order is paid through (chosen when it is created). */
export type Api = "v1" | "v2";
export type OrderStatus = "pending" | "paid" | "cancelled";
export type Disposition = "applied" | "refund";
export type PaymentSource = "complete" | "webhook";

/** A row of `orders`. */
export interface Order {
  merchant_uid: string;
  product_id: string;
  name: string;
  quantity: number;
  amount: number;
  currency: string;
  status: OrderStatus;
  /** 'v1': merchant_uid prepared with V1. 'v2': merchant_uid is the V2 paymentId, pre-registered. */
  api: Api;
  payment_provider: Provider | null;
  payment_id: string | null;
  created_at: string;
  prepared_at: string;
  paid_at: string | null;
  cancelled_at: string | null;
}

/** A row of `payments`. */
export interface PaymentRecord {
  provider: Provider;
  payment_id: string;
  merchant_uid: string;
  amount: number;
  currency: string;
  disposition: Disposition;
  status: "paid" | "cancelled";
  source: PaymentSource;
  recorded_at: string;
  cancelled_at: string | null;
}

export type NewOrder = Pick<Order, "merchant_uid" | "product_id" | "name" | "quantity" | "amount" | "currency" | "api" | "created_at" | "prepared_at">;

export async function insertOrder(db: D1Database, o: NewOrder): Promise<Order> {
  const row = await db
    .prepare(
      `INSERT INTO orders (merchant_uid, product_id, name, quantity, amount, currency, api, created_at, prepared_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING *`,
    )
    .bind(o.merchant_uid, o.product_id, o.name, o.quantity, o.amount, o.currency, o.api, o.created_at, o.prepared_at)
    .first<Order>();
  if (row === null) throw new Error("INSERT … RETURNING gave no row");
  return row;
}

export function getOrder(db: D1Database, merchantUid: string): Promise<Order | null> {
  return db.prepare("SELECT * FROM orders WHERE merchant_uid = ?1").bind(merchantUid).first<Order>();
}

/** The newest orders first (a demo listing; a real shop would page and authorise it). */
export async function listOrders(db: D1Database, limit: number): Promise<Order[]> {
  const { results } = await db.prepare("SELECT * FROM orders ORDER BY created_at DESC, merchant_uid LIMIT ?1").bind(limit).all<Order>();
  return results;
}

export async function paymentsOf(db: D1Database, merchantUid: string): Promise<PaymentRecord[]> {
  const { results } = await db
    .prepare("SELECT * FROM payments WHERE merchant_uid = ?1 ORDER BY recorded_at, payment_id")
    .bind(merchantUid)
    .all<PaymentRecord>();
  return results;
}

/** What a change did: whether the order changed, the order after it, and the payment's row. */
export interface Applied {
  changed: boolean;
  order: Order;
  payment: Pick<PaymentRecord, "disposition" | "status"> | null;
}

export interface VerifiedPayment {
  provider: Provider;
  paymentId: string;
  merchantUid: string;
  amount: number;
  currency: string;
  source: PaymentSource;
  /** When it was verified (ISO 8601). */
  at: string;
}

/**
 * A payment that verified against its order: marks the order paid if it is still pending, and
 * records the payment once. Running it again (or racing it) changes nothing more; a different
 * payment for an order that is no longer pending is recorded as 'refund', never applied.
 */
export async function applyVerifiedPayment(db: D1Database, p: VerifiedPayment): Promise<Applied> {
  const [update, , order, payment] = await db.batch([
    db
      .prepare(
        `UPDATE orders SET status = 'paid', payment_provider = ?1, payment_id = ?2, paid_at = ?3
         WHERE merchant_uid = ?4 AND status = 'pending'`,
      )
      .bind(p.provider, p.paymentId, p.at, p.merchantUid),
    db
      .prepare(
        `INSERT INTO payments (provider, payment_id, merchant_uid, amount, currency, disposition, source, recorded_at)
         SELECT ?1, ?2, o.merchant_uid, ?3, ?4,
                CASE WHEN o.payment_provider = ?1 AND o.payment_id = ?2 THEN 'applied' ELSE 'refund' END,
                ?5, ?6
         FROM orders o WHERE o.merchant_uid = ?7
         ON CONFLICT (provider, payment_id) DO NOTHING`,
      )
      .bind(p.provider, p.paymentId, p.amount, p.currency, p.source, p.at, p.merchantUid),
    db.prepare("SELECT * FROM orders WHERE merchant_uid = ?1").bind(p.merchantUid),
    db.prepare("SELECT * FROM payments WHERE provider = ?1 AND payment_id = ?2").bind(p.provider, p.paymentId),
  ]);
  return applied(update, order, payment, p.merchantUid);
}

/**
 * A payment that PortOne now reports cancelled (fully or partly): the order it paid becomes
 * cancelled, once; its payment row (applied or refund) is marked cancelled.
 */
export async function applyCancelledPayment(
  db: D1Database,
  p: { provider: Provider; paymentId: string; merchantUid: string; at: string },
): Promise<Applied> {
  const [update, , order, payment] = await db.batch([
    db
      .prepare(
        `UPDATE orders SET status = 'cancelled', cancelled_at = ?1
         WHERE merchant_uid = ?2 AND status = 'paid' AND payment_provider = ?3 AND payment_id = ?4`,
      )
      .bind(p.at, p.merchantUid, p.provider, p.paymentId),
    db
      .prepare(
        `UPDATE payments SET status = 'cancelled', cancelled_at = ?1
         WHERE provider = ?2 AND payment_id = ?3 AND status <> 'cancelled'`,
      )
      .bind(p.at, p.provider, p.paymentId),
    db.prepare("SELECT * FROM orders WHERE merchant_uid = ?1").bind(p.merchantUid),
    db.prepare("SELECT * FROM payments WHERE provider = ?1 AND payment_id = ?2").bind(p.provider, p.paymentId),
  ]);
  return applied(update, order, payment, p.merchantUid);
}

function applied(update: D1Result | undefined, order: D1Result | undefined, payment: D1Result | undefined, merchantUid: string): Applied {
  const row = order?.results[0] as Order | undefined;
  if (update === undefined || row === undefined) throw new Error(`order ${merchantUid} vanished during an update`);
  return {
    changed: update.meta.changes === 1,
    order: row,
    payment: (payment?.results[0] as PaymentRecord | undefined) ?? null,
  };
}

/** What a webhook delivery did, after verification. */
export type DeliveryOutcome = "paid" | "already_paid" | "refund" | "cancelled" | "already_cancelled" | "not_verified";

/** What a webhook delivery did, from its verdict (ok or not) and what applying it did. */
export function deliveryOutcome(ok: boolean, r: Applied): DeliveryOutcome {
  if (ok) {
    if (r.payment?.disposition === "refund") return "refund";
    return r.changed ? "paid" : "already_paid";
  }
  if (r.payment?.status === "cancelled") return r.changed ? "cancelled" : "already_cancelled";
  return "not_verified";
}

/** Counts a processed webhook delivery under its key (one row per key, `deliveries` repeats). */
export async function recordDelivery(
  db: D1Database,
  d: { provider: Provider; key: string; paymentId: string; merchantUid: string; outcome: DeliveryOutcome; at: string; eventType?: string },
): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO webhook_deliveries (provider, delivery_key, payment_id, merchant_uid, outcome, first_received_at, last_received_at, event_type)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
       ON CONFLICT (provider, delivery_key) DO UPDATE SET
         deliveries = deliveries + 1, outcome = excluded.outcome, last_received_at = excluded.last_received_at
       RETURNING deliveries`,
    )
    .bind(d.provider, d.key, d.paymentId, d.merchantUid, d.outcome, d.at, d.eventType ?? null)
    .first<{ deliveries: number }>();
  return row?.deliveries ?? 0;
}

/** A row of `webhook_deliveries`. */
export interface Delivery {
  provider: Provider;
  delivery_key: string;
  payment_id: string;
  merchant_uid: string;
  outcome: DeliveryOutcome;
  deliveries: number;
  first_received_at: string;
  last_received_at: string;
  event_type: string | null;
}

/**
 * A repeat of a delivery whose verdict was already applied (any outcome but 'not_verified'):
 * counts it and returns its row, in one conditional statement. null when the key is new, or
 * when the earlier delivery verified nothing (then it is verified again: the payment may have
 * changed since). Only for keys the sender signed (V2's webhook-id): an unsigned key proves
 * nothing about the delivery.
 */
export function repeatedDelivery(db: D1Database, d: { provider: Provider; key: string; at: string }): Promise<Delivery | null> {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET deliveries = deliveries + 1, last_received_at = ?1
       WHERE provider = ?2 AND delivery_key = ?3 AND outcome <> 'not_verified'
       RETURNING *`,
    )
    .bind(d.at, d.provider, d.key)
    .first<Delivery>();
}

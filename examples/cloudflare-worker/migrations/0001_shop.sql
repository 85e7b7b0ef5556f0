-- The shop's tables (D1 / SQLite). Applied by `wrangler d1 migrations apply portone-shop`
-- (--local for the local database wrangler dev and `make demo` use; --remote when deployed).
-- A new feature adds a new numbered file; applied files are never edited.
--
-- Every state change of an order is a conditional UPDATE (… WHERE status = 'pending'), so two
-- requests racing for one order (the buyer's browser and PortOne's webhook, in different
-- isolates, maybe repeated) change it once. Timestamps are ISO 8601 UTC strings.

-- One row per order. The amount comes from the Worker's product table, never from the browser,
-- and was registered with PortOne (prepared_at) before the row was written.
CREATE TABLE orders (
  merchant_uid     TEXT PRIMARY KEY,                        -- our order id, sent to PortOne
  product_id       TEXT NOT NULL,
  name             TEXT NOT NULL,
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  amount           INTEGER NOT NULL CHECK (amount > 0),     -- what the order costs, in currency units
  currency         TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'pending',         -- pending -> paid -> cancelled
  payment_provider TEXT,                                    -- the payment that paid it: 'portone-v1'
  payment_id       TEXT,                                    --   and its id there (imp_uid)
  created_at       TEXT NOT NULL,
  prepared_at      TEXT NOT NULL,                           -- amount registered with PortOne
  paid_at          TEXT,
  cancelled_at     TEXT
);

-- Every verified payment for an order, recorded once (the primary key), whichever route saw
-- it first. 'applied': it paid the order. 'refund': the order was already paid (or cancelled)
-- by another payment, so this one is for a person to refund; it is never shipped.
CREATE TABLE payments (
  provider     TEXT NOT NULL,                               -- 'portone-v1' (V2 adds its own)
  payment_id   TEXT NOT NULL,                               -- imp_uid for V1
  merchant_uid TEXT NOT NULL REFERENCES orders (merchant_uid),
  amount       INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  disposition  TEXT NOT NULL CHECK (disposition IN ('applied', 'refund')),
  status       TEXT NOT NULL DEFAULT 'paid',                -- 'paid', or 'cancelled' once PortOne says so
  source       TEXT NOT NULL,                               -- the route that recorded it: 'complete' | 'webhook'
  recorded_at  TEXT NOT NULL,
  cancelled_at TEXT,
  PRIMARY KEY (provider, payment_id)
);
CREATE INDEX payments_by_order ON payments (merchant_uid);

-- Webhook deliveries processed (after the payment was fetched and verified). V1 notifications
-- are unsigned, so their key (imp_uid, status, cancellation_id from the body) only groups
-- repeats; a repeat is verified again, never skipped on the body's word. A signed webhook id
-- (V2's webhook-id) can be a key of its own provider.
CREATE TABLE webhook_deliveries (
  provider          TEXT NOT NULL,
  delivery_key      TEXT NOT NULL,
  payment_id        TEXT NOT NULL,
  merchant_uid      TEXT NOT NULL,
  outcome           TEXT NOT NULL,                          -- what the last delivery did (see src/store.ts)
  deliveries        INTEGER NOT NULL DEFAULT 1,
  first_received_at TEXT NOT NULL,
  last_received_at  TEXT NOT NULL,
  PRIMARY KEY (provider, delivery_key)
);

-- PortOne V2 (REST API V2, api.portone.io) next to V1. Applied after 0001_shop.sql.
--
-- An order is paid through one API, chosen when it is created: 'v1' (IMP.request_pay,
-- merchant_uid registered with POST /payments/prepare) or 'v2' (PortOne.requestPayment; the
-- order's merchant_uid is its V2 paymentId, registered with POST /payments/{paymentId}/pre-register).
-- Payments of either API go to the same `payments` table under their own provider
-- ('portone-v1' + imp_uid, 'portone-v2' + paymentId), through the same conditional updates.
ALTER TABLE orders ADD COLUMN api TEXT NOT NULL DEFAULT 'v1' CHECK (api IN ('v1', 'v2'));

-- V2 webhooks are signed (Standard Webhooks), so their `webhook-id` names one delivery for
-- sure: delivery_key is the webhook-id (provider 'portone-v2'), and a delivery seen before
-- whose verdict was applied is answered without fetching the payment again. event_type is
-- the body's `type` (e.g. Transaction.Paid), kept for people: it never decides anything.
ALTER TABLE webhook_deliveries ADD COLUMN event_type TEXT;

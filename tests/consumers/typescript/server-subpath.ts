// "portone-verify/server": the server API (PortOneClient, webhooks) whatever the project's
// module resolution, with no customConditions. typescript.test.mjs type-checks it under
// wrangler's default tsconfig (bundler resolution: the subpath's default condition) and
// `tsc --init`'s Node defaults (nodenext: its node condition); it never runs it.
import * as server from "portone-verify/server";
import { PortOneClient, parseWebhookV1, verifyPayment, verifyWebhookV2 } from "portone-verify/server";
import type { Expected, PaymentAnnotation, PortOneClientError, Verdict, WebhookV1 } from "portone-verify/server";

// @ts-expect-error: the server entries initialise themselves; there is no init() to call.
server.init;

const order: Expected = { merchantUid: "order-1", amount: 1004 };
const client = new PortOneClient({ apiKey: "k", apiSecret: "s" });

export async function complete(impUid: string): Promise<string> {
  try {
    const verdict = await client.verifyPayment(impUid, order);
    const payment: PaymentAnnotation = verdict.payment;
    return verdict.ok ? `${verdict.state} ${payment.amount}` : verdict.failures.map((f) => f.code).join(",");
  } catch (e) {
    return (e as PortOneClientError).code;
  }
}

export async function webhook(body: string, contentType: string | null): Promise<boolean> {
  const v = await client.verifyWebhookV1(body, contentType, (merchantUid) => (merchantUid === order.merchantUid ? order : null));
  const note: WebhookV1 = v.webhook;
  return v.ok && note.imp_uid.length > 0;
}

declare const body: string;
const verdict: Verdict = verifyPayment(body, order);
export const parsed = [verdict.ok, parseWebhookV1(body, "application/json").imp_uid, verifyWebhookV2("whsec_c2VjcmV0", body, {}).type];

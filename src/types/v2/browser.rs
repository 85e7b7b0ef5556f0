//! `PaymentResponse`: what the V2 browser SDK's `PortOne.requestPayment` resolves to (and,
//! from the same parameters, the redirect URL's query), normalised into one shape.

use serde::Serialize;
use tsify::Tsify;

use crate::types::declare::wire;

wire! {
    /// The browser-side result of a V2 payment. **Never proof of payment**: it comes from the
    /// buyer's browser and can be forged. Send `paymentId` to your server, fetch the payment
    /// there with your API secret and verify that.
    ///
    /// `success` is computed: `true` when there is no `code` (the SDK's rule: a `code` means
    /// the payment failed, so a blank one counts; `null` is no `code`). It never means "paid".
    #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Tsify)]
    pub struct PaymentResponse read with crate::read::payment_response_v2_json {
        @lead {
            /// Whether the SDK reported no error (no `code`). Not proof of payment.
            success: bool,
        }
        /// `"PAYMENT"`.
        transaction_type as "transactionType": Option<String>,
        /// PortOne's id of this payment attempt.
        tx_id as "txId": Option<String>,
        /// The payment id the merchant chose: fetch and verify this payment on the server.
        payment_id as "paymentId": Option<String>,
        /// A token for confirming the payment by hand (manual confirmation only).
        payment_token as "paymentToken": Option<String>,
        /// Error code; present (even blank) means the payment failed.
        code: Option<String> => ErrorCode,
        /// Error message.
        message: Option<String>,
        /// The PG's error code.
        pg_code as "pgCode": Option<String>,
        /// The PG's error message.
        pg_message as "pgMessage": Option<String>,
    }
}

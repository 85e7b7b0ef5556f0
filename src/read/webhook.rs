//! Webhook bodies: a V1 notification sent as JSON (only its kept values are needed) and a V2
//! body (its canonical JSON, which JavaScript parses and Rust decodes).

use super::captures::Captures;
use super::document::{read_bare, without_bom};
use super::schema::{WEBHOOK_V1, WEBHOOK_V2};
use crate::error::ParseError;

/// Reads a V1 webhook's JSON body, keeping `imp_uid`, `merchant_uid`, `status` and
/// `cancellation_id`; nothing is written.
pub(crate) fn read_webhook_v1(input: &str) -> Result<Captures<'_>, ParseError> {
    Ok(read_bare(without_bom(input), &WEBHOOK_V1, false, "")?.captures)
}

/// The canonical JSON of a V2 webhook body: `{type, timestamp, data}` with every `data`
/// field, and `data` with every field `null` when absent (as `WebhookV2` serialises).
pub(crate) fn webhook_v2_json(input: &str) -> Result<String, ParseError> {
    Ok(read_bare(without_bom(input), &WEBHOOK_V2, true, "")?.json)
}

#[cfg(test)]
mod tests {
    use super::super::schema::{Kind, WEBHOOK_V2_DATA};
    use super::*;

    #[test]
    fn every_field_is_found_and_absent_data_is_valid() {
        for schema in [&WEBHOOK_V1, &WEBHOOK_V2, &WEBHOOK_V2_DATA] {
            for (index, field) in schema.fields.iter().enumerate() {
                assert_eq!(schema.find(field.name, 0), Some(index), "{}", field.name);
            }
        }
        // A `Kind::Record`'s all-absent object needs no required field.
        assert!(WEBHOOK_V2_DATA.fields.iter().all(|f| !f.required));
        assert!(matches!(
            WEBHOOK_V2.fields.get(2).map(|f| f.kind),
            Some(Kind::Record(_))
        ));
    }

    #[test]
    fn v2_canonical_text() {
        assert_eq!(
            webhook_v2_json("\u{feff}{\"type\":1,\"x\":[]}").unwrap(),
            r#"{"type":"1","timestamp":null,"data":{"paymentId":null,"storeId":null,"transactionId":null,"cancellationId":null,"billingKey":null,"totalAmount":null}}"#
        );
        assert_eq!(
            webhook_v2_json(r#"{"data":{"totalAmount":"10.50","storeId":"s\"1"},"type":"T"}"#)
                .unwrap(),
            r#"{"type":"T","timestamp":null,"data":{"paymentId":null,"storeId":"s\"1","transactionId":null,"cancellationId":null,"billingKey":null,"totalAmount":10.5}}"#
        );
    }
}

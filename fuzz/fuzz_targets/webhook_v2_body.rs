//! Parsing a verified V2 webhook body. Input: the body.
//!
//! - `WebhookV2::parse_verified`, `WebhookV2::canonical_json` and serde's `Deserialize` agree;
//!   the canonical JSON reads back as the same webhook;
//! - `type` is kept as sent: a known event as its variant, any other text as itself;
//! - `data.totalAmount` is the exact decimal sent (reference decimal).
#![no_main]

use fuzz_support::{decimal, disagree, refusal, same_json};
use libfuzzer_sys::fuzz_target;
use portone_verify::types::Wire;
use portone_verify::webhook::{WebhookV2, WebhookV2Type};
use serde_json::value::RawValue;
use std::collections::BTreeMap;

fuzz_target!(|body: &[u8]| {
    let parsed = WebhookV2::parse_verified(body);
    match (&parsed, WebhookV2::canonical_json(body)) {
        (Ok(hook), Ok(json)) => {
            if !same_json(&hook.to_canonical_json(), &json) {
                disagree!("canonical_json {json}, struct {}", hook.to_canonical_json());
            }
            match WebhookV2::parse_verified(json.as_bytes()) {
                Ok(again) if again == *hook => {}
                other => disagree!("canonical JSON {json} reads back as {other:?}"),
            }
            if WebhookV2Type::from_wire(hook.event_type.as_str()) != hook.event_type {
                disagree!("type {:?} is not kept as sent", hook.event_type);
            }
        }
        (Err(a), Err(b)) if refusal(a) == refusal(&b) => {}
        (a, b) => disagree!("parse_verified {a:?}, canonical_json {b:?}"),
    }
    if let Ok(by_serde) = serde_json::from_slice::<WebhookV2>(body) {
        match &parsed {
            Ok(hook) if *hook == by_serde => {}
            other => disagree!("serde_json {by_serde:?}, parse_verified {other:?}"),
        }
    }

    // The body read by serde_json: `type` and `data.totalAmount` as sent.
    let Ok(hook) = &parsed else { return };
    let Ok(top) = serde_json::from_slice::<BTreeMap<String, &RawValue>>(body) else {
        return;
    };
    if let Some(Ok(sent)) = top.get("type").map(|raw| serde_json::from_str::<String>(raw.get())) {
        if hook.event_type.as_str() != sent {
            disagree!("type {sent:?} parsed as {:?}", hook.event_type);
        }
    }
    let data = top
        .get("data")
        .and_then(|raw| serde_json::from_str::<BTreeMap<String, &RawValue>>(raw.get()).ok());
    if let Some(raw) = data.as_ref().and_then(|d| d.get("totalAmount")) {
        let raw = raw.get();
        let sent = match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            Some(inner) => decimal::parse(inner.trim()),
            None => decimal::parse(raw),
        };
        let parsed = hook.data.total_amount.as_ref().map(|a| decimal::parse(a.as_str()));
        if raw != "null" && parsed != Some(sent.clone()) {
            disagree!("totalAmount {raw} parsed as {:?} (reference {sent:?})", hook.data.total_amount);
        }
    }
});

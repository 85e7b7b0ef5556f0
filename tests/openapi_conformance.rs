//! Walks the official V1 Swagger and checks that every property of the payment definitions
//! exists on the Rust type with a compatible JSON type: a sample document built from the
//! Swagger is parsed into the Rust type, serialised back, and compared property by property.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use portone_verify::types::{
    AuthAnnotation, Envelope, PagedList, PaymentAnnotation, PaymentBalance,
    PaymentBalanceAnnotation, PaymentBalanceHistoriesAnnotation, PaymentCancelAnnotation,
    VbankDepositAnnotation,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

fn swagger() -> Value {
    let path = std::env::var_os("PORTONE_V1_OPENAPI")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/reference/portone-v1.openapi.json")
        });
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the official Swagger is needed at {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A sample value of a Swagger schema (refs resolved against `definitions`).
fn sample(schema: &Value, definitions: &Value) -> Value {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/definitions/");
        return sample(&definitions[name], definitions);
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in parts {
            if let Value::Object(fields) = sample(part, definitions) {
                merged.extend(fields);
            }
        }
        return Value::Object(merged);
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => json!("sample"),
        Some("integer") => json!(1),
        Some("number") => json!(12.5),
        Some("boolean") => json!(true),
        Some("array") => json!([sample(&schema["items"], definitions)]),
        _ => {
            let properties = schema.get("properties").and_then(Value::as_object);
            let fields = properties.into_iter().flatten();
            Value::Object(
                fields
                    .map(|(k, v)| (k.clone(), sample(v, definitions)))
                    .collect(),
            )
        }
    }
}

/// Checks `actual` (the Rust round trip) against the Swagger schema, collecting problems.
fn check(
    schema: &Value,
    definitions: &Value,
    actual: &Value,
    path: &str,
    problems: &mut Vec<String>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/definitions/");
        return check(&definitions[name], definitions, actual, path, problems);
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            check(part, definitions, actual, path, problems);
        }
        return;
    }
    let compatible = match schema.get("type").and_then(Value::as_str) {
        Some("string") => actual.is_string(),
        Some("integer") => actual.is_i64() || actual.is_u64(),
        Some("number") => actual.is_number(),
        Some("boolean") => actual.is_boolean(),
        Some("array") => match actual.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    check(
                        &schema["items"],
                        definitions,
                        item,
                        &format!("{path}[{i}]"),
                        problems,
                    );
                }
                !items.is_empty()
            }
            None => false,
        },
        _ => match (
            schema.get("properties").and_then(Value::as_object),
            actual.as_object(),
        ) {
            (Some(properties), Some(object)) => {
                for (name, property) in properties {
                    match object.get(name) {
                        Some(value) => check(
                            property,
                            definitions,
                            value,
                            &format!("{path}.{name}"),
                            problems,
                        ),
                        None => problems.push(format!("{path}.{name}: missing on the Rust type")),
                    }
                }
                true
            }
            (None, Some(_)) => true,
            (_, None) => false,
        },
    };
    if !compatible {
        problems.push(format!(
            "{path}: Swagger says {schema_type}, Rust gives {actual}",
            schema_type = schema["type"]
        ));
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(input: &Value) -> Value {
    let parsed: T =
        serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("parse: {e}\n{input:#}"));
    serde_json::to_value(parsed).unwrap()
}

fn conforms<T: DeserializeOwned + Serialize>(definition: &str) {
    let doc = swagger();
    let definitions = &doc["definitions"];
    let schema = &definitions[definition];
    assert!(schema.is_object(), "{definition} is not in the Swagger");
    let input = sample(schema, definitions);
    let output = round_trip::<T>(&input);
    let mut problems = Vec::new();
    check(schema, definitions, &output, definition, &mut problems);
    assert!(
        problems.is_empty(),
        "{definition}:\n{}",
        problems.join("\n")
    );
}

#[test]
fn payment_annotation() {
    conforms::<PaymentAnnotation>("PaymentAnnotation");
}

#[test]
fn payment_cancel_annotation() {
    conforms::<PaymentCancelAnnotation>("PaymentCancelAnnotation");
}

#[test]
fn vbank_deposit_annotation() {
    conforms::<VbankDepositAnnotation>("VbankDepositAnnotation");
}

#[test]
fn payment_balance() {
    conforms::<PaymentBalance>("PaymentBalanceResponseAnnotation");
    conforms::<PaymentBalanceAnnotation>("PaymentBalanceAnnotation");
    conforms::<PaymentBalanceHistoriesAnnotation>("PaymentBalanceHistoriesAnnotation");
}

#[test]
fn auth_annotation() {
    conforms::<AuthAnnotation>("AuthAnnotation");
}

#[test]
fn paged_list_and_envelopes() {
    conforms::<PagedList<PaymentAnnotation>>("PagedPaymentAnnotation");
    conforms::<Envelope<PaymentAnnotation>>("PaymentResponse");
    conforms::<Envelope<PagedList<PaymentAnnotation>>>("PaymentListResponse");
    conforms::<Envelope<PaymentBalance>>("PaymentBalanceResponse");
}

#[test]
fn the_check_itself_catches_a_missing_property() {
    // Guard against a vacuous test: a type without `sandbox` must be reported.
    let doc = swagger();
    let definitions = &doc["definitions"];
    let schema = &definitions["PaymentAnnotation"];
    let mut output = round_trip::<PaymentAnnotation>(&sample(schema, definitions));
    output.as_object_mut().unwrap().remove("sandbox");
    output["amount"] = json!("12.5");
    let mut problems = Vec::new();
    check(
        schema,
        definitions,
        &output,
        "PaymentAnnotation",
        &mut problems,
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
}

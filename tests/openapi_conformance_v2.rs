//! Walks PortOne's V2 OpenAPI (the vendored `tests/reference/portone-v2-payments.openapi.json`)
//! and checks that every property of every schema reachable from the declared V2 types exists
//! on the Rust type with a compatible JSON type and its value kept exactly (int64 samples are
//! past 2^53): a sample document is built from each schema (one per variant of every
//! `oneOf`, following `$ref`s, arrays and discriminator mappings), parsed into the Rust type,
//! serialised back and compared with the sample property by property. Every union member must
//! be read as its own variant (never as the fallback), every enum's values must be the Rust
//! enum's known values, and every schema of the file must have been reached.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::PathBuf;

use portone_verify::types::v2::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

fn openapi() -> Value {
    let path = std::env::var_os("PORTONE_V2_OPENAPI")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/reference/portone-v2-payments.openapi.json")
        });
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the V2 OpenAPI is needed at {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The schemas, and the names of those a walk reached.
struct Walk<'a> {
    schemas: &'a Value,
    reached: BTreeSet<String>,
}

impl<'a> Walk<'a> {
    fn resolve(&mut self, schema: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => self.named(reference),
            None => schema,
        }
    }

    /// The schema `reference` (`#/components/schemas/Name`) points to, marked as reached.
    fn named(&mut self, reference: &str) -> &'a Value {
        let schemas: &'a Value = self.schemas;
        let name = reference.trim_start_matches("#/components/schemas/");
        self.reached.insert(name.to_owned());
        let target = &schemas[name];
        assert!(target.is_object(), "{reference} is not in the OpenAPI");
        self.resolve(target)
    }

    /// A sample of `schema`: at every `oneOf` the `choice`-th mapping (modulo its length),
    /// every enum its `choice`-th value, int64 integers past 2^53.
    fn sample(&mut self, schema: &'a Value, choice: usize) -> Value {
        let schema = self.resolve(schema);
        if let Some(mapping) = schema
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object)
        {
            let tag = schema["discriminator"]["propertyName"].as_str().unwrap();
            let (key, target) = mapping.iter().nth(choice % mapping.len()).unwrap();
            let target = self.named(target.as_str().unwrap());
            let mut value = self.sample(target, choice);
            value[tag] = json!(key);
            return value;
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return values[choice % values.len()].clone();
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("string") => json!("sample"),
            Some("integer") if schema["format"] == "int64" => json!(9_007_199_254_740_993_i64),
            Some("integer") => json!(7),
            Some("number") => json!(12.5),
            Some("boolean") => json!(true),
            Some("array") => json!([self.sample(&schema["items"], choice)]),
            _ => {
                let mut object = serde_json::Map::new();
                for (name, property) in schema["properties"].as_object().into_iter().flatten() {
                    object.insert(name.clone(), self.sample(property, choice));
                }
                Value::Object(object)
            }
        }
    }

    /// Checks `actual` (the Rust round trip) against `schema` and the `sample` it came from.
    fn check(
        &mut self,
        schema: &'a Value,
        sample: &Value,
        actual: &Value,
        path: &str,
        problems: &mut Vec<String>,
    ) {
        let schema = self.resolve(schema);
        if let Some(mapping) = schema
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object)
        {
            let tag = schema["discriminator"]["propertyName"].as_str().unwrap();
            match actual[tag].as_str().and_then(|t| mapping.get(t)) {
                Some(target) => {
                    let target = self.named(target.as_str().unwrap());
                    self.check(target, sample, actual, path, problems)
                }
                None => problems.push(format!(
                    "{path}.{tag}: {} is no mapping of the union",
                    actual[tag]
                )),
            }
            return;
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        match (properties, actual.as_object()) {
            (Some(properties), Some(object)) => {
                for (name, property) in properties {
                    match object.get(name) {
                        Some(value) => {
                            let path = format!("{path}.{name}");
                            self.check(property, &sample[name], value, &path, problems);
                        }
                        None => problems.push(format!("{path}.{name}: missing on the Rust type")),
                    }
                }
                // A declaration for several schemas (the one error body) may have fields a
                // member lacks: `null` there. Anything else is a property the OpenAPI lacks.
                let extra =
                    |(k, v): &(&String, &Value)| !properties.contains_key(*k) && !v.is_null();
                for (name, _) in object.iter().filter(extra) {
                    problems.push(format!(
                        "{path}.{name}: on the Rust type, not in the OpenAPI"
                    ));
                }
            }
            (None, _) if schema["type"] == "array" => {
                match (actual.as_array(), sample.as_array()) {
                    (Some(items), Some(samples)) if items.len() == samples.len() => {
                        for (i, (item, sample)) in items.iter().zip(samples).enumerate() {
                            self.check(
                                &schema["items"],
                                sample,
                                item,
                                &format!("{path}[{i}]"),
                                problems,
                            );
                        }
                    }
                    _ => problems.push(format!("{path}: OpenAPI says array, Rust gives {actual}")),
                }
            }
            (None, _) => {
                if actual != sample {
                    problems.push(format!(
                        "{path}: OpenAPI sample {sample}, Rust gives {actual}"
                    ));
                }
            }
            (Some(_), None) => {
                problems.push(format!("{path}: OpenAPI says object, Rust gives {actual}"))
            }
        }
    }
}

/// Round-trips one sample per `choice` of `schema` through `T` and checks it; `unrecognized`
/// says whether `T` read it as its fallback variant (never allowed for a documented member).
fn conforms<T: DeserializeOwned + Serialize>(
    walk: &mut Walk<'_>,
    schema_name: &str,
    unrecognized: impl Fn(&T) -> bool,
) -> Vec<String> {
    let schemas = walk.schemas;
    let schema = &schemas[schema_name];
    assert!(schema.is_object(), "{schema_name} is not in the OpenAPI");
    walk.reached.insert(schema_name.to_owned());
    let mut problems = Vec::new();
    for choice in 0..16 {
        let sample = walk.sample(schema, choice);
        let parsed: T = serde_json::from_value(sample.clone())
            .unwrap_or_else(|e| panic!("{schema_name} #{choice}: {e}\n{sample:#}"));
        if unrecognized(&parsed) {
            problems.push(format!(
                "{schema_name} #{choice}: read as the fallback variant"
            ));
        }
        let actual = serde_json::to_value(&parsed).unwrap();
        walk.check(schema, &sample, &actual, schema_name, &mut problems);
    }
    problems
}

/// The operations' error unions, each read as the one [`ErrorBodyV2`].
const ERROR_UNIONS: [&str; 4] = [
    "GetPaymentError",
    "GetPaymentsError",
    "CancelPaymentError",
    "PreRegisterPaymentError",
];

/// Every enum of the OpenAPI and the Rust enum's known values.
fn enums() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("Bank", Bank::KNOWN),
        ("CancelRequester", CancelRequester::KNOWN),
        ("CardBrand", CardBrand::KNOWN),
        ("CardOwnerType", CardOwnerType::KNOWN),
        ("CardType", CardTypeV2::KNOWN),
        ("CashReceiptInputType", CashReceiptInputType::KNOWN),
        (
            "CashReceiptIssuanceStatus",
            CashReceiptIssuanceStatus::KNOWN,
        ),
        ("CashReceiptType", CashReceiptType::KNOWN),
        ("ConvenienceStoreBrand", ConvenienceStoreBrand::KNOWN),
        ("Country", Country::KNOWN),
        ("Currency", Currency::KNOWN),
        ("DisputeStatus", DisputeStatus::KNOWN),
        ("EasyPayProvider", EasyPayProvider::KNOWN),
        ("Gender", Gender::KNOWN),
        ("PaymentCashReceiptStatus", PaymentCashReceiptStatus::KNOWN),
        ("PaymentClientType", PaymentClientType::KNOWN),
        (
            "PaymentFilterInputEscrowStatus",
            PaymentFilterInputEscrowStatus::KNOWN,
        ),
        (
            "PaymentMethodGiftCertificateType",
            PaymentMethodGiftCertificateType::KNOWN,
        ),
        ("PaymentMethodType", PaymentMethodType::KNOWN),
        (
            "PaymentMethodVirtualAccountRefundStatus",
            PaymentMethodVirtualAccountRefundStatus::KNOWN,
        ),
        (
            "PaymentMethodVirtualAccountType",
            PaymentMethodVirtualAccountType::KNOWN,
        ),
        (
            "PaymentOriginPlatformType",
            PaymentOriginPlatformType::KNOWN,
        ),
        ("PaymentSortBy", PaymentSortBy::KNOWN),
        ("PaymentStatus", PaymentStatusV2::KNOWN),
        ("PaymentTextSearchField", PaymentTextSearchField::KNOWN),
        ("PaymentTimestampType", PaymentTimestampType::KNOWN),
        (
            "PaymentWebhookPaymentStatus",
            PaymentWebhookPaymentStatus::KNOWN,
        ),
        ("PaymentWebhookStatus", PaymentWebhookStatus::KNOWN),
        ("PaymentWebhookTrigger", PaymentWebhookTrigger::KNOWN),
        ("PgProvider", PgProviderV2::KNOWN),
        ("PortOneVersion", PortOneVersion::KNOWN),
        (
            "PromotionDiscountRetainOption",
            PromotionDiscountRetainOption::KNOWN,
        ),
        ("SelectedChannelType", SelectedChannelType::KNOWN),
        ("SortOrder", SortOrder::KNOWN),
        ("Trigger", Trigger::KNOWN),
    ]
}

#[test]
fn every_schema_conforms() {
    let doc = openapi();
    let mut walk = Walk {
        schemas: &doc["components"]["schemas"],
        reached: BTreeSet::new(),
    };
    let w = &mut walk;
    let mut problems = Vec::new();
    // Each root: its Rust type, its schema and, for a union, its fallback variant.
    macro_rules! roots {
        ($($ty:ty: $name:literal $(=> $fallback:path)?;)*) => {$(
            problems.extend(conforms::<$ty>(w, $name, |_value| {
                false $(|| matches!(_value, $fallback(_)))?
            }));
        )*};
    }
    roots! {
        Payment: "Payment" => Payment::Unrecognized;
        PaymentMethod: "PaymentMethod" => PaymentMethod::Unrecognized;
        PaymentMethodEasyPayMethod: "PaymentMethodEasyPayMethod"
            => PaymentMethodEasyPayMethod::Unrecognized;
        PaymentCancellation: "PaymentCancellation" => PaymentCancellation::Unrecognized;
        PaymentCashReceipt: "PaymentCashReceipt" => PaymentCashReceipt::Unrecognized;
        PaymentEscrow: "PaymentEscrow" => PaymentEscrow::Unrecognized;
        Address: "Address" => Address::Unrecognized;
        GetPaymentsResponse: "GetPaymentsResponse";
        CancelPaymentResponse: "CancelPaymentResponse";
        PreRegisterPaymentResponse: "PreRegisterPaymentResponse";
        GetPaymentsBody: "GetPaymentsBody";
        CancelPaymentBody: "CancelPaymentBody";
        PreRegisterPaymentBody: "PreRegisterPaymentBody";
    }
    for errors in ERROR_UNIONS {
        problems.extend(conforms::<ErrorBodyV2>(w, errors, |e| {
            e.error_type.is_unknown()
        }));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));

    let all: BTreeSet<String> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let missed: Vec<&String> = all.difference(&walk.reached).collect();
    assert!(
        missed.is_empty(),
        "schemas no declared type reaches: {missed:?}"
    );
    assert_eq!(all.len(), 117);
}

#[test]
fn every_enum_is_known() {
    let doc = openapi();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let declared = enums();
    for (name, schema) in schemas {
        let Some(values) = schema.get("enum").and_then(Value::as_array) else {
            continue;
        };
        let values: BTreeSet<&str> = values.iter().map(|v| v.as_str().unwrap()).collect();
        let Some((_, known)) = declared.iter().find(|(n, _)| n == name) else {
            panic!("the OpenAPI enum {name} has no Rust enum in this test's list");
        };
        let known: BTreeSet<&str> = known.iter().copied().collect();
        assert_eq!(known, values, "{name}");
    }
    // Every error type an operation lists is a known `ErrorTypeV2`.
    for errors in ERROR_UNIONS {
        for tag in schemas[errors]["discriminator"]["mapping"]
            .as_object()
            .unwrap()
            .keys()
        {
            assert!(!ErrorTypeV2::from_wire(tag).is_unknown(), "{errors}: {tag}");
        }
    }
}

#[test]
fn the_check_itself_catches_problems() {
    // Guard against a vacuous test: a missing property, an inexact int64 and an extra
    // (non-null) property must all be reported.
    let doc = openapi();
    let mut walk = Walk {
        schemas: &doc["components"]["schemas"],
        reached: BTreeSet::new(),
    };
    let schema = &doc["components"]["schemas"]["PaymentAmount"];
    let sample = walk.sample(schema, 0);
    let mut actual =
        serde_json::to_value(serde_json::from_value::<PaymentAmount>(sample.clone()).unwrap())
            .unwrap();
    assert_eq!(actual["total"], json!(9_007_199_254_740_993_i64));
    actual.as_object_mut().unwrap().remove("vat");
    actual["total"] = json!(9_007_199_254_740_992_f64);
    actual["extra"] = json!(1);
    let mut problems = Vec::new();
    walk.check(schema, &sample, &actual, "PaymentAmount", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:?}");
}

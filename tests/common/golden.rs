//! The golden tests' helpers: values to try fields with, and the check that every way to a
//! value agrees (shared by `wire_golden.rs` and `wire_golden_v2.rs`).

use std::fmt::{Debug, Write};

use portone_verify::types::Wire;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// Values every field is tried with: each kind's tolerated spellings and its refusals.
pub fn replacements() -> Vec<Option<Value>> {
    [
        json!(null),
        json!("paid"),
        json!(""),
        json!("  "),
        json!(" TRUE "),
        json!("false"),
        json!("1648344363"),
        json!("10.10"),
        json!("+7"),
        json!("1e3"),
        json!(1004),
        json!(-7),
        json!(1.5),
        json!(1e3),
        json!(true),
        json!([]),
        json!(["a", 1]),
        json!({}),
        json!({"amount": "500", "id": 7}),
    ]
    .into_iter()
    .map(Some)
    .chain([None])
    .collect()
}

pub fn shown(value: &Option<Value>) -> String {
    value
        .as_ref()
        .map_or_else(|| "(removed)".to_owned(), Value::to_string)
}

/// `base` with `key` replaced by `value`, or removed.
pub fn mutate(base: &Value, key: &str, value: &Option<Value>) -> Value {
    let mut object = base.clone();
    if let Some(map) = object.as_object_mut() {
        match value {
            Some(v) => map.insert(key.to_owned(), v.clone()),
            None => map.remove(key),
        };
    }
    object
}

/// The ways to a `T` from `input` agree (see the module docs); returns the canonical JSON.
pub fn agree<T: Wire + Serialize + DeserializeOwned + PartialEq + Debug>(
    input: &[u8],
    canonical: &str,
    built: &T,
) {
    let shown = String::from_utf8_lossy(input);
    assert_eq!(built.to_canonical_json(), canonical, "{shown}");
    let canonical_value: Value = serde_json::from_str(canonical).unwrap();
    assert_eq!(
        serde_json::to_value(built).unwrap(),
        canonical_value,
        "{shown}"
    );
    let through_serde: T = serde_json::from_slice(input).unwrap_or_else(|e| panic!("{shown}: {e}"));
    assert_eq!(&through_serde, built, "{shown}");
}

/// One line per field and replacement: what the field reads as, or the error.
pub fn field_table<T: Wire + Serialize + DeserializeOwned + PartialEq + Debug>(
    base: &Value,
    extra_keys: &[&str],
) -> String {
    let mut keys: Vec<String> = base.as_object().unwrap().keys().cloned().collect();
    keys.extend(extra_keys.iter().map(|k| (*k).to_owned()));
    let mut table = String::new();
    for key in &keys {
        for value in replacements() {
            let input = mutate(base, key, &value).to_string();
            let outcome = match T::canonical_json(input.as_bytes()) {
                Ok(canonical) => {
                    let built = T::parse_json(input.as_bytes()).unwrap();
                    agree(input.as_bytes(), &canonical, &built);
                    let read: Value = serde_json::from_str(&canonical).unwrap();
                    read.get(key.as_str())
                        .map_or_else(|| "(not a field)".to_owned(), Value::to_string)
                }
                Err(e) => format!("{} at `{}`", e.code().as_str(), e.path()),
            };
            writeln!(table, "{key} <- {} => {outcome}", shown(&value)).unwrap();
        }
    }
    table
}

/// What each body reads as `T`: its canonical JSON or the error.
pub fn answers<T: Wire + Serialize + DeserializeOwned + PartialEq + Debug>(
    bodies: &[&str],
) -> String {
    let mut out = String::new();
    for body in bodies {
        let outcome = match T::canonical_json(body.as_bytes()) {
            Ok(canonical) => {
                agree(
                    body.as_bytes(),
                    &canonical,
                    &T::parse_json(body.as_bytes()).unwrap(),
                );
                canonical
            }
            Err(e) => format!("{} at `{}`", e.code().as_str(), e.path()),
        };
        writeln!(out, "{body} => {outcome}").unwrap();
    }
    out
}

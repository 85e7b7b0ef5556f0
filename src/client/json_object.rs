//! [`JsonObject`]: the text of one JSON object, passed through as given (the PG-specific
//! `extra` of a cancellation). Its own file so the option types (`params`) and their reader
//! (`arguments`) both use it without depending on each other.

use serde::Deserialize;

/// The text of one JSON object, checked to be one (the PG-specific `extra` of a
/// cancellation, sent as given).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonObject(String);

impl JsonObject {
    /// `text` if it is one JSON object (surrounding whitespace dropped).
    ///
    /// ```
    /// use portone_verify::client::JsonObject;
    /// assert!(JsonObject::parse(r#"{"requester":"customer"}"#).is_some());
    /// assert!(JsonObject::parse("[1]").is_none() && JsonObject::parse("{").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<JsonObject> {
        let text = text.trim();
        let mut jiter = jiter::Jiter::new(text.as_bytes());
        let is_object = matches!(jiter.peek(), Ok(jiter::Peek::Object))
            && jiter.next_skip().is_ok()
            && jiter.finish().is_ok();
        is_object.then(|| JsonObject(text.to_owned()))
    }

    /// The object's JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for JsonObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
        JsonObject::parse(raw.get()).ok_or_else(|| {
            serde::de::Error::invalid_type(
                serde::de::Unexpected::Other("not an object"),
                &"an object",
            )
        })
    }
}

//! Object keys resolved against a schema, and the envelope's own keys.

use super::schema::Schema;

/// An object key, resolved against a schema.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key {
    /// The schema index, `None` for a key the schema does not have.
    pub index: Option<usize>,
    /// Which of the envelope's own keys it is, if any.
    pub envelope: Option<EnvelopeKey>,
}

/// The keys of PortOne's `{code, message, response}` envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnvelopeKey {
    Code,
    Message,
    Response,
}

impl EnvelopeKey {
    pub(crate) fn name(self) -> &'static str {
        match self {
            EnvelopeKey::Code => "code",
            EnvelopeKey::Message => "message",
            EnvelopeKey::Response => "response",
        }
    }
}

impl Key {
    pub(crate) fn of(key: &str, schema: &Schema, hint: usize) -> Key {
        let envelope = match key {
            "code" => Some(EnvelopeKey::Code),
            "message" => Some(EnvelopeKey::Message),
            "response" => Some(EnvelopeKey::Response),
            _ => None,
        };
        Key {
            index: schema.find(key, hint),
            envelope,
        }
    }
}

//! `WebhookHeaders`: the three Standard Webhooks headers, looked up as the official SDK does.

/// The message id header.
pub const HEADER_ID: &str = "webhook-id";
/// The send time header (UNIX seconds).
pub const HEADER_TIMESTAMP: &str = "webhook-timestamp";
/// The signature list header (`v1,<base64>` entries separated by spaces).
pub const HEADER_SIGNATURE: &str = "webhook-signature";

/// The `webhook-id`, `webhook-timestamp` and `webhook-signature` values of a request.
///
/// Names match case-insensitively (by Unicode lower case, as the SDK's `toLowerCase()`).
/// As in the SDK, a header given more than once, or with a value that is not a string (only
/// possible from JavaScript), counts as missing; so does an empty value. Other headers are
/// ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebhookHeaders {
    id: Slot,
    timestamp: Slot,
    signature: Slot,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Slot {
    #[default]
    Absent,
    One(String),
    /// Given twice, or not readable as text: the SDK treats it as missing.
    Unusable,
}

impl Slot {
    fn offer(&mut self, value: Option<&str>) {
        *self = match (&*self, value) {
            (Slot::Absent, Some(value)) => Slot::One(value.to_owned()),
            _ => Slot::Unusable,
        };
    }

    fn get(&self) -> Option<&str> {
        match self {
            Slot::One(value) if !value.is_empty() => Some(value),
            _ => None,
        }
    }
}

impl WebhookHeaders {
    /// No headers yet.
    pub fn new() -> Self {
        WebhookHeaders::default()
    }

    /// Collects the three headers from `(name, value)` pairs, e.g. an HTTP library's header
    /// iterator. A name that occurs twice makes that header missing.
    ///
    /// ```
    /// use portone_verify::webhook::WebhookHeaders;
    /// let headers = WebhookHeaders::from_pairs([("Webhook-Id", "msg_1"), ("Host", "shop.example")]);
    /// assert_eq!(headers.id(), Some("msg_1"));
    /// assert_eq!(headers.timestamp(), None);
    /// ```
    pub fn from_pairs<I, K, V>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut headers = WebhookHeaders::new();
        for (name, value) in pairs {
            headers.insert(name.as_ref(), value.as_ref());
        }
        headers
    }

    /// Reads the three headers through a case-insensitive lookup such as `http::HeaderMap`
    /// or a WHATWG `Headers` object (`get(name)` with the lower-case names).
    pub fn from_lookup(mut get: impl FnMut(&str) -> Option<String>) -> Self {
        let mut headers = WebhookHeaders::new();
        for name in [HEADER_ID, HEADER_TIMESTAMP, HEADER_SIGNATURE] {
            if let (Some(slot), Some(value)) = (headers.slot(name), get(name)) {
                slot.offer(Some(&value));
            }
        }
        headers
    }

    /// Adds one header; names other than the three are ignored.
    pub fn insert(&mut self, name: &str, value: &str) {
        if let Some(slot) = self.slot(name) {
            slot.offer(Some(value));
        }
    }

    /// Records that header `name` is present with a value that is not text (possible in
    /// bindings such as JavaScript, where a header object can hold anything): the SDK then
    /// treats the header as missing, and so does this type.
    pub fn insert_unreadable(&mut self, name: &str) {
        if let Some(slot) = self.slot(name) {
            slot.offer(None);
        }
    }

    /// `webhook-id`, if given exactly once and non-empty.
    pub fn id(&self) -> Option<&str> {
        self.id.get()
    }

    /// `webhook-timestamp`, if given exactly once and non-empty.
    pub fn timestamp(&self) -> Option<&str> {
        self.timestamp.get()
    }

    /// `webhook-signature`, if given exactly once and non-empty.
    pub fn signature(&self) -> Option<&str> {
        self.signature.get()
    }

    fn slot(&mut self, name: &str) -> Option<&mut Slot> {
        if lower_case_is(name, HEADER_ID) {
            Some(&mut self.id)
        } else if lower_case_is(name, HEADER_TIMESTAMP) {
            Some(&mut self.timestamp)
        } else if lower_case_is(name, HEADER_SIGNATURE) {
            Some(&mut self.signature)
        } else {
            None
        }
    }
}

/// Whether JavaScript's `name.toLowerCase()` is `lower` (ASCII lower case), without
/// allocating: of all non-ASCII characters only the Kelvin sign lower-cases to ASCII without
/// anything else ("k"; the others give non-ASCII text, which matches no name either way). Full
/// Unicode lower casing would link its tables (~10 KB in the edge wasm) for this one character.
fn lower_case_is(name: &str, lower: &str) -> bool {
    if name.is_ascii() {
        return name.eq_ignore_ascii_case(lower);
    }
    let mut expected = lower.bytes();
    name.chars().all(|c| {
        let c = match c {
            '\u{212A}' => 'k',
            c => c.to_ascii_lowercase(),
        };
        expected.next().is_some_and(|b| c == char::from(b))
    }) && expected.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_and_unreadable_values_count_as_missing() {
        let headers = WebhookHeaders::from_pairs([
            ("webhook-id", "a"),
            ("Webhook-ID", "b"),
            ("WEBHOOK-TIMESTAMP", "1"),
            ("webhook-signature", ""),
        ]);
        assert_eq!(
            (headers.id(), headers.timestamp(), headers.signature()),
            (None, Some("1"), None)
        );
        let mut headers = WebhookHeaders::from_pairs([("webhook-id", "a")]);
        headers.insert_unreadable("Webhook-Id");
        assert_eq!(headers.id(), None);
    }

    #[test]
    fn matches_names_by_unicode_lower_case() {
        let headers = WebhookHeaders::from_pairs([("WEBHOO\u{212A}-ID", "a")]);
        assert_eq!(headers.id(), Some("a"));
    }

    #[test]
    fn reads_through_a_lookup() {
        let headers =
            WebhookHeaders::from_lookup(|name| (name != HEADER_ID).then(|| name.to_owned()));
        assert_eq!(headers.id(), None);
        assert_eq!(headers.signature(), Some(HEADER_SIGNATURE));
    }
}

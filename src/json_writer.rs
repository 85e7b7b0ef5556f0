//! A small JSON text writer for the objects this crate hands out (request bodies, results for
//! JavaScript), so the wasm builds carry no serde serializer and no float formatting.
//! Numbers are written only from text that already is a JSON number (an exact [`Amount`],
//! an integer).
//!
//! [`Amount`]: crate::Amount

use std::fmt::Write;

/// Appends `text` as a JSON string literal, escaped as `serde_json` escapes it (`\"`, `\\`,
/// the short escapes and `\u00XX` for other control characters; everything else as is).
pub(crate) fn push_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(text.get(plain..at).unwrap_or_default());
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        plain = at + 1;
    }
    out.push_str(text.get(plain..).unwrap_or_default());
    out.push('"');
}

/// A JSON object written member by member, in call order: the wire declarations' canonical
/// JSON ([`ObjectWriter::value`]) and the client's request bodies (the other members).
#[derive(Debug)]
pub(crate) struct ObjectWriter {
    out: String,
}

impl ObjectWriter {
    pub(crate) fn new() -> Self {
        ObjectWriter {
            out: String::from("{"),
        }
    }

    fn key(&mut self, key: &str) -> &mut String {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        push_string(&mut self.out, key);
        self.out.push(':');
        &mut self.out
    }

    #[cfg(feature = "client")]
    /// `"key":"text"`.
    pub(crate) fn string(&mut self, key: &str, text: &str) -> &mut Self {
        push_string(self.key(key), text);
        self
    }

    #[cfg(feature = "client")]
    /// `"key":"text"`, or `"key":null` for `None` (serde's `Option`).
    pub(crate) fn string_or_null(&mut self, key: &str, text: Option<&str>) -> &mut Self {
        match text {
            Some(text) => self.string(key, text),
            None => self.raw(key, "null"),
        }
    }

    #[cfg(feature = "client")]
    /// `"key":"text"` only when there is a text (serde's `skip_serializing_if = "Option::is_none"`).
    pub(crate) fn string_if_some(&mut self, key: &str, text: Option<&str>) -> &mut Self {
        if let Some(text) = text {
            self.string(key, text);
        }
        self
    }

    #[cfg(feature = "client")]
    /// `"key":true` / `"key":false`.
    pub(crate) fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.raw(key, if value { "true" } else { "false" })
    }

    #[cfg(feature = "client")]
    /// `"key":…` with `json`, which must be one JSON value (a number's text, an object the
    /// reader checked, …).
    pub(crate) fn raw(&mut self, key: &str, json: &str) -> &mut Self {
        self.key(key).push_str(json);
        self
    }

    /// `"key":…` with the JSON `write` puts out (one JSON value).
    pub(crate) fn value(&mut self, key: &str, write: impl FnOnce(&mut String)) -> &mut Self {
        write(self.key(key));
        self
    }

    /// The object's text.
    pub(crate) fn finish(&mut self) -> String {
        let mut out = std::mem::take(&mut self.out);
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for text in [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "line\nreturn\rtab\tbell\u{7}back\u{8}feed\u{c}nul\u{0}unit\u{1f}del\u{7f}",
            "한글 결제 💳 \u{2028}\u{2029}",
        ] {
            let mut ours = String::new();
            push_string(&mut ours, text);
            assert_eq!(ours, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[cfg(feature = "client")]
    #[test]
    fn objects_are_written_in_call_order() {
        let json = ObjectWriter::new()
            .string("a", "x\"")
            .string_or_null("b", None)
            .string_if_some("skipped", None)
            .string_if_some("c", Some("y"))
            .bool("d", false)
            .raw("e", "10.5")
            .finish();
        assert_eq!(json, r#"{"a":"x\"","b":null,"c":"y","d":false,"e":10.5}"#);
        assert_eq!(ObjectWriter::new().finish(), "{}");
    }
}

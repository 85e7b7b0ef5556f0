//! The verify fast path, for the speed-optimised build.
//!
//! One forward pass of [`Scan`] over the text finds each value's raw text (no copy, no
//! tokenizer objects), trying the next documented key first. The values are judged by the same [`scalar`] rules as the jiter reader, and
//! lists and nested objects other than `[]` and `null` by the jiter reader itself, as are
//! strings with escapes. Anything this pass cannot settle (an error of any kind, an API error,
//! an escaped key, a duplicate key) returns `None`, and the jiter reader reads the document
//! again and says exactly what is wrong. So it only ever agrees with
//! [`super::read_payment`], faster (checked by the property tests below).

use std::borrow::Cow;
use std::sync::OnceLock;

mod scan;
mod words;

use scan::Scan;
use words::Key;

use super::captures::{Capture, Captured, Captures};
use super::envelope::{classify, code_of, Document};
use super::path::Path;
use super::reader::check_value;
use super::scalar::{scalar, Shape};
use super::schema::{Field, Kind, Schema};
use crate::amount::Amount;

/// Calls `then` with the kept values of a payment document, or returns `None` to hand it to
/// the jiter reader. (The values are lent rather than returned: moving them out cost more
/// than a tenth of the instructions of reading the document.)
pub(crate) fn read_payment_fast<R>(
    input: &[u8],
    schema: &'static FastSchema,
    then: impl FnOnce(&Captures<'_>) -> R,
) -> Option<R> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let mut scan = Scan::new(input);
    // The top-level fields as a bare payment and `response` as an enveloped one, read in
    // place; which of the two the document is, is decided at the end.
    let mut bare = Payment::new(schema);
    let mut enveloped = Payment::new(schema);
    let payment = match document(&mut scan, &mut bare, &mut enveloped)? {
        Which::Bare => bare,
        Which::Enveloped => enveloped,
    };
    let captures = payment.complete()?;
    scan.at_end().then(|| then(captures))
}

/// A payment schema with its keys as written, for [`Scan::key_is`] (made on first use).
pub(crate) struct FastSchema {
    schema: &'static Schema,
    keys: OnceLock<Vec<Key>>,
}

impl FastSchema {
    pub(crate) const fn new(schema: &'static Schema) -> Self {
        FastSchema {
            schema,
            keys: OnceLock::new(),
        }
    }

    fn keys(&self) -> &[Key] {
        self.keys.get_or_init(|| {
            self.schema
                .fields
                .iter()
                .map(|f| Key::new(f.name))
                .collect()
        })
    }
}

/// One payment object being read: which fields were seen and the values kept.
struct Payment<'j> {
    fast: &'static FastSchema,
    schema: &'static Schema,
    seen: u64,
    hint: usize,
    captures: Captures<'j>,
}

impl<'j> Payment<'j> {
    fn new(fast: &'static FastSchema) -> Self {
        Payment {
            fast,
            schema: fast.schema,
            seen: 0,
            hint: 0,
            captures: Captures::default(),
        }
    }

    /// Reads the members of the payment object that is next.
    fn read(&mut self, scan: &mut Scan<'j>) -> Option<()> {
        let keys = self.fast.keys();
        scan.members(|scan| {
            // Senders write the fields in the documented order: the next one is tried first.
            let index = if keys.get(self.hint).is_some_and(|key| scan.key_is(key)) {
                Some(self.hint)
            } else {
                let key = scan.key()?;
                scan.expect(b':')?;
                self.schema.find(key, self.hint)
            };
            self.field(index, scan)
        })
    }

    /// Reads the value of the field at `index` (`None`: an unknown key); any problem is
    /// `None` (and so a fallback).
    #[inline(always)]
    fn field(&mut self, index: Option<usize>, scan: &mut Scan<'j>) -> Option<()> {
        let (raw, escaped) = scan.token()?;
        let Some(index) = index else {
            return Some(()); // an unknown field: any valid JSON
        };
        let field = self.schema.fields.get(index)?;
        let bit = 1u64 << (index % 64);
        if self.seen & bit != 0 {
            return None; // a duplicate: the reader says what it makes of it
        }
        self.seen |= bit;
        self.hint = index + 1;
        judge(field, raw, escaped, &mut self.captures)
    }

    /// The kept values when every required field was there.
    fn complete(&self) -> Option<&Captures<'j>> {
        let required = self.schema.required;
        (self.seen & required == required).then_some(&self.captures)
    }
}

/// Checks one known field's value by the reader's rules, keeping it when asked. `raw` is a
/// whole JSON value, checked as such and as UTF-8 by [`Scan::value`].
#[inline(always)]
fn judge<'j>(
    field: &Field,
    raw: &'j [u8],
    escaped: bool,
    captures: &mut Captures<'j>,
) -> Option<()> {
    let first = *raw.first()?;
    match (field.kind, first) {
        // A kept text without escapes is the characters between the quotes.
        (Kind::Text, b'"') if !escaped => {
            if let Some(capture) = field.capture {
                let inner = raw.get(1..raw.len() - 1)?;
                let text = std::str::from_utf8(inner).ok()?;
                captures.keep(capture, Captured::Text(Cow::Borrowed(text)));
            }
            Some(())
        }
        // An identifier without escapes that is not blank (anything else goes to the reader).
        (Kind::Id, b'"') if !escaped => {
            let inner = std::str::from_utf8(raw.get(1..raw.len() - 1)?).ok()?;
            if inner.trim().is_empty() {
                return None;
            }
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Text(Cow::Borrowed(inner)));
            }
            Some(())
        }
        // The common cases, settled on the bytes: any string, number or boolean is a text
        // (a code is read as one); a plain integer of up to 18 digits fits an `i64`; an empty
        // list or `null` is empty; any value is an `Any`.
        (Kind::Text | Kind::Code, b'"' | b'-' | b'0'..=b'9' | b't' | b'f')
            if field.capture.is_none() =>
        {
            Some(())
        }
        (Kind::Int, b'0'..=b'9') if raw.len() <= 18 && raw.iter().all(u8::is_ascii_digit) => {
            if let Some(capture) = field.capture {
                let int = std::str::from_utf8(raw).ok()?.parse().ok()?;
                captures.keep(capture, Captured::Int(int));
            }
            Some(())
        }
        (Kind::Flag, b't' | b'f') => {
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Flag(first == b't'));
            }
            Some(())
        }
        // Two bytes of valid JSON starting with `[` are `[]`.
        (Kind::Texts | Kind::List(_), b'[') if raw.len() == 2 => Some(()),
        (
            Kind::Text | Kind::Id | Kind::Code | Kind::Texts | Kind::List(_) | Kind::Object(_),
            b'n',
        ) if !field.required => Some(()),
        (Kind::Int | Kind::Any, b'n') | (Kind::Any, _) => Some(()),
        // A number amount, as the reader reads it.
        (Kind::Amount, b'-' | b'0'..=b'9') => {
            let amount = Amount::parse(std::str::from_utf8(raw).ok()?)?;
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Amount(amount));
            }
            Some(())
        }
        _ => judge_text(field, std::str::from_utf8(raw).ok()?, captures),
    }
}

/// The other cases, by the reader's own rules on the value's text.
#[inline(never)]
fn judge_text<'j>(field: &Field, raw: &'j str, captures: &mut Captures<'j>) -> Option<()> {
    match (field.kind, Shape::of(raw)) {
        // A kept text without escapes is the characters between the quotes.
        (Kind::Text, Shape::Str(inner)) if !inner.contains('\\') => {
            if let Some(capture) = field.capture {
                captures.keep(capture, Captured::Text(Cow::Borrowed(inner)));
            }
            Some(())
        }
        (Kind::Texts | Kind::List(_) | Kind::Object(_), _) => check_value(field, raw).ok(),
        _ => {
            let kept = scalar(field, raw, &Path::Root(""), None, field.capture.is_some()).ok()?;
            if let (Some(capture), Some(kept)) = (field.capture, kept) {
                captures.keep(capture, kept);
            }
            Some(())
        }
    }
}

/// Which of the two payments read a document is.
enum Which {
    Bare,
    Enveloped,
}

/// The whole document: a bare payment (its fields read into `bare`) or an envelope around
/// one (read into `enveloped`); `None` for anything the jiter reader must judge.
fn document<'j>(
    scan: &mut Scan<'j>,
    bare: &mut Payment<'j>,
    enveloped: &mut Payment<'j>,
) -> Option<Which> {
    let mut code: Option<Option<i64>> = None;
    let mut message = false;
    // Whether `response` was there and held an object.
    let mut response: Option<bool> = None;
    scan.members(|scan| {
        let key = scan.key()?;
        scan.expect(b':')?;
        match key {
            b"code" if code.is_none() => {
                let raw = scan.value()?;
                code = Some(if let [b'0'] = raw {
                    Some(0)
                } else {
                    code_of(std::str::from_utf8(raw).ok()?)?
                });
                Some(())
            }
            b"message" if !message => {
                message = true;
                let raw = scan.value()?;
                (!matches!(raw.first(), Some(b'[' | b'{'))).then_some(())
            }
            b"response" if response.is_none() => {
                scan.space();
                let object = scan.peek()? != b'n';
                if object {
                    enveloped.read(scan)?;
                } else {
                    scan.literal(b"null")?;
                }
                response = Some(object);
                Some(())
            }
            b"code" | b"message" | b"response" => None,
            other => {
                let index = bare.schema.find(other, bare.hint);
                bare.field(index, scan)
            }
        }
    })?;
    let has_imp_uid = bare.captures.text(Capture::ImpUid).is_some();
    match classify(has_imp_uid, code.flatten(), response == Some(true)) {
        Document::Bare => Some(Which::Bare),
        Document::Enveloped => Some(Which::Enveloped),
        Document::Failed => None, // the jiter reader reports it
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

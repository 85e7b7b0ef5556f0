//! The verify fast path, for the speed-optimised build.
//!
//! One forward pass of [`Scan`] over the text finds each value's raw text (no copy, no
//! tokenizer objects), trying the next documented key first. Scalar values are judged by the
//! same rules as the jiter reader (`judge.rs`); nested objects, lists of objects and unions
//! are walked by the same pass with their own schemas (`object.rs`); values of unknown keys
//! and strings with escapes are checked by jiter itself. Anything this pass cannot settle (an
//! error of any kind, an API error, an escaped key, a duplicate key) returns `None`, and the
//! jiter reader reads the document again and says exactly what is wrong. So it only ever
//! agrees with [`super::read_payment`] (V1, bare or enveloped: [`read_payment_fast`]) and
//! [`super::read_bare`] (a V2 payment: [`read_object_fast`]), faster (checked by the
//! property tests in `tests.rs` and the differential fuzz targets).

use std::sync::OnceLock;

mod judge;
mod object;
mod scan;
mod text;
mod words;

pub(crate) use object::read_object_fast;
use object::Fields;
use scan::Scan;
use words::Key;

use super::captures::{Capture, Captures};
use super::envelope::{classify, code_of, Document};
use super::schema::Schema;

/// Calls `then` with the kept values of a payment document, or returns `None` to hand it to
/// the jiter reader. (The values are lent rather than returned: moving them out cost more
/// than a tenth of the instructions of reading the document.)
pub(crate) fn read_payment_fast<R>(
    input: &[u8],
    schema: &'static FastSchema,
    then: impl FnOnce(&Captures<'_>) -> R,
) -> Option<R> {
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

    fn keys(&'static self) -> &'static [Key] {
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
    fields: Fields,
    captures: Captures<'j>,
}

impl<'j> Payment<'j> {
    fn new(fast: &'static FastSchema) -> Self {
        Payment {
            fields: Fields::new(fast.schema, fast.keys()),
            captures: Captures::default(),
        }
    }

    /// Reads the members of the payment object that is next.
    fn read(&mut self, scan: &mut Scan<'j>) -> Option<()> {
        scan.members(|scan| self.fields.member(scan, &mut self.captures))
    }

    /// Reads the value of the field at `index` (`None`: an unknown key).
    fn field(&mut self, index: Option<usize>, scan: &mut Scan<'j>) -> Option<()> {
        self.fields.field(index, scan, &mut self.captures)
    }

    /// The kept values when every required field was there.
    fn complete(&self) -> Option<&Captures<'j>> {
        self.fields.complete().map(|()| &self.captures)
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
                let index = bare.fields.find(other);
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
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests_v2;

//! Objects of any schema read by the fast path: nested objects, lists of objects and unions
//! are walked by the same forward [`Scan`] as the top level (not handed to jiter as a
//! whole), each object's fields checked against its own schema and the kept values written
//! to the one [`Captures`] of the document, as the reader merges them.

use super::judge::judge;
use super::scan::Scan;
use super::words::Key;
use crate::read::captures::Captures;
use crate::read::schema::{Kind, Schema, TEXT_ITEM};

/// Reads a whole document that is one object of `schema` (a V2 payment: a union on
/// `status`) and calls `then` with its kept values, or returns `None` to hand it to the
/// jiter reader (which then says exactly what is wrong, if anything is).
pub(crate) fn read_object_fast<R>(
    input: &[u8],
    schema: &'static Schema,
    then: impl FnOnce(&Captures<'_>) -> R,
) -> Option<R> {
    let mut scan = Scan::new(input);
    let mut captures = Captures::default();
    object(&mut scan, schema, &mut captures)?;
    scan.at_end().then(|| then(&captures))
}

/// Which fields of one object were seen, and where the next one is likely to be.
pub(super) struct Fields {
    schema: &'static Schema,
    /// The schema's keys as written, for [`Scan::key_is`]; empty: keys are looked up only.
    keys: &'static [Key],
    seen: u64,
    hint: usize,
}

impl Fields {
    pub(super) fn new(schema: &'static Schema, keys: &'static [Key]) -> Self {
        Fields {
            schema,
            keys,
            seen: 0,
            hint: 0,
        }
    }

    /// The index of `key` in the schema, the next documented field tried first.
    pub(super) fn find(&self, key: &[u8]) -> Option<usize> {
        self.schema.find(key, self.hint)
    }

    /// Reads one member: its key (the next documented one tried first) and its value.
    #[inline(always)]
    pub(super) fn member<'j>(
        &mut self,
        scan: &mut Scan<'j>,
        captures: &mut Captures<'j>,
    ) -> Option<()> {
        let next = match (self.keys.get(self.hint), self.schema.fields.get(self.hint)) {
            (Some(key), _) => scan.key_is(key),
            (None, Some(field)) if self.keys.is_empty() => scan.name_is(field.name),
            _ => false,
        };
        let index = if next {
            Some(self.hint)
        } else {
            let key = scan.key()?;
            scan.expect(b':')?;
            self.schema.find(key, self.hint)
        };
        self.field(index, scan, captures)
    }

    /// Reads the value of the field at `index` (`None`: an unknown key, any valid JSON).
    /// A duplicate field, like any other problem, is `None`: the reader says what it is.
    #[inline(always)]
    pub(super) fn field<'j>(
        &mut self,
        index: Option<usize>,
        scan: &mut Scan<'j>,
        captures: &mut Captures<'j>,
    ) -> Option<()> {
        let Some(index) = index else {
            return scan.token().map(|_| ());
        };
        let field = self.schema.fields.get(index)?;
        let bit = 1u64 << (index % 64);
        if self.seen & bit != 0 {
            return None;
        }
        self.seen |= bit;
        self.hint = index + 1;
        if nested_next(field.kind, scan) {
            return nested(field.kind, scan, captures);
        }
        let (raw, escaped) = scan.token()?;
        judge(field, raw, escaped, captures)
    }

    /// Whether every required field was there.
    pub(super) fn complete(&self) -> Option<()> {
        let required = self.schema.required;
        (self.seen & required == required).then_some(())
    }
}

/// Whether the value next is one [`nested`] reads for a field of `kind`: an object for an
/// object, a list other than `[]` for a list (`[]` is a token).
#[inline(always)]
fn nested_next(kind: Kind, scan: &mut Scan<'_>) -> bool {
    scan.space();
    match (kind, scan.peek()) {
        (Kind::Object(_), Some(b'{')) => true,
        #[cfg(feature = "webhook")]
        (Kind::Record(_), Some(b'{')) => true,
        (Kind::List(_) | Kind::Texts, Some(b'[')) => !scan.empty_list_next(),
        _ => false,
    }
}

/// Reads a nested object, or a list of objects or texts that is not `[]`, of a field of
/// `kind` ([`nested_next`] said it is next). Out of line: it is where the reading
/// recurses, and the flat fields of a payment stay in one loop without it.
#[inline(never)]
fn nested<'j>(kind: Kind, scan: &mut Scan<'j>, captures: &mut Captures<'j>) -> Option<()> {
    match kind {
        Kind::Object(schema) => object(scan, schema, captures),
        #[cfg(feature = "webhook")]
        Kind::Record(schema) => object(scan, schema, captures),
        // List items keep nothing (as the reader's lists).
        Kind::List(schema) => {
            let mut ignored = Captures::default();
            scan.elements(|scan| {
                scan.space();
                (scan.peek()? == b'{').then_some(())?;
                object(scan, schema, &mut ignored)
            })
        }
        Kind::Texts => {
            let mut ignored = Captures::default();
            scan.elements(|scan| {
                let (raw, escaped) = scan.token()?;
                judge(&TEXT_ITEM, raw, escaped, &mut ignored)
            })
        }
        _ => None,
    }
}

/// Reads the object next in `scan` with `schema`, or with the variant its tag names when
/// `schema` is a union, keeping its values (and its nested objects') in `captures`.
fn object<'j>(
    scan: &mut Scan<'j>,
    schema: &'static Schema,
    captures: &mut Captures<'j>,
) -> Option<()> {
    let schema = match &schema.union {
        Some(union) => union.variant(tag(scan.clone(), union.tag)?),
        None => schema,
    };
    let mut fields = Fields::new(schema, &[]);
    scan.members(|scan| fields.member(scan, captures))?;
    fields.complete()
}

/// The text of the member `tag` of the object next in `scan` (its first occurrence, as the
/// reader's `tag_of` finds it), read on a copy of the cursor: `Some(None)` when there is none
/// or it is not a string (the union's variant for other objects); `None` when it is escaped
/// or the object cannot be read so far (left to the reader).
fn tag<'j>(mut scan: Scan<'j>, tag: &str) -> Option<Option<&'j str>> {
    let mut found = None;
    let walked = scan.members(|scan| {
        let key = scan.key()?;
        scan.expect(b':')?;
        if key != tag.as_bytes() {
            return scan.token().map(|_| ());
        }
        scan.space();
        if scan.peek()? != b'"' {
            found = Some(None);
            return None; // found: stop walking
        }
        let (raw, escaped) = scan.string()?;
        if !escaped {
            let text = raw.get(1..raw.len() - 1)?;
            found = Some(Some(std::str::from_utf8(text).ok()?));
        }
        None
    });
    match (walked, found) {
        (_, Some(tag)) => Some(tag),
        (Some(()), None) => Some(None),
        (None, None) => None,
    }
}

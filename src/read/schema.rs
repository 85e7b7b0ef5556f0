//! How a wire object is read: its fields, in the order they are written out, each with its
//! [`Kind`] (which tolerant rule reads it) and the [`Capture`] slot its value is kept in.
//! The schemas themselves come from the type declarations (`crate::types`, the `wire!`
//! macro): this file only defines what a schema is.

use super::captures::{Capture, Captures};
use super::path::Path;
use crate::error::ParseError;
/// How a field's value is read and written out.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kind {
    /// Text: a string, or a number or boolean kept as written. Written as a JSON string.
    Text,
    /// An identifier PortOne's schema types as a string (`imp_uid`, `merchant_uid`, V2's
    /// `id`): a JSON string that is not blank, nothing else. Verification compares ids, so a
    /// number or a boolean where an id belongs is refused rather than read as text.
    Id,
    /// An open numeric code (`card_type`): read as [`Kind::Text`], written as a JSON integer
    /// when the text is one.
    Code,
    /// An integer, or a string holding one; a blank string counts as absent.
    Int,
    /// A boolean, or the string `"true"`/`"false"` in any case.
    Flag,
    /// An exact decimal amount (a number, or a string holding one).
    Amount,
    /// Any JSON value, written as received (`custom_data`).
    Any,
    /// A list of texts; `null` means empty.
    Texts,
    /// A list of objects; `null` means empty.
    List(&'static Schema),
    /// A nested object, or `null`.
    Object(&'static Schema),
    /// A nested object that is never `null`: absent, it is written as the object with every
    /// field absent (serde's `#[serde(default)]` on a struct field, `WebhookV2::data`). Its
    /// schema has no required fields, so that object is always valid.
    #[cfg(feature = "webhook")]
    Record(&'static Schema),
}

/// One field of a wire object.
#[derive(Debug)]
pub(crate) struct Field {
    /// The JSON key.
    pub name: &'static str,
    pub kind: Kind,
    /// Absent is `MISSING_FIELD`, `null` is `INVALID_FIELD`.
    pub required: bool,
    /// Read and checked but not written out (`RequestPayResponse`'s reported flags).
    pub hidden: bool,
    /// Where the value is kept for the caller (see [`Capture`]), if it is.
    pub capture: Option<Capture>,
}

/// The fields of one wire object, in the order they are written out.
#[derive(Debug)]
pub(crate) struct Schema {
    pub fields: &'static [Field],
    /// For a union (V2's `Payment` on `status`): how its variants are told apart. Its own
    /// `fields` are then empty; the variant's schema reads the object.
    pub union: Option<Union>,
    /// Bit `i` set when field `i` is required (fields past the 64th are never required).
    pub required: u64,
    /// Open-addressing hash table of field indices by name, built at compile time.
    by_name: [u8; TABLE],
}

impl Schema {
    /// The schema of `fields` (at most 64, checked at compile time).
    // Evaluated at compile time (every schema is a constant); the table index is reduced
    // modulo its size, so it is always in range.
    #[allow(clippy::indexing_slicing)]
    pub(crate) const fn new(fields: &'static [Field]) -> Schema {
        assert!(fields.len() <= 64, "a schema's seen-set is a u64");
        let mut required = 0u64;
        let mut by_name = [EMPTY; TABLE];
        let mut index = 0u8;
        let mut rest = fields;
        while let [field, tail @ ..] = rest {
            if field.required {
                required |= 1u64 << index;
            }
            let mut slot = hash(field.name.as_bytes());
            while by_name[slot] != EMPTY {
                slot = (slot + 1) % TABLE;
            }
            by_name[slot] = index;
            index += 1;
            rest = tail;
        }
        Schema {
            fields,
            union: None,
            required,
            by_name,
        }
    }

    /// The schema of a union: an object read by the schema of the variant its `tag` names.
    pub(crate) const fn union(union: Union) -> Schema {
        let mut schema = Schema::new(&[]);
        schema.union = Some(union);
        schema
    }

    fn name(&self, index: u8) -> &'static str {
        self.fields.get(usize::from(index)).map_or("", |f| f.name)
    }

    /// The index of `key`, trying `hint` (the field after the previous one) first, then the
    /// hash table: one comparison whatever order the keys come in (a linear scan cost 54 per
    /// key when a sender sorts its keys, a binary search six).
    pub(crate) fn find(&self, key: impl AsRef<[u8]>, hint: usize) -> Option<usize> {
        let key = key.as_ref();
        if self
            .fields
            .get(hint)
            .is_some_and(|f| f.name.as_bytes() == key)
        {
            return Some(hint);
        }
        let mut slot = hash(key);
        for _ in 0..TABLE {
            match self.by_name.get(slot).copied() {
                None | Some(EMPTY) => return None,
                Some(index) if self.name(index).as_bytes() == key => {
                    return Some(usize::from(index))
                }
                Some(_) => slot = (slot + 1) % TABLE,
            }
        }
        None
    }
}

/// How the variants of a union are told apart: the text of one field.
#[derive(Debug)]
pub(crate) struct Union {
    /// The JSON key that names the variant (`status`, `type`).
    pub tag: &'static str,
    /// Each known tag value and its variant's schema.
    pub variants: &'static [(&'static str, &'static Schema)],
    /// The schema of an object whose tag is missing or unknown (PortOne adds variants).
    pub other: &'static Schema,
    /// Reads one such object (`read::read_union`), through this pointer so that a build whose
    /// schemas have no union links no union reading.
    pub read: UnionRead,
}

/// How a [`Union`] is read: the object's text, the union, whether to write canonical text,
/// the path, the output.
pub(crate) type UnionRead =
    for<'j> fn(&'j str, &Union, bool, &Path<'_>, &mut String) -> Result<Captures<'j>, ParseError>;

impl Union {
    /// The schema for an object whose tag is `tag`.
    pub(crate) fn variant(&self, tag: Option<&str>) -> &'static Schema {
        tag.and_then(|tag| self.variants.iter().find(|(name, _)| *name == tag))
            .map_or(self.other, |(_, schema)| schema)
    }
}

/// Hash table size: a power of two, over twice the largest schema (64 fields).
const TABLE: usize = 128;
const EMPTY: u8 = u8::MAX;

/// FNV-1a of the key, reduced to a table slot.
const fn hash(key: &[u8]) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    let mut rest = key;
    while let [byte, tail @ ..] = rest {
        hash = (hash ^ *byte as u32).wrapping_mul(0x0100_0193);
        rest = tail;
    }
    (hash as usize) % TABLE
}

/// An element of a [`Kind::Texts`] list: a text, `null` not allowed.
pub(crate) static TEXT_ITEM: Field = Field {
    name: "",
    kind: Kind::Text,
    required: true,
    hidden: false,
    capture: None,
};

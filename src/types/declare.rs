//! `wire!`: one declaration per PortOne payload.
//!
//! A declaration lists a payload's fields once, each with its Rust type (which is also its
//! reading rule, see [`WireValue`]), its JSON name when that differs from the Rust name, and
//! the [`Capture`] slot a verdict or client keeps it in. From it come:
//!
//! - the Rust struct, with `serde::Serialize` (what the reader's canonical JSON is) and a
//!   `serde::Deserialize` that goes through the tolerant reader, so
//!   `serde_json::from_str::<PaymentAnnotation>(raw_portone_body)` applies PortOne's
//!   tolerance rules and reports field paths;
//! - the TypeScript type (tsify reads the same struct);
//! - the schema the reader and the verify fast path use.
//!
//! ```ignore
//! wire! {
//!     /// One cancellation in `cancel_history`.
//!     #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
//!     pub struct PaymentCancelAnnotation {
//!         /// PG cancellation transaction id.
//!         pg_tid: Option<String>,
//!         /// Amount cancelled by this cancellation.
//!         amount: Amount,
//!     }
//! }
//! ```
//!
//! Field lines are `name: Type`, `name as "jsonName": Type`; the type may be followed by
//! `= Kind` when the field is read by another rule than its type's (`imp_uid: String = Id`:
//! a string only, where a `String` field also takes a number as text), and the line may end
//! with `=> CaptureSlot`. Before the fields, a declaration may have `@lead { name: Type, }` (fields
//! written first whose value the reading function computes, e.g. the callback's normalised
//! `success`) and `@hidden { "json": Kind => Slot, }` (fields read and kept but not part of
//! the type, e.g. the callback's reported flags). `(record)` after the name makes a nested
//! struct that is never `null` (absent, every field is absent); `(request)` makes a body the
//! crate sends, whose canonical JSON leaves absent optional fields out (give those fields
//! `#[serde(skip_serializing_if = "Option::is_none")]` so that serde agrees); `read with path`
//! names the function that reads the type when it is not a bare object of its schema.

use crate::error::ParseError;
use crate::read::{Canonical, Kind, WireValue};

/// A PortOne payload this crate declares, read by the tolerant reader (see the module docs).
/// Sealed: implemented by the crate's declarations only.
///
/// # Example
/// ```
/// use portone_verify::types::{PaymentCancelAnnotation, Wire};
/// let raw = br#"{"amount":"500","cancelled_at":"1648344363","reason":null,"extra":1}"#;
/// let cancel = PaymentCancelAnnotation::parse_json(raw)?;
/// assert_eq!((cancel.amount.as_str(), cancel.cancelled_at), ("500", Some(1648344363)));
/// assert_eq!(
///     cancel.to_canonical_json(),
///     r#"{"pg_tid":null,"amount":500,"cancelled_at":1648344363,"reason":null,"cancellation_id":null,"receipt_url":null}"#
/// );
/// assert_eq!(PaymentCancelAnnotation::canonical_json(raw)?, cancel.to_canonical_json());
/// # Ok::<(), portone_verify::ParseError>(())
/// ```
pub trait Wire: Sized + sealed::Declared {
    /// Parses one JSON object of this type by PortOne's tolerant rules.
    ///
    /// # Errors
    /// `INVALID_JSON`, `INVALID_INPUT` (not an object), `MISSING_FIELD` / `INVALID_FIELD`
    /// with the field path.
    fn parse_json(input: &[u8]) -> Result<Self, ParseError> {
        read(crate::read::utf8(input)?)
    }

    /// The canonical JSON of one JSON object of this type (every field in declaration order,
    /// absent ones as `null` or `[]`, values in their one spelling), without building it:
    /// what the value serialises to.
    ///
    /// # Errors
    /// As [`Wire::parse_json`].
    fn canonical_json(input: &[u8]) -> Result<String, ParseError> {
        Self::read_canonical(crate::read::utf8(input)?)
    }

    /// This value's canonical JSON (what `serde_json::to_string` writes, without serde).
    fn to_canonical_json(&self) -> String {
        crate::read::to_canonical_json(self)
    }
}

// The sealed-trait pattern: `Declared` is public only so that the public `Wire` can name it;
// outside the crate it cannot be named, so its crate-private types never leak.
#[allow(private_interfaces, private_bounds)]
pub(crate) mod sealed {
    use crate::error::ParseError;
    use crate::read::{Schema, WireValue};

    /// What a declaration gives the reader.
    pub trait Declared: Sized + WireValue {
        /// The fields, in order.
        const SCHEMA: &'static Schema;
        /// Reads `input` (one JSON object of this type) into its canonical JSON.
        ///
        /// # Errors
        /// The reader's errors, with paths.
        fn read_canonical(input: &str) -> Result<String, ParseError>;
        /// Builds the value from its canonical JSON.
        ///
        /// # Errors
        /// Only for text the reader did not write.
        fn from_canonical_json(canonical: &str) -> Result<Self, ParseError>;
    }
}

/// Reads `input` (one JSON object) as `T`, by the tolerant rules.
///
/// # Errors
/// `INVALID_JSON`, `INVALID_INPUT` (not an object), `MISSING_FIELD` / `INVALID_FIELD` with the
/// field path.
pub(crate) fn read<T: Wire>(input: &str) -> Result<T, ParseError> {
    T::from_canonical_json(&T::read_canonical(input)?)
}

/// `Deserialize` through the reader: the raw JSON text of the value, then [`read`]. Errors
/// are serde custom errors `"<CODE>: <message> (at `<path>`)"`.
pub(crate) fn deserialize<'de, T: Wire, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let raw = <Box<serde_json::value::RawValue> as serde::Deserialize>::deserialize(deserializer)?;
    read::<T>(raw.get()).map_err(|err| match err.path() {
        "" => serde::de::Error::custom(&err),
        path => serde::de::Error::custom(format_args!("{err} (at `{path}`)")),
    })
}

/// A declared struct's canonical JSON, decoded field by field (used by `wire!`).
pub(crate) fn from_canonical<T>(
    cursor: &mut Canonical<'_>,
    fields: impl FnOnce(&mut Canonical<'_>) -> Option<T>,
) -> Option<T> {
    cursor.begin_object()?;
    let value = fields(cursor)?;
    cursor.end_object()?;
    Some(value)
}

/// One field's value from canonical JSON: its key, then the value by its type.
pub(crate) fn field<V: WireValue>(cursor: &mut Canonical<'_>, name: &str) -> Option<V> {
    cursor.key(name)?;
    V::from_canonical(cursor)
}

/// Writes one member of a `request` declaration's canonical JSON, unless its value is absent
/// (`null`, an empty list): as the official SDK's `JSON.stringify` leaves out `undefined`
/// (PortOne's OpenAPI marks no optional request field nullable).
pub(crate) fn member_if_present<V: WireValue>(
    object: &mut crate::json_writer::ObjectWriter,
    key: &str,
    value: &V,
) {
    let mut text = String::new();
    value.write(&mut text);
    if text != "null" && text != "[]" {
        object.value(key, |out| out.push_str(&text));
    }
}

/// A nested object of a declared type, or `null`.
impl<T: sealed::Declared> WireValue for Option<T> {
    const KIND: Kind = Kind::Object(T::SCHEMA);
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
        if cursor.null()? {
            return Some(None);
        }
        T::from_canonical(cursor).map(Some)
    }
    fn write(&self, out: &mut String) {
        match self {
            Some(value) => value.write(out),
            None => out.push_str("null"),
        }
    }
}

/// A list of objects of a declared type; `null` reads as empty.
impl<T: sealed::Declared> WireValue for Vec<T> {
    const KIND: Kind = Kind::List(T::SCHEMA);
    fn from_canonical(cursor: &mut Canonical<'_>) -> Option<Self> {
        cursor.list(T::from_canonical)
    }
    fn write(&self, out: &mut String) {
        crate::read::write_list(out, self);
    }
}

/// Declares a wire type; see the module docs.
macro_rules! wire {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(<$param:ident>)? $(($flavour:ident))? $(read with $reader:path)? {
            $(@lead { $( $(#[$lmeta:meta])* $lfield:ident : $lty:ty, )* })?
            $(@hidden { $( $hjson:literal : $hkind:ident => $hcapture:ident, )* })?
            $(
                $(#[$fmeta:meta])*
                $field:ident $(as $json:literal)? : $ty:ty $(= $kind:ident)? $(=> $capture:ident)?,
            )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name $(<$param>)? {
            $($( $(#[$lmeta])* pub $lfield: $lty, )*)?
            $(
                $(#[$fmeta])*
                $(#[serde(rename = $json)])?
                pub $field: $ty,
            )*
        }

        #[allow(private_interfaces)]
        impl $(<$param: $crate::types::Wire>)? $crate::types::declare::sealed::Declared
            for $name $(<$param>)?
        {
            const SCHEMA: &'static $crate::read::Schema = &$crate::read::Schema::new(&[
                $($( $crate::read::Field {
                    name: $hjson,
                    kind: $crate::read::Kind::$hkind,
                    required: false,
                    hidden: true,
                    capture: Some($crate::read::Capture::$hcapture),
                }, )*)?
                $( $crate::read::Field {
                    name: $crate::types::declare::wire!(@json $field $($json)?),
                    kind: $crate::types::declare::wire!(@kind_of $ty $(, $kind)?),
                    required: <$ty as $crate::read::WireValue>::REQUIRED,
                    hidden: false,
                    capture: $crate::types::declare::wire!(@capture $($capture)?),
                }, )*
            ]);

            fn read_canonical(input: &str) -> Result<String, $crate::ParseError> {
                $crate::types::declare::wire!(@read input, Self $(, $reader)?)
            }

            fn from_canonical_json(canonical: &str) -> Result<Self, $crate::ParseError> {
                $crate::read::build::<Self>(canonical)
            }
        }

        impl $(<$param: $crate::types::Wire>)? $crate::types::Wire for $name $(<$param>)? {}

        impl<'de $(, $param: $crate::types::Wire)?> ::serde::Deserialize<'de> for $name $(<$param>)? {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::types::declare::deserialize(deserializer)
            }
        }

        impl $(<$param: $crate::types::Wire>)? $crate::read::WireValue for $name $(<$param>)? {
            const KIND: $crate::read::Kind = $crate::types::declare::wire!(
                @kind $($flavour)?,
                <Self as $crate::types::declare::sealed::Declared>::SCHEMA
            );
            const REQUIRED: bool = $crate::types::declare::wire!(@required $($flavour)?);
            fn from_canonical(cursor: &mut $crate::read::Canonical<'_>) -> Option<Self> {
                $crate::types::declare::from_canonical(cursor, |cursor| {
                    let _ = &cursor; // a struct without fields reads none
                    Some(Self {
                        $($( $lfield: $crate::types::declare::field(cursor, stringify!($lfield))?, )*)?
                        $( $field: $crate::types::declare::field(
                            cursor,
                            $crate::types::declare::wire!(@json $field $($json)?),
                        )?, )*
                    })
                })
            }
            fn write(&self, out: &mut String) {
                // A constant: each field's branch is settled at compile time.
                #[allow(dead_code)] // a struct without fields writes none
                const OMIT_ABSENT: bool = $crate::types::declare::wire!(@omit $($flavour)?);
                let mut object = $crate::json_writer::ObjectWriter::new();
                $($( object.value(stringify!($lfield), |out| {
                    $crate::read::WireValue::write(&self.$lfield, out)
                }); )*)?
                $( if OMIT_ABSENT {
                    $crate::types::declare::member_if_present(
                        &mut object,
                        $crate::types::declare::wire!(@json $field $($json)?),
                        &self.$field,
                    );
                } else {
                    object.value($crate::types::declare::wire!(@json $field $($json)?), |out| {
                        $crate::read::WireValue::write(&self.$field, out)
                    });
                } )*
                out.push_str(&object.finish());
            }
        }

    };
    (@json $field:ident) => { stringify!($field) };
    (@json $field:ident $json:literal) => { $json };
    (@kind_of $ty:ty) => { <$ty as $crate::read::WireValue>::KIND };
    (@kind_of $ty:ty, $kind:ident) => { $crate::read::Kind::$kind };
    (@capture) => { None };
    (@capture $capture:ident) => { Some($crate::read::Capture::$capture) };
    (@kind , $schema:expr) => { $crate::read::Kind::Object($schema) };
    (@kind request, $schema:expr) => { $crate::read::Kind::Object($schema) };
    (@kind record, $schema:expr) => { $crate::read::Kind::Record($schema) };
    (@required) => { true };
    (@required request) => { true };
    (@required record) => { false };
    (@omit) => { false };
    (@omit request) => { true };
    (@omit record) => { false };
    (@read $input:ident, $type:ty) => {
        $crate::read::read_bare($input, <$type as $crate::types::declare::sealed::Declared>::SCHEMA, true, "")
            .map(|read| read.json)
    };
    (@read $input:ident, $type:ty, $reader:path) => {
        $reader($input, <$type as $crate::types::declare::sealed::Declared>::SCHEMA)
    };
}

/// Declares a union of wire types told apart by one field (V2's `Payment` on `status`, its
/// `method` on `type`): each known tag value names a declared struct, and `_` the struct an
/// unknown or missing tag is read as (PortOne adds variants; they are kept, never refused;
/// its doc comment is written by the macro).
/// TypeScript sees the union of the variants (`#[serde(untagged)]`), so it narrows on the tag.
macro_rules! wire_union {
    (
        $(#[$meta:meta])*
        pub enum $name:ident on $tag:literal {
            $( $(#[$vmeta:meta])* $vtag:literal => $variant:ident($vty:ty), )*
            _ => $other:ident($oty:ty),
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant($vty), )*
            #[doc = concat!("Any other `", $tag, "` (PortOne adds them): kept, never refused.")]
            $other($oty),
        }

        #[allow(private_interfaces)]
        impl $crate::types::declare::sealed::Declared for $name {
            const SCHEMA: &'static $crate::read::Schema =
                &$crate::read::Schema::union($crate::read::Union {
                    tag: $tag,
                    variants: &[$(
                        ($vtag, <$vty as $crate::types::declare::sealed::Declared>::SCHEMA),
                    )*],
                    other: <$oty as $crate::types::declare::sealed::Declared>::SCHEMA,
                    read: $crate::read::read_union,
                });

            fn read_canonical(input: &str) -> Result<String, $crate::ParseError> {
                $crate::read::read_bare(input, Self::SCHEMA, true, "").map(|read| read.json)
            }

            fn from_canonical_json(canonical: &str) -> Result<Self, $crate::ParseError> {
                $crate::read::build::<Self>(canonical)
            }
        }

        impl $crate::types::Wire for $name {}

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::types::declare::deserialize(deserializer)
            }
        }

        impl $crate::read::WireValue for $name {
            const KIND: $crate::read::Kind = $crate::read::Kind::Object(
                <Self as $crate::types::declare::sealed::Declared>::SCHEMA,
            );
            const REQUIRED: bool = true;
            fn from_canonical(cursor: &mut $crate::read::Canonical<'_>) -> Option<Self> {
                let (tag, mut variant) = cursor.tagged($tag)?;
                match tag.as_deref() {
                    $( Some($vtag) => {
                        <$vty as $crate::read::WireValue>::from_canonical(&mut variant)
                            .map(Self::$variant)
                    } )*
                    _ => <$oty as $crate::read::WireValue>::from_canonical(&mut variant)
                        .map(Self::$other),
                }
            }
            fn write(&self, out: &mut String) {
                match self {
                    $( Self::$variant(value) => $crate::read::WireValue::write(value, out), )*
                    Self::$other(value) => $crate::read::WireValue::write(value, out),
                }
            }
        }
    };
}

pub(crate) use wire;
pub(crate) use wire_union;

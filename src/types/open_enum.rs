//! The `open_enum!` macro: string enums that keep unknown values.
//!
//! PortOne only ever adds values and asks clients not to fail on new ones, so every enum
//! from the wire has its documented variants plus `Other(String)`, serialises back to the
//! exact text it came from, and is typed in TypeScript as the known literals `| (string & {})`
//! (literal completion in editors, any string accepted).

/// Declares an open string enum with serde and a TypeScript type. The `numeric` flavour is
/// for codes PortOne sends as JSON integers (`card_type`): they serialise back as numbers (when
/// the text is an integer in its canonical spelling, so `"+7"` stays a string).
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        numeric $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        open_enum!(@define $(#[$meta])* $name { $( $(#[$vmeta])* $variant = $text, )+ });

        open_enum!(@wire $name, Code);

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match $crate::read::canonical_int(self.as_str()) {
                    Some(number) => s.serialize_i64(number),
                    None => s.serialize_str(self.as_str()),
                }
            }
        }

        const _: () = {
            #[::wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS_TYPE: &'static str = concat!(
                "/** Open enum: the documented codes, or any other code PortOne adds later. */\n",
                "export type ", stringify!($name), " = ",
                $( $text, " | ", )+
                "(number & {}) | (string & {});"
            );
        };
    };
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        open_enum!(@define $(#[$meta])* $name { $( $(#[$vmeta])* $variant = $text, )+ });

        open_enum!(@wire $name, Text);

        /// A list of values (V2's filters); `null` reads as empty.
        impl $crate::read::WireValue for Vec<$name> {
            const KIND: $crate::read::Kind = $crate::read::Kind::Texts;
            fn from_canonical(cursor: &mut $crate::read::Canonical<'_>) -> Option<Self> {
                cursor.list(|cursor| cursor.text().map(|text| $name::from_wire(&text)))
            }
            fn write(&self, out: &mut String) {
                $crate::read::write_list(out, self);
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        const _: () = {
            #[::wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TS_TYPE: &'static str = concat!(
                "/** Open enum: the documented values, or any other string PortOne adds later. */\n",
                "export type ", stringify!($name), " = ",
                $( "\"", $text, "\" | ", )+
                "(string & {});"
            );
        };
    };
    (
        @define
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know, kept exactly as received.
            Other(String),
        }

        impl $name {
            /// Every documented wire value, in declaration order.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// Maps a wire value to its variant; unknown text becomes `Other`.
            pub fn from_wire(text: &str) -> Self {
                match text {
                    $( $text => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }

            /// The wire text of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )+
                    Self::Other(text) => text,
                }
            }

            /// Whether this is a value the crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Other(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

    };
    (@write Text, $self:ident, $out:ident) => {
        $crate::json_writer::push_string($out, $self.as_str())
    };
    (@write Code, $self:ident, $out:ident) => {
        match $crate::read::canonical_int($self.as_str()) {
            Some(number) => $out.push_str(&number.to_string()),
            None => $crate::json_writer::push_string($out, $self.as_str()),
        }
    };
    (@wire $name:ident, $kind:ident) => {
        /// Read by the text rule: a string, or a number or boolean kept as written.
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <Box<::serde_json::value::RawValue> as ::serde::Deserialize>::deserialize(d)?;
                $crate::read::text_value(raw.get())
                    .map(|text| Self::from_wire(&text))
                    .map_err(::serde::de::Error::custom)
            }
        }

        impl $crate::read::WireValue for $name {
            const KIND: $crate::read::Kind = $crate::read::Kind::$kind;
            const REQUIRED: bool = true;
            fn from_canonical(cursor: &mut $crate::read::Canonical<'_>) -> Option<Self> {
                cursor.text().map(|text| Self::from_wire(&text))
            }
            fn write(&self, out: &mut String) {
                open_enum!(@write $kind, self, out)
            }
        }

        impl $crate::read::WireValue for Option<$name> {
            const KIND: $crate::read::Kind = $crate::read::Kind::$kind;
            fn from_canonical(cursor: &mut $crate::read::Canonical<'_>) -> Option<Self> {
                if cursor.null()? {
                    return Some(None);
                }
                cursor.text().map(|text| Some($name::from_wire(&text)))
            }
            fn write(&self, out: &mut String) {
                match self {
                    Some(value) => $crate::read::WireValue::write(value, out),
                    None => out.push_str("null"),
                }
            }
        }
    };
}

pub(crate) use open_enum;

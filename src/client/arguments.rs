//! Reading a caller's option object (the JSON text `JSON.stringify` made of it) into the
//! option types, without serde, so the wasm build carries no serde deserializer for them.
//!
//! The rules are serde's for these types (`deny_unknown_fields`, `#[serde(default)]`): an
//! unknown or repeated key is refused, a missing key or `null` is "not given", and a value of
//! the wrong type is refused. Every error is `INVALID_ARGUMENT` with the field's path
//! (`options.page`, `query.impUids[2]`) and never quotes a value (an option may be a secret).

use jiter::{Jiter, Peek};

use super::error::ClientError;
use super::json_object::JsonObject;
use crate::amount::Amount;
use crate::read::Path;

/// An option type read from a JSON object by [`decode_argument`](super::decode_argument).
pub trait FromArguments: Default {
    /// Takes the value of `key` into `self`; `Ok(false)` for a key the type does not have.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` when the value has the wrong type.
    fn take(&mut self, key: &str, value: Argument<'_>) -> Result<bool, ClientError>;
}

/// A Rust type an option field can have: how its value is read (`null` is "not given").
pub trait ArgumentValue: Sized {
    /// The field's value from the member's JSON.
    ///
    /// # Errors
    /// `INVALID_ARGUMENT` when the value has the wrong type.
    fn read(value: Argument<'_>) -> Result<Self, ClientError>;
}

macro_rules! argument_values {
    ($($type:ty => $read:ident,)*) => {$(
        impl ArgumentValue for $type {
            fn read(value: Argument<'_>) -> Result<Self, ClientError> {
                value.$read()
            }
        }
    )*};
}

argument_values! {
    Option<String> => text,
    Option<bool> => flag,
    Option<i64> => int,
    Option<u32> => count,
    Option<Amount> => amount,
    Vec<String> => texts,
    Option<JsonObject> => object,
}

/// A required text (`apiKey`): missing or `null` reads as empty, which validation refuses
/// with the same path.
impl ArgumentValue for String {
    fn read(value: Argument<'_>) -> Result<Self, ClientError> {
        value.text().map(Option::unwrap_or_default)
    }
}

/// Declares an option type once: each field with its camelCase key and Rust type (which is
/// also its reading rule, see [`ArgumentValue`]). From it come the struct with its
/// TypeScript type (tsify), the [`FromArguments`] reader the wasm build uses, and a
/// `serde::Deserialize` that is that same reader (for Rust callers), so no second list of
/// keys exists.
macro_rules! options {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident as $key:literal : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$fmeta])* #[serde(rename = $key)] pub $field: $ty, )*
        }

        impl $crate::client::FromArguments for $name {
            fn take(
                &mut self,
                key: &str,
                value: $crate::client::Argument<'_>,
            ) -> Result<bool, $crate::client::ClientError> {
                match key {
                    $( $key => self.$field = $crate::client::ArgumentValue::read(value)?, )*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }

        /// The same reader as the JavaScript options (unknown or repeated keys refused).
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <Box<::serde_json::value::RawValue> as ::serde::Deserialize>::deserialize(d)?;
                $crate::client::decode_argument(raw.get().as_bytes(), "options")
                    .map_err(::serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use options;

/// One member's value: its raw JSON text and where it is.
#[derive(Clone, Copy, Debug)]
pub struct Argument<'j> {
    raw: &'j str,
    path: Path<'j>,
}

/// Reads the JSON object `input` into `T`; errors have paths under `prefix`.
pub(crate) fn read_arguments<T: FromArguments>(
    input: &[u8],
    prefix: &str,
) -> Result<T, ClientError> {
    let mut value = T::default();
    read_members(input, prefix, &mut |key, argument| {
        value.take(key, argument)
    })?;
    Ok(value)
}

/// The walk over the members, the same for every option type (one copy in the wasm build,
/// not one per type).
#[inline(never)]
fn read_members(
    input: &[u8],
    prefix: &str,
    take: &mut dyn FnMut(&str, Argument<'_>) -> Result<bool, ClientError>,
) -> Result<(), ClientError> {
    let not_json = || ClientError::invalid_argument(prefix, format!("{prefix} is not JSON"));
    let input = std::str::from_utf8(input).map_err(|_| not_json())?;
    let mut jiter = Jiter::new(input.as_bytes());
    if jiter.peek().map_err(|_| not_json())? != Peek::Object {
        return Err(ClientError::invalid_argument(
            prefix,
            format!("{prefix} must be an object"),
        ));
    }
    let root = Path::Root(prefix);
    let mut seen: Vec<String> = Vec::new();
    let mut key = jiter
        .known_object()
        .map_err(|_| not_json())?
        .map(str::to_owned);
    while let Some(name) = key {
        let path = Path::Key(&root, &name);
        let peek = jiter.peek().map_err(|_| not_json())?;
        let start = jiter.current_index();
        jiter.known_skip(peek).map_err(|_| not_json())?;
        let raw = input.get(start..jiter.current_index()).unwrap_or_default();
        if seen.contains(&name) {
            return Err(invalid(&path, "is given twice"));
        }
        if !take(&name, Argument { raw, path })? {
            return Err(invalid(&path, "is not an option here (check its spelling)"));
        }
        seen.push(name);
        key = jiter.next_key().map_err(|_| not_json())?.map(str::to_owned);
    }
    jiter.finish().map_err(|_| not_json())
}

/// `INVALID_ARGUMENT` at `path`: "`<path>` <what>".
fn invalid(path: &Path<'_>, what: &str) -> ClientError {
    let path = path.render();
    let message = format!("{path} {what}");
    ClientError::invalid_argument(path, message)
}

impl<'j> Argument<'j> {
    fn is_null(&self) -> bool {
        self.raw == "null"
    }

    fn wrong_type(&self, expected: &str) -> ClientError {
        invalid(&self.path, &format!("must be {expected}"))
    }

    /// A string.
    ///
    /// # Errors
    /// When the value is not a string (or `null`).
    pub fn text(self) -> Result<Option<String>, ClientError> {
        if self.is_null() {
            return Ok(None);
        }
        let mut jiter = Jiter::new(self.raw.as_bytes());
        match jiter.peek() {
            Ok(Peek::String) => jiter
                .known_str()
                .map(|text| Some(text.to_owned()))
                .map_err(|_| self.wrong_type("a string")),
            _ => Err(self.wrong_type("a string")),
        }
    }

    /// `true` or `false`.
    ///
    /// # Errors
    /// When the value is not a boolean (or `null`).
    pub fn flag(self) -> Result<Option<bool>, ClientError> {
        match self.raw {
            "null" => Ok(None),
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            _ => Err(self.wrong_type("a boolean")),
        }
    }

    /// A whole number, written as one (`5`, not `5.0`, `5e0` or `"5"`, as serde reads an
    /// `i64`).
    ///
    /// # Errors
    /// When the value is not an integer (or `null`).
    pub fn int(self) -> Result<Option<i64>, ClientError> {
        if self.is_null() {
            return Ok(None);
        }
        self.raw
            .parse::<i64>()
            .map(Some)
            .map_err(|_| self.wrong_type("an integer"))
    }

    /// A whole number from 0 to 2^32 - 1.
    ///
    /// # Errors
    /// When the value is not such an integer (or `null`).
    pub fn count(self) -> Result<Option<u32>, ClientError> {
        match self.int() {
            Ok(Some(int)) => u32::try_from(int)
                .map(Some)
                .map_err(|_| self.wrong_type("a whole number from 0 to 4294967295")),
            Ok(None) => Ok(None),
            Err(_) => Err(self.wrong_type("a whole number from 0 to 4294967295")),
        }
    }

    /// An exact amount: a number, or a string holding one.
    ///
    /// # Errors
    /// When the value is neither (or `null`).
    pub fn amount(self) -> Result<Option<Amount>, ClientError> {
        if self.is_null() {
            return Ok(None);
        }
        Amount::from_json_token(self.raw)
            .map(Some)
            .ok_or_else(|| self.wrong_type("a number or a decimal string"))
    }

    /// A list of strings (`null`: none).
    ///
    /// # Errors
    /// When the value is not a list, or an element is not a string.
    pub fn texts(self) -> Result<Vec<String>, ClientError> {
        if self.is_null() {
            return Ok(Vec::new());
        }
        let mut jiter = Jiter::new(self.raw.as_bytes());
        if !matches!(jiter.peek(), Ok(Peek::Array)) {
            return Err(self.wrong_type("a list of strings"));
        }
        let mut texts = Vec::new();
        let mut next = jiter.known_array().map_err(|_| self.wrong_type("a list"))?;
        while let Some(peek) = next {
            let element = Path::Index(&self.path, texts.len());
            let text = match peek {
                Peek::String => jiter.known_str().ok(),
                _ => None,
            };
            let text = text.ok_or_else(|| invalid(&element, "must be a string"))?;
            texts.push(text.to_owned());
            next = jiter.array_step().map_err(|_| self.wrong_type("a list"))?;
        }
        Ok(texts)
    }

    /// A JSON object, kept as its text.
    ///
    /// # Errors
    /// When the value is not an object (or `null`).
    pub fn object(self) -> Result<Option<JsonObject>, ClientError> {
        if self.is_null() {
            return Ok(None);
        }
        JsonObject::parse(self.raw)
            .map(Some)
            .ok_or_else(|| self.wrong_type("an object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Probe {
        name: Option<String>,
        on: Option<bool>,
        page: Option<u32>,
        from: Option<i64>,
        amount: Option<Amount>,
        ids: Vec<String>,
        extra: Option<JsonObject>,
    }

    impl FromArguments for Probe {
        fn take(&mut self, key: &str, value: Argument<'_>) -> Result<bool, ClientError> {
            match key {
                "name" => self.name = value.text()?,
                "on" => self.on = value.flag()?,
                "page" => self.page = value.count()?,
                "from" => self.from = value.int()?,
                "amount" => self.amount = value.amount()?,
                "ids" => self.ids = value.texts()?,
                "extra" => self.extra = value.object()?,
                _ => return Ok(false),
            }
            Ok(true)
        }
    }

    fn read(json: &str) -> Result<Probe, ClientError> {
        read_arguments(json.as_bytes(), "options")
    }

    fn error_path(json: &str) -> String {
        let err = read(json).unwrap_err();
        assert_eq!(err.code(), super::super::ClientErrorCode::InvalidArgument);
        err.path().unwrap_or_default().to_owned()
    }

    #[test]
    fn reads_every_kind_of_value() {
        let probe = read(
            r#"{"name":"a\"b","on":true,"page":3,"from":-5,"amount":"10.10","ids":["x","y"],
               "extra":{"requester":"customer","n":[1,{}]}}"#,
        )
        .unwrap();
        assert_eq!(probe.name.as_deref(), Some("a\"b"));
        assert_eq!(
            (probe.on, probe.page, probe.from),
            (Some(true), Some(3), Some(-5))
        );
        assert_eq!(probe.amount, Amount::parse("10.1"));
        assert_eq!(probe.ids, ["x", "y"]);
        assert_eq!(
            probe.extra.unwrap().as_str(),
            r#"{"requester":"customer","n":[1,{}]}"#
        );
        assert_eq!(read("{}").unwrap(), Probe::default());
        let nulls = r#"{"name":null,"on":null,"page":null,"amount":null,"ids":null,"extra":null}"#;
        assert_eq!(read(nulls).unwrap(), Probe::default());
        assert_eq!(
            read(r#"{"amount":1004}"#).unwrap().amount,
            Amount::parse("1004")
        );
    }

    #[test]
    fn refuses_wrong_types_unknown_and_repeated_keys_with_their_path() {
        assert_eq!(error_path(r#"{"name":1}"#), "options.name");
        assert_eq!(error_path(r#"{"on":"yes"}"#), "options.on");
        assert_eq!(error_path(r#"{"page":1.5}"#), "options.page");
        assert_eq!(error_path(r#"{"page":-1}"#), "options.page");
        assert_eq!(error_path(r#"{"page":4294967296}"#), "options.page");
        assert_eq!(error_path(r#"{"from":"5"}"#), "options.from");
        assert_eq!(error_path(r#"{"amount":"lots"}"#), "options.amount");
        assert_eq!(error_path(r#"{"ids":"x"}"#), "options.ids");
        assert_eq!(error_path(r#"{"ids":["x",2]}"#), "options.ids[1]");
        assert_eq!(error_path(r#"{"extra":[1]}"#), "options.extra");
        assert_eq!(error_path(r#"{"ammount":1}"#), "options.ammount");
        assert_eq!(error_path(r#"{"page":1,"page":2}"#), "options.page");
        assert_eq!(error_path("[]"), "options");
        assert_eq!(error_path(r#"{"page":1"#), "options");
        assert_eq!(error_path(r#"{} x"#), "options");
    }

    #[test]
    fn messages_never_quote_the_value() {
        let err = read(r#"{"name":{"secret":"s3cr3t"}}"#).unwrap_err();
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
    }
}

//! A caller's V2 request body (the JSON of a JavaScript object) read into its declared type
//! ([`GetPaymentsBody`](crate::types::v2::GetPaymentsBody),
//! [`CancelPaymentBody`](crate::types::v2::CancelPaymentBody),
//! [`PreRegisterPaymentBody`](crate::types::v2::PreRegisterPaymentBody)): by the type's own
//! declaration (its reading rules), after refusing every key the declaration does not have,
//! at any depth (a misspelt `amount` would cancel the whole payment; a misspelt filter would
//! list every payment). No second list of keys: the schema is the declaration's.

use jiter::{Jiter, Peek};

use crate::client::error::ClientError;
use crate::read::{Kind, Path, Schema};
use crate::types::Wire;

/// Reads `input` (one JSON object) as the request body `T`; errors are `INVALID_ARGUMENT` with
/// the field's path under `prefix` and never quote a value.
///
/// # Errors
/// `INVALID_ARGUMENT` for input that is not a JSON object, an unknown key, a missing required
/// field or a value of the wrong type.
///
/// ```
/// use portone_verify::client::v2::read_request_body;
/// use portone_verify::types::v2::CancelPaymentBody;
/// let body: CancelPaymentBody = read_request_body(br#"{"reason":"out of stock","amount":1000}"#, "options")?;
/// assert_eq!(body.amount, Some(1000));
/// let typo = read_request_body::<CancelPaymentBody>(br#"{"reason":"r","amout":1000}"#, "options");
/// assert_eq!(typo.unwrap_err().path(), Some("options.amout"));
/// # Ok::<(), portone_verify::client::ClientError>(())
/// ```
pub fn read_request_body<T: Wire>(input: &[u8], prefix: &str) -> Result<T, ClientError> {
    let not_object = || ClientError::invalid_argument(prefix, format!("{prefix} must be an object"));
    let text = std::str::from_utf8(input).map_err(|_| not_object())?;
    let mut jiter = Jiter::new(text.as_bytes());
    if jiter.peek().ok() != Some(Peek::Object) {
        return Err(not_object());
    }
    known_keys(&mut jiter, T::SCHEMA, &Path::Root(prefix)).map_err(|err| match err {
        Some(err) => err,
        None => not_object(),
    })?;
    T::parse_json(input).map_err(|err| ClientError::from_argument_parse(&err, prefix))
}

/// Walks the object at the cursor: `Err(Some)` for the first unknown key, `Err(None)` for
/// input that is not JSON (the type's reader then says where).
fn known_keys(
    jiter: &mut Jiter<'_>,
    schema: &'static Schema,
    path: &Path<'_>,
) -> Result<(), Option<ClientError>> {
    let mut key = jiter.known_object().map_err(|_| None)?.map(str::to_owned);
    while let Some(name) = key {
        let here = Path::Key(path, &name);
        let Some(field) = schema.fields.iter().find(|f| f.name == name) else {
            let rendered = here.render();
            let message = format!("{rendered} is not an option here (check its spelling)");
            return Err(Some(ClientError::invalid_argument(rendered, message)));
        };
        let peek = jiter.peek().map_err(|_| None)?;
        match (field.kind, peek) {
            (Kind::Object(nested), Peek::Object) => known_keys(jiter, nested, &here)?,
            (Kind::List(nested), Peek::Array) => {
                let mut next = jiter.known_array().map_err(|_| None)?;
                let mut index = 0;
                while let Some(peek) = next {
                    let element = Path::Index(&here, index);
                    match peek {
                        Peek::Object => known_keys(jiter, nested, &element)?,
                        other => jiter.known_skip(other).map_err(|_| None)?,
                    }
                    index += 1;
                    next = jiter.array_step().map_err(|_| None)?;
                }
            }
            (_, other) => jiter.known_skip(other).map_err(|_| None)?,
        }
        key = jiter.next_key().map_err(|_| None)?.map(str::to_owned);
    }
    Ok(())
}

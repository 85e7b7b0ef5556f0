//! One builder per V1 endpoint: validated arguments in, an [`ApiRequest`] out. Paths and
//! parameter names follow the official V1 Swagger.

use super::error::ClientError;
use super::params::{
    BillingKeyPaymentsOptions, CancelPaymentRequest, FindAllPaymentsOptions, FindPaymentOptions,
    GetPaymentOptions, GetPaymentsQuery, PaymentsByStatusOptions,
};
use super::request::{encode_component, ApiRequest};
use crate::amount::Amount;
use crate::json_writer::ObjectWriter;

/// Most ids `GET /payments` takes in one call (`imp_uid[]` and `merchant_uid[]` together).
pub const MAX_PAYMENTS_PER_LOOKUP: usize = 100;
/// Largest `limit` the paged lists accept.
pub const MAX_PAGE_LIMIT: u32 = 1000;

/// `POST /users/getToken` with `{imp_key, imp_secret}`. Idempotent by PortOne's contract:
/// before expiry it returns the same token.
pub fn get_token(api_key: &str, api_secret: &str) -> ApiRequest {
    let body = ObjectWriter::new()
        .string("imp_key", api_key)
        .string("imp_secret", api_secret)
        .finish();
    ApiRequest {
        authenticated: false,
        idempotent: true,
        ..ApiRequest::post("getToken", "/users/getToken".to_owned(), body)
    }
}

/// `GET /payments/{imp_uid}?include_sandbox=`.
///
/// # Errors
/// `INVALID_ARGUMENT` (path `impUid`) for an empty id or `.`/`..`.
pub fn get_payment(imp_uid: &str, options: &GetPaymentOptions) -> Result<ApiRequest, ClientError> {
    let path = format!("/payments/{}", segment(imp_uid, "impUid")?);
    Ok(ApiRequest::get("getPayment", path).param_opt("include_sandbox", options.include_sandbox))
}

/// `GET /payments?imp_uid[]=…&merchant_uid[]=…`.
///
/// # Errors
/// `INVALID_ARGUMENT` when no id or more than [`MAX_PAYMENTS_PER_LOOKUP`] ids are given,
/// or an id is empty (path `query.impUids[2]`).
pub fn get_payments(query: &GetPaymentsQuery) -> Result<ApiRequest, ClientError> {
    let total = query.imp_uids.len() + query.merchant_uids.len();
    if total == 0 {
        return Err(ClientError::invalid_argument(
            "query",
            "give at least one of impUids or merchantUids",
        ));
    }
    if total > MAX_PAYMENTS_PER_LOOKUP {
        return Err(ClientError::invalid_argument(
            "query",
            format!("PortOne looks up at most {MAX_PAYMENTS_PER_LOOKUP} payments at once; {total} were given"),
        ));
    }
    let mut request = ApiRequest::get("getPayments", "/payments".to_owned());
    for (key, name, ids) in [
        ("imp_uid[]", "impUids", &query.imp_uids),
        ("merchant_uid[]", "merchantUids", &query.merchant_uids),
    ] {
        for (i, id) in ids.iter().enumerate() {
            if id.is_empty() {
                return Err(ClientError::invalid_argument(
                    format!("query.{name}[{i}]"),
                    "ids must not be empty",
                ));
            }
            request = request.param(key, id.clone());
        }
    }
    Ok(request)
}

/// `GET /payments/find/{merchant_uid}/{payment_status?}?sorting=`.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `merchantUid`, `status` or `sorting`.
pub fn find_payment(
    merchant_uid: &str,
    options: &FindPaymentOptions,
) -> Result<ApiRequest, ClientError> {
    let mut path = format!("/payments/find/{}", segment(merchant_uid, "merchantUid")?);
    if let Some(status) = &options.status {
        path.push('/');
        path.push_str(&segment(status, "options.status")?);
    }
    let sorting = non_empty(options.sorting.as_deref(), "options.sorting")?;
    Ok(ApiRequest::get("findPayment", path).param_opt("sorting", sorting))
}

/// `GET /payments/findAll/{merchant_uid}/{payment_status?}?page=&limit=&sorting=`.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `merchantUid`, `status` or `sorting`, `page` 0, or a
/// `limit` outside 1..=1000.
pub fn find_all_payments(
    merchant_uid: &str,
    options: &FindAllPaymentsOptions,
) -> Result<ApiRequest, ClientError> {
    let mut path = format!(
        "/payments/findAll/{}",
        segment(merchant_uid, "merchantUid")?
    );
    if let Some(status) = &options.status {
        path.push('/');
        path.push_str(&segment(status, "options.status")?);
    }
    check_page(options.page)?;
    check_limit(options.limit)?;
    let sorting = non_empty(options.sorting.as_deref(), "options.sorting")?;
    Ok(ApiRequest::get("findAllPayments", path)
        .param_opt("page", options.page)
        .param_opt("limit", options.limit)
        .param_opt("sorting", sorting))
}

/// `GET /payments/status/{payment_status}?page=&limit=&from=&to=&sorting=`; `status` is
/// `all`, `ready`, `paid`, `cancelled` or `failed`.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `status` or `sorting`, `page` 0, a `limit` outside
/// 1..=1000, a negative `from`/`to`, or `from > to`.
pub fn get_payments_by_status(
    status: &str,
    options: &PaymentsByStatusOptions,
) -> Result<ApiRequest, ClientError> {
    let path = format!("/payments/status/{}", segment(status, "status")?);
    check_page(options.page)?;
    check_limit(options.limit)?;
    for (name, value) in [("options.from", options.from), ("options.to", options.to)] {
        if value.is_some_and(|v| v < 0) {
            return Err(ClientError::invalid_argument(
                name,
                "a UNIX time in seconds must not be negative",
            ));
        }
    }
    if let (Some(from), Some(to)) = (options.from, options.to) {
        if from > to {
            return Err(ClientError::invalid_argument(
                "options.from",
                "from must not be after to",
            ));
        }
    }
    let sorting = non_empty(options.sorting.as_deref(), "options.sorting")?;
    Ok(ApiRequest::get("getPaymentsByStatus", path)
        .param_opt("page", options.page)
        .param_opt("limit", options.limit)
        .param_opt("from", options.from)
        .param_opt("to", options.to)
        .param_opt("sorting", sorting))
}

/// `GET /subscribe/customers/{customer_uid}/payments?page=`.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `customerUid` or `page` 0.
pub fn get_billing_key_payments(
    customer_uid: &str,
    options: &BillingKeyPaymentsOptions,
) -> Result<ApiRequest, ClientError> {
    let path = format!(
        "/subscribe/customers/{}/payments",
        segment(customer_uid, "customerUid")?
    );
    check_page(options.page)?;
    Ok(ApiRequest::get("getBillingKeyPayments", path).param_opt("page", options.page))
}

/// `GET /payments/{imp_uid}/balance`.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `impUid`.
pub fn get_payment_balance(imp_uid: &str) -> Result<ApiRequest, ClientError> {
    let path = format!("/payments/{}/balance", segment(imp_uid, "impUid")?);
    Ok(ApiRequest::get("getPaymentBalance", path))
}

/// `POST /payments/cancel`. Not idempotent: never retried after it may have reached PortOne.
///
/// # Errors
/// `INVALID_ARGUMENT` when neither `impUid` nor `merchantUid` is given (or one is empty),
/// or an amount is negative.
pub fn cancel_payment(request: &CancelPaymentRequest) -> Result<ApiRequest, ClientError> {
    let imp_uid = non_empty(request.imp_uid.as_deref(), "request.impUid")?;
    let merchant_uid = non_empty(request.merchant_uid.as_deref(), "request.merchantUid")?;
    if imp_uid.is_none() && merchant_uid.is_none() {
        return Err(ClientError::invalid_argument(
            "request",
            "give impUid or merchantUid of the payment to cancel",
        ));
    }
    let mut body = ObjectWriter::new();
    body.string_if_some("imp_uid", imp_uid)
        .string_if_some("merchant_uid", merchant_uid);
    for (key, amount, path) in [
        ("amount", &request.amount, "request.amount"),
        ("tax_free", &request.tax_free, "request.taxFree"),
        ("vat_amount", &request.vat_amount, "request.vatAmount"),
        ("checksum", &request.checksum, "request.checksum"),
    ] {
        if let Some(amount) = amount_json(amount.as_ref(), path)? {
            body.raw(key, amount);
        }
    }
    for (key, text) in [
        ("reason", &request.reason),
        ("refund_holder", &request.refund_holder),
        ("refund_bank", &request.refund_bank),
        ("refund_account", &request.refund_account),
        ("refund_tel", &request.refund_tel),
    ] {
        body.string_if_some(key, text.as_deref());
    }
    for (key, flag) in [
        ("retain_promotion", request.retain_promotion),
        ("enable_webhook", request.enable_webhook),
    ] {
        if let Some(flag) = flag {
            body.bool(key, flag);
        }
    }
    if let Some(extra) = &request.extra {
        body.raw("extra", extra.as_str());
    }
    Ok(ApiRequest::post(
        "cancelPayment",
        "/payments/cancel".to_owned(),
        body.finish(),
    ))
}

/// `POST /payments/prepare` with `{merchant_uid, amount, currency?}`: registers the amount
/// PortOne will require for this order. Not retried.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `merchantUid` or `currency`, or a negative amount.
pub fn prepare_payment(
    merchant_uid: &str,
    amount: &Amount,
    currency: Option<&str>,
) -> Result<ApiRequest, ClientError> {
    if merchant_uid.is_empty() {
        return Err(ClientError::invalid_argument(
            "merchantUid",
            "merchantUid must not be empty",
        ));
    }
    let currency = non_empty(currency, "options.currency")?;
    let Some(amount) = amount_json(Some(amount), "amount")? else {
        return Err(ClientError::invalid_argument(
            "amount",
            "amount is required",
        ));
    };
    let body = ObjectWriter::new()
        .string("merchant_uid", merchant_uid)
        .raw("amount", amount)
        .string_if_some("currency", currency)
        .finish();
    Ok(ApiRequest::post(
        "preparePayment",
        "/payments/prepare".to_owned(),
        body,
    ))
}

/// `GET /payments/prepare/{merchant_uid}`.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `merchantUid`.
pub fn get_prepared_payment(merchant_uid: &str) -> Result<ApiRequest, ClientError> {
    let path = format!(
        "/payments/prepare/{}",
        segment(merchant_uid, "merchantUid")?
    );
    Ok(ApiRequest::get("getPreparedPayment", path))
}

/// A percent-encoded path segment; empty, `.` and `..` are refused (URL parsers resolve dot
/// segments, even encoded ones, which would silently address another resource).
pub(crate) fn segment(value: &str, path: &str) -> Result<String, ClientError> {
    match value {
        "" => Err(ClientError::invalid_argument(
            path,
            format!("{path} must not be empty"),
        )),
        "." | ".." => Err(ClientError::invalid_argument(
            path,
            format!("{path} must not be `.` or `..`"),
        )),
        _ => Ok(encode_component(value)),
    }
}

fn non_empty<'a>(value: Option<&'a str>, path: &str) -> Result<Option<&'a str>, ClientError> {
    match value {
        Some("") => Err(ClientError::invalid_argument(
            path,
            format!("{path} must not be empty"),
        )),
        other => Ok(other),
    }
}

fn check_page(page: Option<u32>) -> Result<(), ClientError> {
    match page {
        Some(0) => Err(ClientError::invalid_argument(
            "options.page",
            "pages start at 1",
        )),
        _ => Ok(()),
    }
}

fn check_limit(limit: Option<u32>) -> Result<(), ClientError> {
    match limit {
        Some(l) if l == 0 || l > MAX_PAGE_LIMIT => Err(ClientError::invalid_argument(
            "options.limit",
            format!("limit must be between 1 and {MAX_PAGE_LIMIT}"),
        )),
        _ => Ok(()),
    }
}

/// The amount as an exact JSON number (its canonical decimal text, no float rounding).
fn amount_json<'a>(amount: Option<&'a Amount>, path: &str) -> Result<Option<&'a str>, ClientError> {
    match amount {
        Some(amount) if amount.is_negative() => Err(ClientError::invalid_argument(
            path,
            format!("{path} must not be negative"),
        )),
        other => Ok(other.map(Amount::as_str)),
    }
}

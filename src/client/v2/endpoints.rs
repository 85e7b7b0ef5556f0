//! One builder per V2 endpoint: validated arguments in, an [`ApiRequest`] out. Paths,
//! parameters and bodies follow the vendored V2 OpenAPI
//! (`tests/reference/portone-v2-payments.openapi.json`); bodies are the declared request
//! types ([`GetPaymentsBody`], [`CancelPaymentBody`], [`PreRegisterPaymentBody`]) written as
//! their canonical JSON (absent fields left out).

use crate::client::endpoints::segment;
use crate::client::error::ClientError;
use crate::client::request::ApiRequest;
use crate::types::v2::{CancelPaymentBody, GetPaymentsBody, PreRegisterPaymentBody};
use crate::types::Wire;

/// The headers of a V2 request: `Accept`, `Content-Type` for a body, and
/// `Authorization: PortOne <apiSecret>` (V2 needs no token exchange).
pub fn headers_v2(request: &ApiRequest, api_secret: &str) -> Vec<(&'static str, String)> {
    let mut headers = request.headers(None, None);
    headers.push(("Authorization", format!("PortOne {api_secret}")));
    headers
}

/// `GET /payments/{paymentId}?storeId=`.
///
/// # Errors
/// `INVALID_ARGUMENT` (path `paymentId`) for an empty id or `.`/`..`, (path
/// `options.storeId`) for an empty store id.
///
/// ```
/// use portone_verify::client::v2::endpoints;
/// let request = endpoints::get_payment("order 1/2", Some("store-1"))?;
/// assert_eq!(
///     request.url("https://api.portone.io"),
///     "https://api.portone.io/payments/order%201%2F2?storeId=store-1"
/// );
/// # Ok::<(), portone_verify::client::ClientError>(())
/// ```
pub fn get_payment(payment_id: &str, store_id: Option<&str>) -> Result<ApiRequest, ClientError> {
    let path = format!("/payments/{}", segment(payment_id, "paymentId")?);
    let store_id = non_empty(store_id, "options.storeId")?;
    Ok(ApiRequest::get("getPayment", path).param_opt("storeId", store_id))
}

/// `GET /payments` with `body` as JSON in the query parameter `requestBody` (the OpenAPI's
/// `x-portone-query-or-body`: a GET cannot carry a body through `fetch`); no parameter for
/// an empty body.
///
/// ```
/// use portone_verify::client::v2::endpoints;
/// use portone_verify::types::v2::{GetPaymentsBody, PageInput};
/// let body = GetPaymentsBody {
///     page: Some(PageInput { number: Some(0), size: Some(2) }),
///     filter: None,
/// };
/// assert_eq!(
///     endpoints::get_payments(&body).path_and_query(),
///     "/payments?requestBody=%7B%22page%22%3A%7B%22number%22%3A0%2C%22size%22%3A2%7D%7D"
/// );
/// ```
pub fn get_payments(body: &GetPaymentsBody) -> ApiRequest {
    let request = ApiRequest::get("getPayments", "/payments".to_owned());
    match body.to_canonical_json() {
        json if json == "{}" => request,
        json => request.param("requestBody", json),
    }
}

/// `POST /payments/{paymentId}/cancel` with `body`. Not idempotent: never retried.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `paymentId` or `reason`, or a negative amount.
pub fn cancel_payment(
    payment_id: &str,
    body: &CancelPaymentBody,
) -> Result<ApiRequest, ClientError> {
    let path = format!("/payments/{}/cancel", segment(payment_id, "paymentId")?);
    if body.reason.trim().is_empty() {
        return Err(ClientError::invalid_argument(
            "options.reason",
            "reason must not be empty",
        ));
    }
    not_negative([
        ("options.amount", body.amount),
        ("options.taxFreeAmount", body.tax_free_amount),
        ("options.vatAmount", body.vat_amount),
        ("options.currentCancellableAmount", body.current_cancellable_amount),
    ])?;
    let body = body.to_canonical_json();
    Ok(ApiRequest::post("cancelPayment", path, body))
}

/// `POST /payments/{paymentId}/pre-register` with `body`. Not idempotent: never retried.
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `paymentId`, or a negative amount.
pub fn pre_register_payment(
    payment_id: &str,
    body: &PreRegisterPaymentBody,
) -> Result<ApiRequest, ClientError> {
    let path = format!(
        "/payments/{}/pre-register",
        segment(payment_id, "paymentId")?
    );
    not_negative([
        ("options.totalAmount", body.total_amount),
        ("options.taxFreeAmount", body.tax_free_amount),
    ])?;
    let body = body.to_canonical_json();
    Ok(ApiRequest::post("preRegisterPayment", path, body))
}

/// `INVALID_ARGUMENT` for the first negative amount.
fn not_negative<const N: usize>(amounts: [(&str, Option<i64>); N]) -> Result<(), ClientError> {
    match amounts.into_iter().find(|(_, a)| a.is_some_and(|a| a < 0)) {
        Some((path, _)) => Err(ClientError::invalid_argument(
            path,
            format!("{path} must not be negative"),
        )),
        None => Ok(()),
    }
}

fn non_empty<'a>(value: Option<&'a str>, path: &str) -> Result<Option<&'a str>, ClientError> {
    match value {
        Some(text) if text.trim().is_empty() => Err(ClientError::invalid_argument(
            path,
            format!("{path} must not be empty"),
        )),
        other => Ok(other),
    }
}

//! One builder per V2 endpoint: validated arguments in, an [`ApiRequest`] out. Paths,
//! parameters and bodies follow the vendored V2 OpenAPI
//! (`tests/reference/portone-v2-payments.openapi.json`). Bodies are JSON text checked by
//! [`read_request_body`] against their declared type ([`GetPaymentsBody`],
//! [`CancelPaymentBody`], [`PreRegisterPaymentBody`]); the typed builders write the type's
//! canonical JSON (absent fields left out) and take the same path.

use super::request_body::read_request_body;
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
    if store_id.is_some_and(|s| s.trim().is_empty()) {
        return Err(ClientError::invalid_argument(
            "options.storeId",
            "options.storeId must not be empty",
        ));
    }
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
///     endpoints::get_payments(&body)?.path_and_query(),
///     "/payments?requestBody=%7B%22page%22%3A%7B%22number%22%3A0%2C%22size%22%3A2%7D%7D"
/// );
/// # Ok::<(), portone_verify::client::ClientError>(())
/// ```
///
/// # Errors
/// `INVALID_ARGUMENT` for a negative page number or size.
pub fn get_payments(body: &GetPaymentsBody) -> Result<ApiRequest, ClientError> {
    let json =
        read_request_body::<GetPaymentsBody>(body.to_canonical_json().as_bytes(), "request")?;
    Ok(get_payments_json(&json))
}

/// [`get_payments`] with the body as checked JSON text ([`read_request_body`]).
pub fn get_payments_json(body: &str) -> ApiRequest {
    let request = ApiRequest::get("getPayments", "/payments".to_owned());
    match body.trim() {
        "{}" | "" => request,
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
    if body.reason.trim().is_empty() {
        return Err(ClientError::invalid_argument(
            "options.reason",
            "reason must not be empty",
        ));
    }
    let json = body.to_canonical_json();
    cancel_payment_json(
        payment_id,
        read_request_body::<CancelPaymentBody>(json.as_bytes(), "options")?,
    )
}

/// [`cancel_payment`] with the body as checked JSON text ([`read_request_body`]).
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `paymentId`.
pub fn cancel_payment_json(payment_id: &str, body: String) -> Result<ApiRequest, ClientError> {
    let path = format!("/payments/{}/cancel", segment(payment_id, "paymentId")?);
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
    let json = body.to_canonical_json();
    let json = read_request_body::<PreRegisterPaymentBody>(json.as_bytes(), "options")?;
    pre_register_payment_json(payment_id, json)
}

/// [`pre_register_payment`] with the body as checked JSON text ([`read_request_body`]).
///
/// # Errors
/// `INVALID_ARGUMENT` for an empty `paymentId`.
pub fn pre_register_payment_json(
    payment_id: &str,
    body: String,
) -> Result<ApiRequest, ClientError> {
    let path = format!(
        "/payments/{}/pre-register",
        segment(payment_id, "paymentId")?
    );
    Ok(ApiRequest::post("preRegisterPayment", path, body))
}

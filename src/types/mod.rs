//! PortOne V1 wire types, and the V2 ones in [`v2`].
//!
//! V1 field names are PortOne's (snake_case), as in the official Swagger; V2's are camelCase,
//! as in its OpenAPI. Every type accepts unknown fields, and every enum keeps unknown values
//! as strings.

mod auth;
mod balance;
pub(crate) mod declare;
mod enums;
mod envelope;
pub(crate) mod open_enum;
mod payment;
mod prepare;
mod request_pay;
pub mod v2;

pub use auth::AuthAnnotation;
pub use balance::{PaymentBalance, PaymentBalanceAnnotation, PaymentBalanceHistoriesAnnotation};
pub use declare::Wire;
pub use enums::{CardType, Channel, CustomerUidUsage, PayMethod, PaymentStatus, PgProvider};
pub use envelope::{Envelope, PagedList};
pub use payment::{PaymentAnnotation, PaymentCancelAnnotation, Promotion, VbankDepositAnnotation};
pub use prepare::PaymentPrepareAnnotation;
pub use request_pay::RequestPayResponse;

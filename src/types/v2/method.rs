//! How a V2 payment was paid (`method`): a union on `type`, whose values are the variants'
//! schema names (`PaymentMethodCard`, …).

use serde::Serialize;
use tsify::Tsify;

use super::bank::Bank;
use super::enums::{
    CardBrand, CardOwnerType, CardTypeV2, ConvenienceStoreBrand, PaymentMethodGiftCertificateType,
    PaymentMethodVirtualAccountRefundStatus, PaymentMethodVirtualAccountType,
};
use super::provider::EasyPayProvider;
use super::UnrecognizedType;
use crate::types::declare::{wire, wire_union};

wire! {
    /// Paid by card.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodCard {
        /// `PaymentMethodCard`.
        #[tsify(type = "\"PaymentMethodCard\"")]
        kind as "type": String,
        /// The card.
        card: Option<Card>,
        /// Approval number.
        approval_number as "approvalNumber": Option<String>,
        /// Instalments.
        installment: Option<PaymentInstallment>,
        /// Whether card points were used.
        point_used as "pointUsed": Option<bool>,
    }
}

wire! {
    /// A card's details.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct Card {
        /// Publisher code.
        publisher: Option<String>,
        /// Issuer code.
        issuer: Option<String>,
        /// Brand.
        brand: Option<CardBrand>,
        /// Credit, debit or gift card.
        card_type as "type": Option<CardTypeV2>,
        /// Personal or corporate.
        owner_type as "ownerType": Option<CardOwnerType>,
        /// The first 6 or 8 digits (BIN).
        bin: Option<String>,
        /// Card product name.
        name: Option<String>,
        /// Masked card number.
        number: Option<String>,
    }
}

wire! {
    /// Instalment terms.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Tsify)]
    pub struct PaymentInstallment {
        /// Months.
        month: i64,
        /// Whether interest-free.
        is_interest_free as "isInterestFree": bool,
        /// Whether the merchant pays the interest.
        is_interest_free_from_merchant as "isInterestFreeFromMerchant": Option<bool>,
    }
}

wire! {
    /// Paid at a convenience store.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodConvenienceStore {
        /// `PaymentMethodConvenienceStore`.
        #[tsify(type = "\"PaymentMethodConvenienceStore\"")]
        kind as "type": String,
        /// The store brand.
        convenience_store_brand as "convenienceStoreBrand": Option<ConvenienceStoreBrand>,
        /// Confirmation number.
        confirmation_number as "confirmationNumber": Option<String>,
        /// Receipt number.
        receipt_number as "receiptNumber": Option<String>,
        /// Payment deadline (RFC 3339).
        payment_deadline as "paymentDeadline": Option<String>,
    }
}

wire! {
    /// Paid in cryptocurrency.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodCrypto {
        /// `PaymentMethodCrypto`.
        #[tsify(type = "\"PaymentMethodCrypto\"")]
        kind as "type": String,
    }
}

wire! {
    /// Paid with a simple-payment service.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodEasyPay {
        /// `PaymentMethodEasyPay`.
        #[tsify(type = "\"PaymentMethodEasyPay\"")]
        kind as "type": String,
        /// The provider.
        provider: Option<EasyPayProvider>,
        /// What was used inside it.
        easy_pay_method as "easyPayMethod": Option<PaymentMethodEasyPayMethod>,
    }
}

wire! {
    /// Paid with charged points of a simple-payment service.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodEasyPayMethodCharge {
        /// `PaymentMethodEasyPayMethodCharge`.
        #[tsify(type = "\"PaymentMethodEasyPayMethodCharge\"")]
        kind as "type": String,
        /// Bank.
        bank: Option<Bank>,
    }
}

wire! {
    /// Paid with a gift certificate.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodGiftCertificate {
        /// `PaymentMethodGiftCertificate`.
        #[tsify(type = "\"PaymentMethodGiftCertificate\"")]
        kind as "type": String,
        /// Which gift certificate.
        gift_certificate_type as "giftCertificateType": Option<PaymentMethodGiftCertificateType>,
        /// Approval number.
        approval_number as "approvalNumber": String,
    }
}

wire! {
    /// Paid by mobile phone billing.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodMobile {
        /// `PaymentMethodMobile`.
        #[tsify(type = "\"PaymentMethodMobile\"")]
        kind as "type": String,
        /// Phone number.
        phone_number as "phoneNumber": Option<String>,
    }
}

wire! {
    /// Paid by bank transfer.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodTransfer {
        /// `PaymentMethodTransfer`.
        #[tsify(type = "\"PaymentMethodTransfer\"")]
        kind as "type": String,
        /// Bank.
        bank: Option<Bank>,
        /// Account number.
        account_number as "accountNumber": Option<String>,
    }
}

wire! {
    /// Paid into a virtual account.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct PaymentMethodVirtualAccount {
        /// `PaymentMethodVirtualAccount`.
        #[tsify(type = "\"PaymentMethodVirtualAccount\"")]
        kind as "type": String,
        /// Bank.
        bank: Option<Bank>,
        /// Account number.
        account_number as "accountNumber": String,
        /// Fixed or one-off account.
        account_type as "accountType": Option<PaymentMethodVirtualAccountType>,
        /// Account holder.
        remittee_name as "remitteeName": Option<String>,
        /// Depositor.
        remitter_name as "remitterName": Option<String>,
        /// Deposit deadline (RFC 3339): an issued account verifies only before it.
        expired_at as "expiredAt": Option<String> => VirtualAccountExpiredAt,
        /// When the account was issued (RFC 3339).
        issued_at as "issuedAt": Option<String>,
        /// Refund state, when it is being refunded.
        refund_status as "refundStatus": Option<PaymentMethodVirtualAccountRefundStatus>,
    }
}

wire_union! {
    /// How a payment was paid, by `type`.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    #[serde(untagged)]
    pub enum PaymentMethod on "type" {
        /// Card.
        "PaymentMethodCard" => Card(PaymentMethodCard),
        /// Convenience store.
        "PaymentMethodConvenienceStore" => ConvenienceStore(PaymentMethodConvenienceStore),
        /// Cryptocurrency.
        "PaymentMethodCrypto" => Crypto(PaymentMethodCrypto),
        /// Simple payment.
        "PaymentMethodEasyPay" => EasyPay(PaymentMethodEasyPay),
        /// Gift certificate.
        "PaymentMethodGiftCertificate" => GiftCertificate(PaymentMethodGiftCertificate),
        /// Mobile billing.
        "PaymentMethodMobile" => Mobile(PaymentMethodMobile),
        /// Bank transfer.
        "PaymentMethodTransfer" => Transfer(PaymentMethodTransfer),
        /// Virtual account.
        "PaymentMethodVirtualAccount" => VirtualAccount(PaymentMethodVirtualAccount),
        _ => Unrecognized(UnrecognizedType),
    }
}

wire_union! {
    /// What was used inside a simple-payment service, by `type`.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    #[serde(untagged)]
    pub enum PaymentMethodEasyPayMethod on "type" {
        /// A card.
        "PaymentMethodCard" => Card(PaymentMethodCard),
        /// Charged points.
        "PaymentMethodEasyPayMethodCharge" => Charge(PaymentMethodEasyPayMethodCharge),
        /// A bank transfer.
        "PaymentMethodTransfer" => Transfer(PaymentMethodTransfer),
        _ => Unrecognized(UnrecognizedType),
    }
}

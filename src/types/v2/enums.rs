//! The small open enums of a V2 payment (unknown values are kept as text).

use crate::types::open_enum::open_enum;

open_enum! {
    /// The PortOne version a payment was made with (`version`).
    PortOneVersion {
        /** Made through the V1 API. */ V1 = "V1",
        /** Made through the V2 API. */ V2 = "V2",
    }
}

open_enum! {
    /// Whether a channel is live or a test channel (`channel.type`).
    SelectedChannelType {
        /** A live channel: real money moves. */ Live = "LIVE",
        /** A test channel: no money moves. Verification refuses it unless allowed. */
        Test = "TEST",
    }
}

open_enum! {
    /// Gender (`customer.gender`).
    Gender {
        /** Male. */ Male = "MALE",
        /** Female. */ Female = "FEMALE",
        /** Another gender. */ OtherGender = "OTHER",
    }
}

open_enum! {
    /// Card brand (`card.brand`).
    CardBrand {
        /** A domestic (Korean) card. */ Local = "LOCAL",
        /** Mastercard. */ Master = "MASTER",
        /** UnionPay. */ Unionpay = "UNIONPAY",
        /** Visa. */ Visa = "VISA",
        /** JCB. */ Jcb = "JCB",
        /** American Express. */ Amex = "AMEX",
        /** Diners Club. */ Diners = "DINERS",
    }
}

open_enum! {
    /// Card owner (`card.ownerType`).
    CardOwnerType {
        /** A personal card. */ Personal = "PERSONAL",
        /** A corporate card. */ Corporate = "CORPORATE",
    }
}

open_enum! {
    /// Card kind (`card.type`; V1's [`CardType`](crate::types::CardType) is another code).
    CardTypeV2 {
        /** Credit card. */ Credit = "CREDIT",
        /** Debit (check) card. */ Debit = "DEBIT",
        /** Gift card. */ Gift = "GIFT",
    }
}

open_enum! {
    /// Cash receipt kind (`cashReceipt.type`).
    CashReceiptType {
        /** For the buyer's income deduction. */ Personal = "PERSONAL",
        /** As a business's proof of expense. */ Corporate = "CORPORATE",
    }
}

open_enum! {
    /// Whether a cash receipt was issued, as known at approval (`cashReceiptIssuanceStatus`).
    CashReceiptIssuanceStatus {
        /** Issued. */ Issued = "ISSUED",
        /** Not issued. */ NotIssued = "NOT_ISSUED",
    }
}

open_enum! {
    /// Convenience store brand (Japan).
    ConvenienceStoreBrand {
        /** Lawson. */ Lawson = "LAWSON",
        /** FamilyMart. */ FamilyMart = "FAMILY_MART",
        /** Ministop. */ MiniStop = "MINI_STOP",
        /** 7-Eleven. */ SevenEleven = "SEVEN_ELEVEN",
        /** Seicomart. */ Seicomart = "SEICOMART",
    }
}

open_enum! {
    /// Dispute state (`disputes[].status`).
    DisputeStatus {
        /** Open. */ Unresolved = "UNRESOLVED",
        /** Resolved. */ Resolved = "RESOLVED",
    }
}

open_enum! {
    /// Gift certificate kind.
    PaymentMethodGiftCertificateType {
        /** Book & Life. */ Booknlife = "BOOKNLIFE",
        /** Smart Munsang. */ SmartMunsang = "SMART_MUNSANG",
        /** Cultureland. */ Cultureland = "CULTURELAND",
        /** Happy Money. */ Happymoney = "HAPPYMONEY",
        /** Culture gift. */ Culturegift = "CULTUREGIFT",
    }
}

open_enum! {
    /// Refund state of a virtual-account payment being refunded.
    PaymentMethodVirtualAccountRefundStatus {
        /** Being processed. */ Pending = "PENDING",
        /** A partial refund failed. */ PartialRefundFailed = "PARTIAL_REFUND_FAILED",
        /** The refund failed. */ Failed = "FAILED",
        /** Refunded. */ Completed = "COMPLETED",
    }
}

open_enum! {
    /// Virtual account kind.
    PaymentMethodVirtualAccountType {
        /** A fixed account. */ Fixed = "FIXED",
        /** A one-off account. */ Normal = "NORMAL",
    }
}

open_enum! {
    /// The platform a payment was requested from (`origin.platformType`).
    PaymentOriginPlatformType {
        /** A desktop browser. */ Pc = "PC",
        /** A mobile browser or app. */ Mobile = "MOBILE",
        /** The API. */ Api = "API",
    }
}

open_enum! {
    /// The payment's status when a webhook was sent (`webhooks[].paymentStatus`).
    PaymentWebhookPaymentStatus {
        /** `READY`. */ Ready = "READY",
        /** `VIRTUAL_ACCOUNT_ISSUED`. */ VirtualAccountIssued = "VIRTUAL_ACCOUNT_ISSUED",
        /** `PAID`. */ Paid = "PAID",
        /** `FAILED`. */ Failed = "FAILED",
        /** `PARTIAL_CANCELLED`. */ PartialCancelled = "PARTIAL_CANCELLED",
        /** `CANCELLED`. */ Cancelled = "CANCELLED",
        /** `PAY_PENDING`. */ PayPending = "PAY_PENDING",
    }
}

open_enum! {
    /// Whether a sent webhook was delivered (`webhooks[].status`).
    PaymentWebhookStatus {
        /** Delivered. */ Succeeded = "SUCCEEDED",
        /** The merchant answered with a non-OK status. */
        FailedNotOkResponse = "FAILED_NOT_OK_RESPONSE",
        /** Delivery failed otherwise. */ FailedUnexpectedError = "FAILED_UNEXPECTED_ERROR",
    }
}

open_enum! {
    /// What made PortOne send a webhook (`webhooks[].trigger`).
    PaymentWebhookTrigger {
        /** Sent by hand. */ Manual = "MANUAL",
        /** A virtual-account deposit. */ VirtualAccountDeposit = "VIRTUAL_ACCOUNT_DEPOSIT",
        /** An asynchronous cancellation was approved. */
        AsyncCancelApproved = "ASYNC_CANCEL_APPROVED",
        /** An asynchronous cancellation failed. */ AsyncCancelFailed = "ASYNC_CANCEL_FAILED",
        /** An asynchronous payment was approved. */ AsyncPayApproved = "ASYNC_PAY_APPROVED",
        /** An asynchronous payment failed. */ AsyncPayFailed = "ASYNC_PAY_FAILED",
        /** An asynchronous payment is pending. */ AsyncPayPending = "ASYNC_PAY_PENDING",
        /** A dispute was opened. */ DisputeCreated = "DISPUTE_CREATED",
        /** A dispute was resolved. */ DisputeResolved = "DISPUTE_RESOLVED",
    }
}

open_enum! {
    /// Where a cancellation was requested from (`cancellations[].trigger`).
    Trigger {
        /** PortOne's console. */ Console = "CONSOLE",
        /** The API. */ Api = "API",
        /** PortOne's administrators. */ PortoneAdmin = "PORTONE_ADMIN",
        /** A chargeback. */ Chargeback = "CHARGEBACK",
    }
}

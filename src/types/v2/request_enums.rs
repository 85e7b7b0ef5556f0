//! The open enums of V2 request bodies (filters, sorting, cancellation options).

use crate::types::open_enum::open_enum;

open_enum! {
    /// A payment status as the list filter names it (`filter.status`). The filter says
    /// `PENDING` where a [`Payment`](super::Payment) says `PAY_PENDING` (the OpenAPI's own
    /// spelling; V1's [`PaymentStatus`](crate::types::PaymentStatus) is another enum).
    PaymentStatusV2 {
        /** Ready. */ Ready = "READY",
        /** Waiting for approval. */ Pending = "PENDING",
        /** Virtual account issued. */ VirtualAccountIssued = "VIRTUAL_ACCOUNT_ISSUED",
        /** Paid. */ Paid = "PAID",
        /** Failed. */ Failed = "FAILED",
        /** Partly cancelled. */ PartialCancelled = "PARTIAL_CANCELLED",
        /** Cancelled. */ Cancelled = "CANCELLED",
    }
}

open_enum! {
    /// A payment method kind (`filter.methods`).
    PaymentMethodType {
        /** Card. */ Card = "CARD",
        /** Bank transfer. */ Transfer = "TRANSFER",
        /** Virtual account. */ VirtualAccount = "VIRTUAL_ACCOUNT",
        /** Gift certificate. */ GiftCertificate = "GIFT_CERTIFICATE",
        /** Mobile billing. */ Mobile = "MOBILE",
        /** Simple payment. */ EasyPay = "EASY_PAY",
        /** Convenience store. */ ConvenienceStore = "CONVENIENCE_STORE",
        /** Cryptocurrency. */ Crypto = "CRYPTO",
    }
}

open_enum! {
    /// Which time the list filter's range applies to (`filter.timestampType`).
    PaymentTimestampType {
        /** When the payment was created. */ CreatedAt = "CREATED_AT",
        /** When its status changed. */ StatusChangedAt = "STATUS_CHANGED_AT",
    }
}

open_enum! {
    /// What the list is sorted by (`filter.sortBy`).
    PaymentSortBy {
        /** When the payment was requested. */ RequestedAt = "REQUESTED_AT",
        /** When its status changed. */ StatusChangedAt = "STATUS_CHANGED_AT",
    }
}

open_enum! {
    /// Sort order (`filter.sortOrder`).
    SortOrder {
        /** Descending. */ Desc = "DESC",
        /** Ascending. */ Asc = "ASC",
    }
}

open_enum! {
    /// The client a payment came from (`filter.platformType`).
    PaymentClientType {
        /** The browser SDK on mobile. */ SdkMobile = "SDK_MOBILE",
        /** The browser SDK on a PC. */ SdkPc = "SDK_PC",
        /** The API. */ Api = "API",
    }
}

open_enum! {
    /// An escrow state (`filter.escrowStatus`).
    PaymentFilterInputEscrowStatus {
        /** Registered. */ Registered = "REGISTERED",
        /** Delivered. */ Delivered = "DELIVERED",
        /** Confirmed. */ Confirmed = "CONFIRMED",
        /** Refused. */ Rejected = "REJECTED",
        /** Cancelled. */ Cancelled = "CANCELLED",
        /** Refusal confirmed. */ RejectConfirmed = "REJECT_CONFIRMED",
    }
}

open_enum! {
    /// A cash receipt kind as a filter names it (`filter.cashReceiptType`).
    CashReceiptInputType {
        /** For income deduction. */ Personal = "PERSONAL",
        /** As proof of expense. */ Corporate = "CORPORATE",
        /** None issued. */ NoReceipt = "NO_RECEIPT",
    }
}

open_enum! {
    /// A cash receipt state (`filter.cashReceiptStatus`).
    PaymentCashReceiptStatus {
        /** Issued. */ Issued = "ISSUED",
        /** Cancelled. */ Cancelled = "CANCELLED",
    }
}

open_enum! {
    /// Which field a text search looks in (`filter.textSearch[].field`).
    PaymentTextSearchField {
        /** Search in: all. */ All = "ALL",
        /** Search in: payment id. */ PaymentId = "PAYMENT_ID",
        /** Search in: tx id. */ TxId = "TX_ID",
        /** Search in: schedule id. */ ScheduleId = "SCHEDULE_ID",
        /** Search in: fail reason. */ FailReason = "FAIL_REASON",
        /** Search in: card issuer. */ CardIssuer = "CARD_ISSUER",
        /** Search in: card acquirer. */ CardAcquirer = "CARD_ACQUIRER",
        /** Search in: card bin. */ CardBin = "CARD_BIN",
        /** Search in: card number. */ CardNumber = "CARD_NUMBER",
        /** Search in: card approval number. */ CardApprovalNumber = "CARD_APPROVAL_NUMBER",
        /** Search in: card receipt name. */ CardReceiptName = "CARD_RECEIPT_NAME",
        /** Search in: card installment. */ CardInstallment = "CARD_INSTALLMENT",
        /** Search in: trans bank. */ TransBank = "TRANS_BANK",
        /** Search in: virtual account holder name. */ VirtualAccountHolderName = "VIRTUAL_ACCOUNT_HOLDER_NAME",
        /** Search in: virtual account bank. */ VirtualAccountBank = "VIRTUAL_ACCOUNT_BANK",
        /** Search in: virtual account number. */ VirtualAccountNumber = "VIRTUAL_ACCOUNT_NUMBER",
        /** Search in: pg merchant id. */ PgMerchantId = "PG_MERCHANT_ID",
        /** Search in: pg tx id. */ PgTxId = "PG_TX_ID",
        /** Search in: pg receipt id. */ PgReceiptId = "PG_RECEIPT_ID",
        /** Search in: receipt approval number. */ ReceiptApprovalNumber = "RECEIPT_APPROVAL_NUMBER",
        /** Search in: pg cancellation id. */ PgCancellationId = "PG_CANCELLATION_ID",
        /** Search in: cancel reason. */ CancelReason = "CANCEL_REASON",
        /** Search in: order name. */ OrderName = "ORDER_NAME",
        /** Search in: customer name. */ CustomerName = "CUSTOMER_NAME",
        /** Search in: customer email. */ CustomerEmail = "CUSTOMER_EMAIL",
        /** Search in: customer phone number. */ CustomerPhoneNumber = "CUSTOMER_PHONE_NUMBER",
        /** Search in: customer address. */ CustomerAddress = "CUSTOMER_ADDRESS",
        /** Search in: customer zipcode. */ CustomerZipcode = "CUSTOMER_ZIPCODE",
        /** Search in: user agent. */ UserAgent = "USER_AGENT",
        /** Search in: billing key. */ BillingKey = "BILLING_KEY",
        /** Search in: promotion id. */ PromotionId = "PROMOTION_ID",
        /** Search in: gift certification approval number. */ GiftCertificationApprovalNumber = "GIFT_CERTIFICATION_APPROVAL_NUMBER",
    }
}

open_enum! {
    /// Who asks for a cancellation (`CancelPaymentBody.requester`).
    CancelRequester {
        /** The buyer. */ Customer = "CUSTOMER",
        /** The merchant's administrator. */ Admin = "ADMIN",
    }
}

open_enum! {
    /// Whether a partial cancellation keeps a promotion's first discount rate
    /// (`CancelPaymentBody.promotionDiscountRetainOption`; PortOne's default `RELEASE`).
    PromotionDiscountRetainOption {
        /** Keep the first discount rate (the cancelled amount is adjusted). */ Retain = "RETAIN",
        /** Apply the promotion anew to what is left. */ Release = "RELEASE",
    }
}

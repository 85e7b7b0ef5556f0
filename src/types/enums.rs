//! PortOne's enumerations, open to values added later.

use super::open_enum::open_enum;

open_enum! {
    /// Payment status (`status`): the state of the payment at PortOne.
    PaymentStatus {
        /// `ready`: not paid (window left, or virtual account issued and awaiting deposit).
        Ready = "ready",
        /// `paid`: paid.
        Paid = "paid",
        /// `cancelled`: cancelled in full.
        Cancelled = "cancelled",
        /// `failed`: failed.
        Failed = "failed",
    }
}

open_enum! {
    /// Payment method (`pay_method`).
    PayMethod {
        /// Credit/debit card.
        Card = "card",
        /// Real-time bank transfer.
        Trans = "trans",
        /// Virtual account (deposit later).
        Vbank = "vbank",
        /// Mobile phone billing.
        Phone = "phone",
        /// Samsung Pay.
        Samsung = "samsung",
        /// KPay app.
        Kpay = "kpay",
        /// Kakao Pay.
        Kakaopay = "kakaopay",
        /// PAYCO.
        Payco = "payco",
        /// LPAY.
        Lpay = "lpay",
        /// SSGPAY.
        Ssgpay = "ssgpay",
        /// Toss simple payment.
        Tosspay = "tosspay",
        /// Naver Pay.
        Naverpay = "naverpay",
        /// Apple Pay.
        Applepay = "applepay",
        /// PayPal.
        Paypal = "paypal",
        /// Cultureland gift card.
        Cultureland = "cultureland",
        /// Culture gift card.
        Culturegift = "culturegift",
        /// Smart Culture gift card.
        Smartculture = "smartculture",
        /// Happy Money gift card.
        Happymoney = "happymoney",
        /// Book & Life gift card.
        Booknlife = "booknlife",
        /// Points (e.g. Benepia).
        Point = "point",
        /// WeChat Pay.
        Wechat = "wechat",
        /// Alipay.
        Alipay = "alipay",
        /// UnionPay.
        Unionpay = "unionpay",
        /// Tenpay.
        Tenpay = "tenpay",
    }
}

open_enum! {
    /// PG company code (`pg_provider`).
    PgProvider {
        /// KG Inicis (web standard).
        Html5Inicis = "html5_inicis",
        /// KG Inicis (ActiveX).
        Inicis = "inicis",
        /// NHN KCP.
        Kcp = "kcp",
        /// NHN KCP billing.
        KcpBilling = "kcp_billing",
        /// Toss Payments (former LG U+ module).
        Uplus = "uplus",
        /// Toss Payments (new module).
        Tosspayments = "tosspayments",
        /// NICE Payments.
        Nice = "nice",
        /// NICE Payments (new module).
        NiceV2 = "nice_v2",
        /// JTNet.
        Jtnet = "jtnet",
        /// KICC.
        Kicc = "kicc",
        /// Blue Walnut.
        Bluewalnut = "bluewalnut",
        /// Kakao Pay.
        Kakaopay = "kakaopay",
        /// Danal phone billing.
        Danal = "danal",
        /// Danal general payments.
        DanalTpay = "danal_tpay",
        /// KG Mobilians.
        Mobilians = "mobilians",
        /// CHAI.
        Chai = "chai",
        /// Syrup Pay.
        Syrup = "syrup",
        /// PAYCO.
        Payco = "payco",
        /// PayPal.
        Paypal = "paypal",
        /// PayPal (SPB).
        PaypalV2 = "paypal_v2",
        /// Eximbay.
        Eximbay = "eximbay",
        /// Naver Pay (payment type).
        Naverpay = "naverpay",
        /// Naver Pay (order type).
        Naverco = "naverco",
        /// Smile Pay.
        Smilepay = "smilepay",
        /// Alipay.
        Alipay = "alipay",
        /// Paymentwall.
        Paymentwall = "paymentwall",
        /// Payple.
        Payple = "payple",
        /// Toss simple payment.
        Tosspay = "tosspay",
        /// Smartro.
        Smartro = "smartro",
        /// Smartro (new module).
        SmartroV2 = "smartro_v2",
        /// Settle Bank.
        Settle = "settle",
        /// Daou (Kiwoom Pay).
        Daou = "daou",
        /// KSNET.
        Ksnet = "ksnet",
        /// Welcome Payments.
        Welcome = "welcome",
    }
}

open_enum! {
    /// Payment environment (`channel`).
    Channel {
        /// PC, authenticated payment window.
        Pc = "pc",
        /// Mobile, authenticated payment window.
        Mobile = "mobile",
        /// API: billing key or non-authenticated payment.
        Api = "api",
    }
}

open_enum! {
    /// What `customer_uid` was used for (`customer_uid_usage`); `null` means a normal payment.
    CustomerUidUsage {
        /// Billing key issued.
        Issue = "issue",
        /// Payment with a billing key.
        Payment = "payment",
        /// Scheduled payment.
        PaymentScheduled = "payment.scheduled",
    }
}

open_enum! {
    /// Card kind (`card_type`): PortOne sends the integers `0` and `1`; any other value is kept
    /// as its text.
    numeric CardType {
        /// `0`: credit card.
        Credit = "0",
        /// `1`: check (debit) card.
        Check = "1",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_unknown_values() {
        let s: PaymentStatus = serde_json::from_str("\"partial_refunded\"").unwrap();
        assert_eq!(s, PaymentStatus::Other("partial_refunded".into()));
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"partial_refunded\"");
        assert!(s.is_unknown());
        let s: PaymentStatus = serde_json::from_str("\"paid\"").unwrap();
        assert_eq!(s, PaymentStatus::Paid);
    }

    #[test]
    fn card_type_accepts_numbers() {
        let c: CardType = serde_json::from_str("1").unwrap();
        assert_eq!(c, CardType::Check);
        let c: CardType = serde_json::from_str("\"0\"").unwrap();
        assert_eq!(c, CardType::Credit);
        let c: CardType = serde_json::from_str("7").unwrap();
        assert_eq!(c.as_str(), "7");
        assert_eq!(serde_json::to_string(&c).unwrap(), "7");
        assert_eq!(serde_json::to_string(&CardType::Credit).unwrap(), "0");
    }

    #[test]
    fn lists_known_values() {
        assert_eq!(
            PaymentStatus::KNOWN,
            &["ready", "paid", "cancelled", "failed"]
        );
        assert!(PgProvider::KNOWN.contains(&"html5_inicis"));
    }
}

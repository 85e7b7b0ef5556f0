//! The buyer of a V2 payment and their address.

use serde::Serialize;
use tsify::Tsify;

use super::country::Country;
use super::enums::Gender;
use super::UnrecognizedType;
use crate::types::declare::{wire, wire_union};

wire! {
    /// The buyer (`customer`): everything is optional.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct Customer {
        /// The merchant's id for the buyer.
        id: Option<String>,
        /// Name.
        name: Option<String>,
        /// Birth year.
        birth_year as "birthYear": Option<String>,
        /// Birth month.
        birth_month as "birthMonth": Option<String>,
        /// Birth day.
        birth_day as "birthDay": Option<String>,
        /// Gender.
        gender: Option<Gender>,
        /// E-mail.
        email: Option<String>,
        /// Phone number.
        phone_number as "phoneNumber": Option<String>,
        /// Address.
        address: Option<Address>,
        /// Postcode.
        zipcode: Option<String>,
    }
}

wire! {
    /// An address in one line only (`type: ONE_LINE`).
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct OneLineAddress {
        /// `ONE_LINE`.
        #[tsify(type = "\"ONE_LINE\"")]
        kind as "type": String,
        /// The address.
        one_line as "oneLine": String,
    }
}

wire! {
    /// An address in parts (`type: SEPARATED`); `oneLine` joins them.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    pub struct SeparatedAddress {
        /// `SEPARATED`.
        #[tsify(type = "\"SEPARATED\"")]
        kind as "type": String,
        /// The address in one line.
        one_line as "oneLine": String,
        /// Address line 1.
        address_line1 as "addressLine1": String,
        /// Address line 2.
        address_line2 as "addressLine2": String,
        /// City / district.
        city: Option<String>,
        /// Province / state.
        province: Option<String>,
        /// Country.
        country: Option<Country>,
    }
}

wire_union! {
    /// An address, by `type`.
    #[derive(Clone, Debug, PartialEq, Serialize, Tsify)]
    #[serde(untagged)]
    pub enum Address on "type" {
        /// `ONE_LINE`.
        "ONE_LINE" => OneLine(OneLineAddress),
        /// `SEPARATED`.
        "SEPARATED" => Separated(SeparatedAddress),
        _ => Unrecognized(UnrecognizedType),
    }
}

//! The verdicts of every V2 fixture, strict and lenient, recorded in
//! `tests/golden/v2-verdicts.txt` (`UPDATE_EXPECT=1` rewrites it).

use std::fmt::Write;

use expect_test::expect_file;

use super::common::v2_payment_fixtures;
use super::*;

#[test]
fn verdicts_golden() {
    let mut out = String::new();
    for (name, input) in v2_payment_fixtures() {
        let payment: Value = serde_json::from_slice(&input).unwrap();
        for (label, expected) in [
            ("strict", order_for(&payment)),
            (
                "lenient",
                order_for(&payment)
                    .allow_test_channel(true)
                    .allow_virtual_account_issued(true)
                    .now_ms(1_720_000_000_000),
            ),
        ] {
            let verdict = serde_json::to_string(&verdict(&input, &expected)).unwrap();
            writeln!(out, "{name} ({label}): {verdict}").unwrap();
        }
    }
    expect_file!["../golden/v2-verdicts.txt"].assert_eq(&out);
}

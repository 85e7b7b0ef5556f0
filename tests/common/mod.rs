//! Fixture loading shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub fn fixture(relative: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn payment_fixture(name: &str) -> Vec<u8> {
    fixture(&format!("payments/{name}.json"))
}

pub const PAYMENT_FIXTURES: &[&str] = &[
    "bare-card-paid",
    "cancelled",
    "card-paid",
    "failed",
    "loose-types",
    "partially-cancelled",
    "sandbox",
    "unknown-status",
    "usd-cents",
    "vbank-paid",
    "vbank-ready",
];

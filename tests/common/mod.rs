//! Fixture loading shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

pub mod golden;

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

/// The V2 payment fixtures (`tests/fixtures/v2/*.json`): each name (without `.json`) and its
/// bytes, sorted by name.
pub fn v2_payment_fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2");
    let mut fixtures: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    fixtures.sort();
    fixtures
}

pub fn v2_payment_fixture(name: &str) -> Vec<u8> {
    fixture(&format!("v2/{name}.json"))
}

//! Native timing of the fast verify path (a quick probe; the real benchmark is bench/run).
use std::time::Instant;

fn main() {
    let text = std::fs::read_to_string("tests/fixtures/payments/card-paid.json").unwrap();
    let body =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&text).unwrap()).unwrap();
    let expected = portone_verify::Expected::new(
        "57008833-33004",
        portone_verify::Amount::parse("1004").unwrap(),
    );
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    for (name, f) in [
        (
            "verify_payment_json",
            &(|| {
                portone_verify::verify_payment_json(body.as_bytes(), &expected)
                    .unwrap()
                    .is_ok()
            }) as &dyn Fn() -> bool,
        ),
        ("parse_payment", &|| {
            portone_verify::parse_payment(body.as_bytes()).is_ok()
        }),
        ("serde_json IgnoredAny", &|| {
            serde_json::from_str::<serde::de::IgnoredAny>(&body).is_ok()
        }),
        ("Expected::from_json", &|| {
            portone_verify::Expected::from_json(
                br#"{"merchantUid":"57008833-33004","amount":1004}"#,
            )
            .is_ok()
        }),
    ] {
        let start = Instant::now();
        let mut ok = 0;
        for _ in 0..n {
            if f() {
                ok += 1;
            }
        }
        println!(
            "{name}: {:.2} µs ({ok})",
            start.elapsed().as_secs_f64() * 1e6 / n as f64
        );
    }
}

//! Native timing of the fast verify path (a quick probe; the real benchmark is bench/run).
//!
//! The body is the fixture minified with its keys in the file's order (as bench/ does with
//! `JSON.stringify(JSON.parse(..))`): re-serialising through `serde_json::Value` would sort
//! them and defeat the scanner's next-key hint. `BODY=path` reads another body as is;
//! `ONLY=verify` runs only `verify_payment_json` (for `valgrind --tool=callgrind`:
//! instructions per verify = (Ir at N=a − Ir at N=b) / (a − b)).
use std::time::Instant;

/// Drops the whitespace between tokens, keeping everything else (keys stay in order).
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

fn main() {
    let body = match std::env::var("BODY") {
        Ok(path) => std::fs::read_to_string(path).unwrap(),
        Err(_) => {
            minify(&std::fs::read_to_string("tests/fixtures/payments/card-paid.json").unwrap())
        }
    };
    let only = std::env::var("ONLY").ok();
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
            "verify",
            &(|| {
                portone_verify::verify_payment_json(
                    std::hint::black_box(body.as_bytes()),
                    &expected,
                )
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
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
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

//! wasm tests in headless Chromium: `unplug::slim` leaves a number's value to the browser's
//! `parseFloat` and lower-casing beyond ASCII to its `toLowerCase`, which must give what
//! core's own parser and `str::to_lowercase` give.
#![cfg(target_arch = "wasm32")]

use unplug::slim::{lowercase, parse_f64};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_browser_reads_numbers_to_the_bits_rust_reads() {
    let texts = [
        "0",
        "-0",
        "+7",
        "16",
        "16.5",
        "120",
        "1.",
        ".5",
        "-.5e-3",
        "1E+5",
        "1.e5",
        "0.1",
        "0.3",
        "1700000000",
        "1764547200123",
        "9007199254740993",
        "123456789012345678901234567890",
        "2.2250738585072011e-308",
        "4.9e-324",
        "2e-324",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
        "1e400",
        "1e-400",
        "inf",
        "-nan",
        "",
        "1e",
        "16px",
        "0x10",
        " 1",
    ];
    for text in texts {
        let core = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(parse_f64(text).map(f64::to_bits), core, "{text:?}");
    }
}

#[wasm_bindgen_test]
fn the_browser_lower_cases_as_core_does() {
    let texts = [
        "Webhook DEPLOY",
        "Ação Rápida ÇÃÕ",
        "ОТПРАВКА Сообщений в ЧАТ",
        "ΟΔΟΣ Σ ΣΑΣ",
        "İstanbul",
        "\u{212A}elvin",
        "ǅungla",
        "ẞtraße",
        "Ⅻ Ⓐ",
        "𐐀𐐁 Deseret",
        "ＡＢＣ",
        "Tab\tNEW\nline",
    ];
    for text in texts {
        assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
    }
}

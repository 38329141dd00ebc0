//! Stand-ins for core functions that weigh much in wasm for what Unplug asks of them, each
//! giving the result core gives:
//! - reading a number: core's parser carries a table of powers of five (about 15 KB of wasm,
//!   11 KB gzip); here Rust decides what is a number and the browser's `parseFloat` works out
//!   its value;
//! - lower-casing beyond ASCII: core's Unicode table (about 12 KB, 7 KB gzip); here the
//!   browser's `toLowerCase`;
//! - sorting a short list: each `sort_by` brings its own copy of driftsort (about 3.5 KB, 1 KB
//!   gzip, per element type and comparison); here an insertion sort of a few dozen bytes.
//!
//! Natively (tests, the sandbox) the first two are core's own.

/// `text` as `text.parse::<f64>().ok()` reads it: the same forms (ASCII digits with an
/// optional point and exponent after an optional sign; `inf`, `infinity` and `nan` in any
/// case) and the same correctly rounded value.
pub fn parse_f64(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let signed = |value: f64| if text.starts_with('-') { -value } else { value };
    if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
        return Some(signed(f64::INFINITY));
    }
    if unsigned.eq_ignore_ascii_case("nan") {
        return Some(signed(f64::NAN));
    }
    is_decimal(unsigned).then(|| value_of(text))
}

/// Digits with an optional point (digits on at least one side of it) and an optional exponent.
fn is_decimal(text: &str) -> bool {
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent.strip_prefix(['+', '-']).unwrap_or(exponent))),
        None => (text, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && exponent.is_none_or(|exponent| !exponent.is_empty() && digits(exponent))
}

/// The value of text [`is_decimal`] accepted (with its sign): the browser's `parseFloat`, which
/// reads these forms as Rust does and rounds correctly.
#[cfg(target_arch = "wasm32")]
fn value_of(text: &str) -> f64 {
    js_sys::parse_float(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn value_of(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// `text` lower-cased as `str::to_lowercase` does it (Unicode's default mapping, a final Σ
/// as ς): ASCII here, anything else by the browser's `toLowerCase`, which follows the same
/// rules (from the Unicode version of the browser's ICU rather than of core).
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() { text.to_ascii_lowercase() } else { lowercase_unicode(text) }
}

#[cfg(target_arch = "wasm32")]
fn lowercase_unicode(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

#[cfg(not(target_arch = "wasm32"))]
fn lowercase_unicode(text: &str) -> String {
    text.to_lowercase()
}

/// Sorts `items` stably by `compare`, as `sort_by` does, by insertion: for lists of a few dozen
/// at most (groups of a bulk run, secrets in one URL), where its quadratic time is nothing.
pub fn sort_short_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> std::cmp::Ordering) {
    for sorted in 1..items.len() {
        let mut at = sorted;
        while at > 0 && compare(&items[at], &items[at - 1]).is_lt() {
            items.swap(at, at - 1);
            at -= 1;
        }
    }
}

// Natively, against core's own functions; tests/slim.rs checks the browser's side in wasm.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What `parse_f64` must agree with, bit for bit (NaN's sign included).
    fn agrees(text: &str) -> bool {
        match (parse_f64(text), text.parse::<f64>().ok()) {
            (Some(ours), Some(core)) => ours.to_bits() == core.to_bits(),
            (ours, core) => ours.is_none() && core.is_none(),
        }
    }

    #[test]
    fn reads_what_str_parse_reads_and_refuses_the_rest() {
        let texts = [
            "0",
            "-0",
            "+7",
            "120",
            "1.5",
            "1.",
            ".5",
            "-.5e-3",
            "1e5",
            "1E+5",
            "1.e5",
            "16",
            "1700000000",
            "1764547200123",
            "inf",
            "-Infinity",
            "NaN",
            "-nan",
            "iNf",
            "",
            "+",
            "-",
            ".",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1.2.3",
            "1,5",
            "0x10",
            " 1",
            "1 ",
            "1_000",
            "16px",
            "++1",
            "+-1",
            "infinit",
            "nan1",
            "١",
            "1e400",
            "1e-400",
            "123456789012345678901234567890",
            "2.2250738585072011e-308",
        ];
        for text in texts {
            assert!(agrees(text), "{text:?}: ours {:?}, core {:?}", parse_f64(text), text.parse::<f64>().ok());
        }
    }

    #[test]
    fn lowercase_is_str_to_lowercase() {
        for text in ["", "Webhook DEPLOY", "Ação Rápida", "ОТПРАВКА Сообщений", "ΟΔΟΣ Σ", "İstanbul", "\u{212A}ey"]
        {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn sort_short_by_is_sort_by(items in proptest::collection::vec((0u8..5, any::<u16>()), 0..40)) {
            let (mut ours, mut core) = (items.clone(), items);
            sort_short_by(&mut ours, |a, b| a.0.cmp(&b.0));
            core.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, core);
        }

        #[test]
        fn agrees_with_str_parse_on_numeric_text(text in "[+-]?[0-9]{0,5}\\.?[0-9]{0,5}([eE][+-]?[0-9]{0,3})?") {
            prop_assert!(agrees(&text), "{:?}", text);
        }

        #[test]
        fn agrees_with_str_parse_on_any_text(text in "\\PC{0,8}") {
            prop_assert!(agrees(&text), "{:?}", text);
        }
    }
}

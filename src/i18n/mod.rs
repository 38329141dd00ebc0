//! Interface text in English, Portuguese (Brazil) and Russian. Text is written in English where
//! it is used (`t("Refresh")`); each other language is a table from that English to its own.
//! Missing entries fall back to English, and a native test keeps the tables complete. The
//! platforms' own messages are never translated: they are shown as they came.

/// One language's table, from `(English, translation)` pairs as its file lists them: the English
/// texts (`ENGLISH`), and the translations as one string (`TEXTS`) with where each ends
/// (`ENDS`). Two bytes a translation instead of the eight of a pointer and a length, which gzip
/// hardly shrinks (issue 11). Tables that list the same English in the same order (they do)
/// share one list in the wasm: the compiler merges equal constants.
macro_rules! table {
    ($(($english:literal, $text:literal $(,)?)),* $(,)?) => {
        pub const ENGLISH: &[&str] = &[$($english),*];
        pub const TEXTS: &str = concat!($($text),*);
        pub const ENDS: &[u16] = &super::ends([$($text.len()),*]);
    };
}
// By path (`super::table!`) from the language files.
use table;

mod pt_br;
mod ru;

use std::cell::Cell;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    PtBr,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::PtBr, Lang::Ru];

    /// Reads a BCP 47 tag as Unplug's nearest language: `pt`, `pt-BR`, `pt-PT` are Portuguese
    /// (Brazil), `ru-RU` Russian, `en-GB` English.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "pt" => Some(Lang::PtBr),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// The tag for `lang` attributes, `Intl` and the URL.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::PtBr => "pt-BR",
            Lang::Ru => "ru",
        }
    }

    /// The language's name in itself, for the menu.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::PtBr => "Português (Brasil)",
            Lang::Ru => "Русский",
        }
    }

    /// The English texts, their translations (one string) and where each translation ends.
    fn table(self) -> Option<(&'static [&'static str], &'static str, &'static [u16])> {
        match self {
            Lang::En => None,
            Lang::PtBr => Some((pt_br::ENGLISH, pt_br::TEXTS, pt_br::ENDS)),
            Lang::Ru => Some((ru::ENGLISH, ru::TEXTS, ru::ENDS)),
        }
    }
}

/// Where each of the texts of the given lengths ends in their concatenation.
const fn ends<const N: usize>(lengths: [usize; N]) -> [u16; N] {
    let mut ends = [0; N];
    let mut end = 0;
    let mut index = 0;
    while index < N {
        end += lengths[index];
        assert!(end <= u16::MAX as usize, "a language's texts outgrew u16 offsets");
        ends[index] = end as u16;
        index += 1;
    }
    ends
}

/// One mount's language, chosen at start from the URL's `lang`, else the browser's languages,
/// else English; the host (by message) and the menu may change it later. Two consoles on one
/// page each keep their own.
#[derive(Clone, Copy)]
pub struct Language(RwSignal<Lang>);

impl Language {
    pub fn set(self, lang: Lang) {
        self.0.set(lang);
        set_fallback(lang);
        // The page's own language too, for screen readers and hyphenation, when Unplug owns the page.
        #[cfg(target_arch = "wasm32")]
        if let Some(root) =
            web_sys::window().and_then(|window| window.document()).and_then(|document| document.document_element())
            && !crate::host::is_hosted()
        {
            let _ = root.set_attribute("lang", lang.tag());
        }
    }
}

/// Installs this mount's language, chosen as [`Language`] says.
pub fn provide_language(url_lang: Option<&str>) -> Language {
    let browser: Vec<String> = web_sys::window()
        .map(|window| window.navigator().languages().iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default();
    let lang = url_lang.and_then(Lang::parse).unwrap_or_else(|| negotiate(browser.iter().map(String::as_str)));
    let language = Language(RwSignal::new(Lang::En));
    language.set(lang);
    provide_context(language);
    language
}

pub fn expect_language() -> Language {
    expect_context::<Language>()
}

/// The first of the browser's languages Unplug speaks, else English.
pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
    preferred.into_iter().find_map(Lang::parse).unwrap_or_default()
}

thread_local! {
    // The browser runs the app on one thread. Text made outside any mount's reactive tree (an
    // async task's message, a native test) uses the language last chosen.
    static FALLBACK: Cell<Lang> = const { Cell::new(Lang::En) };
}

fn set_fallback(lang: Lang) {
    FALLBACK.with(|fallback| fallback.set(lang));
}

/// The language in use: the mount's own (tracked, so text computed from it follows changes),
/// else the last one chosen.
pub fn lang() -> Lang {
    use_context::<Language>().map(|language| language.0.get()).unwrap_or_else(|| FALLBACK.with(Cell::get))
}

fn lookup(lang: Lang, english: &'static str) -> &'static str {
    let Some((keys, texts, ends)) = lang.table() else { return english };
    match keys.iter().position(|key| *key == english) {
        Some(index) => {
            &texts[index.checked_sub(1).map_or(0, |before| usize::from(ends[before]))..usize::from(ends[index])]
        }
        None => english,
    }
}

/// `english` in the current language.
pub fn t(english: &'static str) -> &'static str {
    lookup(lang(), english)
}

/// `english` in the current language with each `{name}` replaced by its value.
pub fn tf(english: &'static str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    args.iter()
        .fold(t(english).to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), &value.to_string()))
}

/// A count with the language's digit grouping (`10,000`, `10.000`, `10 000`).
pub fn number(count: usize) -> String {
    let digits = count.to_string();
    let separator = match lang() {
        Lang::En => ",",
        Lang::PtBr => ".",
        // A narrow no-break space, as Intl writes Russian numbers.
        Lang::Ru => "\u{202f}",
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(digit);
    }
    out
}

/// A wall-clock time (`YYYY-MM-DD`, `HH:MM:SS`) as the language writes it.
pub fn date_time(date: &str, clock: &str) -> String {
    let mut parts = date.split('-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return format!("{date} {clock}");
    };
    match lang() {
        Lang::En => format!("{year}-{month}-{day} {clock}"),
        Lang::PtBr => format!("{day}/{month}/{year} {clock}"),
        Lang::Ru => format!("{day}.{month}.{year} {clock}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_to_the_nearest_language() {
        assert_eq!(Lang::parse("pt-BR"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("pt"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("ru-RU"), Some(Lang::Ru));
        assert_eq!(Lang::parse("en_GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(negotiate(["de-DE", "ru", "en"]), Lang::Ru);
        assert_eq!(negotiate(["fr"]), Lang::En);
    }

    #[test]
    fn numbers_and_dates_follow_the_language() {
        set_fallback(Lang::PtBr);
        assert_eq!(number(10_000), "10.000");
        assert_eq!(date_time("2026-01-08", "09:05:27"), "08/01/2026 09:05:27");
        assert_eq!(t("Refresh"), "Atualizar");
        assert_eq!(
            tf("Showing {shown} of {total}", &[("shown", &number(1)), ("total", &number(1234))]),
            "Mostrando 1 de 1.234"
        );
        set_fallback(Lang::Ru);
        assert_eq!(number(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(date_time("2026-01-08", "09:05:27"), "08.01.2026 09:05:27");
        set_fallback(Lang::En);
        assert_eq!(number(999), "999");
        assert_eq!(number(1000), "1,000");
        assert_eq!(t("Refresh"), "Refresh");
    }

    /// Every English text the source passes to `t` or `tf` has an entry in each table, and no
    /// table keeps an entry nothing uses.
    #[test]
    fn every_text_is_translated() {
        let used = used_texts();
        assert!(used.len() > 50, "only {} texts found", used.len());
        for lang in [Lang::PtBr, Lang::Ru] {
            let Some((english, _, _)) = lang.table() else { unreachable!("{lang:?} has a table") };
            let keys: std::collections::BTreeSet<&str> = english.iter().copied().collect();
            let missing: Vec<&String> = used.iter().filter(|text| !keys.contains(text.as_str())).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:#?}");
            let unused: Vec<&&str> = keys.iter().filter(|key| !used.contains(**key)).collect();
            assert!(unused.is_empty(), "{lang:?} translates texts nothing uses: {unused:#?}");
            for key in english {
                let text = lookup(lang, key);
                for placeholder in placeholders(key) {
                    assert!(text.contains(&placeholder), "{lang:?} drops {placeholder} from {key:?}");
                }
            }
        }
    }

    fn placeholders(text: &str) -> Vec<String> {
        text.match_indices('{')
            .filter_map(|(start, _)| text[start..].find('}').map(|end| text[start..=start + end].to_owned()))
            .collect()
    }

    /// The string literals right after `t(` or `tf(` in every source file under src/.
    fn used_texts() -> std::collections::BTreeSet<String> {
        let mut found = std::collections::BTreeSet::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src/ is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|ext| ext == "rs")
                    && !path.starts_with(concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n"))
                {
                    let source = std::fs::read_to_string(&path).expect("readable source");
                    // Field labels are written where a card's facts are made, and shown through t.
                    // A copy button's label is shown through t as well, and so are credential
                    // forms' and fields' labels.
                    for call in ["t(", "tf(", "Field::fact(", "Field::new(", "Field::id(", "label=", "label: "] {
                        for (start, _) in source.match_indices(call) {
                            let preceded_by_word =
                                source[..start].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_');
                            // The text may start on the next line, after the opening parenthesis.
                            let Some(rest) = source[start + call.len()..].trim_start().strip_prefix('"') else {
                                continue;
                            };
                            if preceded_by_word {
                                continue;
                            }
                            if let Some(end) = rest.find('"') {
                                found.insert(rest[..end].to_owned());
                            }
                        }
                    }
                }
            }
        }
        found
    }
}

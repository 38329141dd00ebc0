//! Secrets URLs carry, found in free text: user info (`https://user:pass@host`), secret-named
//! query and fragment parameters (`?access_token=…`, `#sig=…`), and the token segment of the
//! webhook paths whose last part is the credential (Rocket.Chat `/hooks/<id>/<token>`, Slack
//! `hooks.slack.com/services/T…/B…/<secret>`, Discord `/api/webhooks/<id>/<token>`). Only the
//! secret is replaced; the rest of the text stays byte for byte.

use std::ops::Range;

use super::{MASK, is_secret_param};
use crate::slim::sort_short_by;

/// How deep a URL inside a parameter's value (`?next=https%3A%2F%2F…`) is followed.
const NESTING: usize = 3;

/// Characters that end a word of free text: a URL never holds them unescaped.
fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\' | '|' | '{' | '}' | '^')
}

/// Punctuation that closes a sentence or a bracket after a URL rather than belonging to it.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', ')', ']'];

/// `text` with every secret its URLs (absolute or relative, or a bare `name=value&…` list)
/// carry replaced by the mask; everything else as it was.
pub fn mask_urls(text: &str) -> String {
    mask_nested(text, 0)
}

fn mask_nested(text: &str, depth: usize) -> String {
    if !text.contains(['/', '?', '#', '=']) {
        return text.to_owned();
    }
    let mut secrets = Vec::new();
    let mut word_start = None;
    for (index, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if ends_word(c) {
            if let Some(start) = word_start.take() {
                word_secrets(&text[start..index], start, depth, &mut secrets);
            }
        } else if word_start.is_none() {
            word_start = Some(index);
        }
    }
    replace(text, secrets)
}

/// `text` with each range replaced by one mask (overlapping or touching ranges become one).
fn replace(text: &str, mut secrets: Vec<Range<usize>>) -> String {
    if secrets.is_empty() {
        return text.to_owned();
    }
    sort_short_by(&mut secrets, |a, b| a.start.cmp(&b.start));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(secrets.len());
    for range in secrets {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut kept_to = 0;
    for range in merged {
        out.push_str(&text[kept_to..range.start]);
        out.push_str(MASK);
        kept_to = range.end;
    }
    out.push_str(&text[kept_to..]);
    out
}

/// The secrets of one word; `at` is where the word starts in the text.
fn word_secrets(word: &str, at: usize, depth: usize, secrets: &mut Vec<Range<usize>>) {
    let word = word.trim_end_matches(TRAILING);
    let Some((scheme_start, authority_start)) = scheme(word) else {
        return rest_secrets(word, "", true, at, depth, secrets);
    };
    let prefix = &word[..scheme_start];
    // `token=https://…`: the whole URL is the secret parameter's value.
    if let Some(name) = prefix.strip_suffix('=') {
        let name = name.rsplit(['?', '&', '#', ';']).next().unwrap_or(name);
        if is_secret_param(&percent_decoded(name)) {
            secrets.push(at + scheme_start..at + word.len());
            return;
        }
    }
    rest_secrets(prefix, "", true, at, depth, secrets);
    let rest = &word[authority_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = authority_secrets(&rest[..authority_end], at + authority_start, secrets);
    rest_secrets(&rest[authority_end..], host, false, at + authority_start + authority_end, depth, secrets);
}

/// Where a `scheme://` starts in a word, and where its authority starts.
fn scheme(word: &str) -> Option<(usize, usize)> {
    let separator = word.find("://")?;
    let bytes = word.as_bytes();
    let mut start = separator;
    while start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || matches!(bytes[start - 1], b'+' | b'.' | b'-')) {
        start -= 1;
    }
    while start < separator && !bytes[start].is_ascii_alphabetic() {
        start += 1;
    }
    (start < separator).then_some((start, separator + 3))
}

/// Masks an authority's user info and returns its host. Without an `@`, a "port" that is not a
/// number is taken for a password cut off before its `@`.
fn authority_secrets<'a>(authority: &'a str, at: usize, secrets: &mut Vec<Range<usize>>) -> &'a str {
    if let Some(sign) = authority.rfind('@') {
        if sign > 0 {
            secrets.push(at..at + sign);
        }
        return &authority[sign + 1..];
    }
    if authority.starts_with('[') {
        return authority;
    }
    match authority.split_once(':') {
        Some((host, port)) => {
            if !port.is_empty() && !port.bytes().all(|byte| byte.is_ascii_digit()) {
                secrets.push(at + host.len() + 1..at + authority.len());
            }
            host
        }
        None => authority,
    }
}

/// Path, query and fragment: `rest` starts at the path (or is a relative URL or a bare list of
/// parameters when `relative`).
fn rest_secrets(rest: &str, host: &str, relative: bool, at: usize, depth: usize, secrets: &mut Vec<Range<usize>>) {
    if rest.is_empty() {
        return;
    }
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let path = &rest[..path_end];
    path_secrets(path, host, at, secrets);
    let after = &rest[path_end..];
    if let Some(query) = after.strip_prefix('?') {
        let query_end = query.find('#').unwrap_or(query.len());
        parameter_secrets(&query[..query_end], at + path_end + 1, depth, secrets);
        if query_end < query.len() {
            fragment_secrets(&query[query_end + 1..], at + path_end + 1 + query_end + 1, depth, secrets);
        }
    } else if let Some(fragment) = after.strip_prefix('#') {
        fragment_secrets(fragment, at + path_end + 1, depth, secrets);
    }
    if relative && path.contains('=') {
        // Not a URL but a list of parameters (`a=1&token=…`), as a form body or a log line has.
        parameter_secrets(path, at, depth, secrets);
    }
}

/// A fragment holds parameters either itself (`#access_token=…`) or after a route (`#/a?sig=…`).
fn fragment_secrets(fragment: &str, at: usize, depth: usize, secrets: &mut Vec<Range<usize>>) {
    match fragment.find('?') {
        Some(question) => parameter_secrets(&fragment[question + 1..], at + question + 1, depth, secrets),
        None => parameter_secrets(fragment, at, depth, secrets),
    }
}

/// `name=value` pairs split by `&`: a secret name's value, or a value holding a URL with a
/// secret of its own, is masked.
fn parameter_secrets(parameters: &str, at: usize, depth: usize, secrets: &mut Vec<Range<usize>>) {
    let mut start = 0;
    for pair in parameters.split('&') {
        if let Some((name, value)) = pair.split_once('=')
            && !value.is_empty()
            && (is_secret_param(&percent_decoded(name)) || holds_secret_url(value, depth))
        {
            let value_start = at + start + name.len() + 1;
            secrets.push(value_start..value_start + value.len());
        }
        start += pair.len() + 1;
    }
}

/// Whether a parameter's value, once decoded, is a URL carrying a secret.
fn holds_secret_url(value: &str, depth: usize) -> bool {
    if depth >= NESTING {
        return false;
    }
    let decoded = percent_decoded(value);
    decoded.contains("://") && mask_nested(&decoded, depth + 1) != decoded
}

/// The path-secret shapes: Rocket.Chat `/hooks/<id>/<token>`, Discord `/api[/vN]/webhooks/<id>/
/// <token>`, Slack `/services/T…/B…/<secret>` (and on `hooks.slack.com`, the last segment of
/// any path of two or more).
fn path_secrets(path: &str, host: &str, at: usize, secrets: &mut Vec<Range<usize>>) {
    if !path.contains('/') {
        return;
    }
    let mut segments = Vec::new();
    let mut start = 0;
    for segment in path.split('/') {
        segments.push((start, segment));
        start += segment.len() + 1;
    }
    let named =
        |index: usize, name: &str| segments.get(index).is_some_and(|(_, segment)| segment.eq_ignore_ascii_case(name));
    let version = |index: usize| {
        segments.get(index).is_some_and(|(_, segment)| {
            segment.len() > 1
                && segment.starts_with(['v', 'V'])
                && segment[1..].bytes().all(|byte| byte.is_ascii_digit())
        })
    };
    let slack_ids = |index: usize| {
        segments.get(index).is_some_and(|(_, team)| team.starts_with('T'))
            && segments.get(index + 1).is_some_and(|(_, bot)| bot.starts_with('B'))
    };
    let mut mask = |index: usize| {
        if let Some((start, segment)) = segments.get(index)
            && !segment.is_empty()
        {
            secrets.push(at + start..at + start + segment.len());
        }
    };
    for index in 0..segments.len() {
        if named(index, "hooks") {
            mask(index + 2);
        }
        let after_api =
            index > 0 && (named(index - 1, "api") || (index > 1 && version(index - 1) && named(index - 2, "api")));
        if named(index, "webhooks") && after_api {
            mask(index + 2);
        }
        if named(index, "services") && slack_ids(index + 1) {
            mask(index + 3);
        }
    }
    if host.eq_ignore_ascii_case("hooks.slack.com") {
        let filled: Vec<usize> = (0..segments.len()).filter(|index| !segments[*index].1.is_empty()).collect();
        if let [_, .., last] = filled.as_slice() {
            mask(*last);
        }
    }
}

/// `%XX` escapes decoded (and `+` read as a space); what is not valid UTF-8 is replaced.
fn percent_decoded(text: &str) -> String {
    if !text.contains(['%', '+']) {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let hex = |offset: usize| bytes.get(index + offset).and_then(|digit| (*digit as char).to_digit(16));
        match (byte, hex(1), hex(2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                index += 3;
            }
            (b'+', ..) => {
                out.push(b' ');
                index += 1;
            }
            _ => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        mask_urls(text).replace(MASK, "***")
    }

    #[test]
    fn query_secrets_are_masked_and_the_rest_kept() {
        assert_eq!(
            masked("https://h/x?token=abc&room=1, https://k/y?API_KEY=z#top"),
            "https://h/x?token=***&room=1, https://k/y?API_KEY=***#top"
        );
        assert_eq!(masked("no urls here"), "no urls here");
        assert_eq!(masked("GET /proxy/hook?sig=abc&x=1."), "GET /proxy/hook?sig=***&x=1.");
        assert_eq!(masked("a=1&client_secret=xyz"), "a=1&client_secret=***");
        assert_eq!(masked("https://h/x#access_token=abc&state=s"), "https://h/x#access_token=***&state=s");
        assert_eq!(masked("https://h/#/route?code=abc"), "https://h/#/route?code=***");
        assert_eq!(masked("https://h/x?tok%65n=abc"), "https://h/x?tok%65n=***");
        assert_eq!(masked("https://h/x?token="), "https://h/x?token=");
        assert_eq!(masked("token=https://h/x/y"), "token=***");
    }

    #[test]
    fn user_info_and_cut_passwords_are_masked() {
        assert_eq!(masked("https://user:pass@host/p"), "https://***@host/p");
        assert_eq!(masked("see (https://ghp_abc@github.com)."), "see (https://***@github.com).");
        assert_eq!(masked("https://user:pa"), "https://user:***");
        assert_eq!(masked("http://127.0.0.1:8787/x"), "http://127.0.0.1:8787/x");
        assert_eq!(masked("mail me at a@b.c"), "mail me at a@b.c");
    }

    #[test]
    fn urls_inside_parameters_are_followed() {
        assert_eq!(masked("https://h/?next=https%3A%2F%2Fk%2F%3Ftoken%3Dabc&a=1"), "https://h/?next=***&a=1");
        assert_eq!(masked("https://h/?next=https%3A%2F%2Fk%2F&a=1"), "https://h/?next=https%3A%2F%2Fk%2F&a=1");
    }

    #[test]
    fn replaced_ranges_merge() {
        assert_eq!(replace("abcdef", vec![0..2, 1..3, 4..5]), format!("{MASK}d{MASK}f"));
        assert_eq!(replace("abc", vec![]), "abc");
    }
}

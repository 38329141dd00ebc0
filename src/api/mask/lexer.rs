//! Bodies that do not parse (cut off, malformed, or not JSON at all), masked by a small JSON
//! lexer that knows when it is inside a string: a string followed by `:` is a key; when the key
//! names a secret, its string value is masked to its closing quote (or to the end of a cut
//! body), and an object or array under it becomes one mask. Escaped quotes never end a string.
//! Text outside secret values stays as it was, but for the secrets its URLs carry.

use super::{MASK, is_secret_key, mask_urls};

/// Masks every secret-keyed value and every URL secret in a body that may not parse.
pub fn mask_text(body: &str) -> String {
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    // Text outside strings not yet written out.
    let mut plain_start = 0;
    // The last closed string's content, when only whitespace has followed it: a key if a `:` comes.
    let mut key: Option<(usize, usize)> = None;
    // After a secret key's `:`, with only whitespace since.
    let mut secret_value = false;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                out.push_str(&mask_urls(&body[plain_start..index]));
                let (content_end, closed) = string_end(bytes, index + 1);
                let content = &body[index + 1..content_end];
                out.push('"');
                if secret_value {
                    out.push_str(MASK);
                } else {
                    out.push_str(&mask_string_content(content));
                }
                if closed {
                    out.push('"');
                }
                key = (closed && !secret_value).then_some((index + 1, content_end));
                secret_value = false;
                index = if closed { content_end + 1 } else { content_end };
                plain_start = index;
            }
            b':' => {
                secret_value = key.is_some_and(|(start, end)| is_secret_key(&unescape(&body[start..end])));
                key = None;
                index += 1;
            }
            b'{' | b'[' if secret_value => {
                out.push_str(&mask_urls(&body[plain_start..index]));
                out.push('"');
                out.push_str(MASK);
                out.push('"');
                index = container_end(bytes, index);
                plain_start = index;
                secret_value = false;
            }
            byte if byte.is_ascii_whitespace() => index += 1,
            _ => {
                key = None;
                secret_value = false;
                index += 1;
            }
        }
    }
    out.push_str(&mask_urls(&body[plain_start..]));
    out
}

/// Where the string whose content starts at `from` ends: the index of its closing quote and
/// `true`, or the end of the text and `false` when it was cut. A backslash escapes the next
/// byte, so `\"` and `\\` never end or shift it.
fn string_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut index = from;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            b'"' => return (index, true),
            _ => index += 1,
        }
    }
    (bytes.len(), false)
}

/// The index just past the bracket closing the object or array opened at `open` (strings
/// skipped), or the end of the text when it was cut.
fn container_end(bytes: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    let mut index = open;
    while index < bytes.len() {
        match bytes[index] {
            b'"' => {
                let (end, closed) = string_end(bytes, index + 1);
                index = if closed { end + 1 } else { end };
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return index + 1;
                }
            }
            _ => {}
        }
        index += 1;
    }
    bytes.len()
}

/// A non-secret string's content, as written in the body, with its URL secrets masked. Its
/// escapes are read first (`https:\/\/…` is a URL too); it is written anew only when a secret
/// was found, and otherwise kept exactly as it was.
fn mask_string_content(content: &str) -> String {
    if !content.contains('\\') {
        return mask_urls(content);
    }
    let text = unescape(content);
    let masked = mask_urls(&text);
    if masked == text { content.to_owned() } else { escape(&masked, content.contains("\\/")) }
}

/// A JSON string's content with its escapes read; a cut or unknown escape is kept as written.
fn unescape(content: &str) -> String {
    if !content.contains('\\') {
        return content.to_owned();
    }
    let mut out = String::with_capacity(content.len());
    let mut chars = content.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.clone().take(4).collect();
                match u32::from_str_radix(&hex, 16) {
                    Ok(unit) if hex.len() == 4 => {
                        chars.nth(3);
                        let low_follows = (0xD800..0xDC00).contains(&unit) && {
                            let mut ahead = chars.clone();
                            ahead.next() == Some('\\') && ahead.next() == Some('u')
                        };
                        let pair = low_follows
                            .then(|| {
                                let mut ahead = chars.clone();
                                ahead.nth(1);
                                let low: String = ahead.take(4).collect();
                                u32::from_str_radix(&low, 16).ok().filter(|low| (0xDC00..0xE000).contains(low))
                            })
                            .flatten();
                        match pair {
                            Some(low) => {
                                chars.nth(5);
                                out.push(
                                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                                        .unwrap_or('\u{fffd}'),
                                );
                            }
                            None => out.push(char::from_u32(unit).unwrap_or('\u{fffd}')),
                        }
                    }
                    _ => out.push_str("\\u"),
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => {}
        }
    }
    out
}

/// Text as a JSON string's content; `/` written `\/` where the body wrote it so.
fn escape(text: &str, slash: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if slash => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(body: &str) -> String {
        mask_text(body).replace(MASK, "***")
    }

    #[test]
    fn masks_secrets_in_bodies_that_do_not_parse() {
        assert_eq!(masked(r#"{"name":"a","token" : "abc\"def","x":1"#), r#"{"name":"a","token" : "***","x":1"#);
        // Cut inside the secret: nothing after the opening quote survives.
        assert_eq!(masked(r#"{"partner_token":"yasdfk"#), r#"{"partner_token":"***"#);
        assert_eq!(masked(r#"{"partner_token":""#), r#"{"partner_token":"***"#);
        assert_eq!(masked("<html>token</html>"), "<html>token</html>");
    }

    #[test]
    fn every_secret_is_masked_after_the_first_and_after_escaped_quotes() {
        assert_eq!(
            masked(r#"{"token":"a","note":"say \"token\": \"keep\"","Password":"b\\","x-api-key":"c\\\"d","n":"#),
            r#"{"token":"***","note":"say \"token\": \"keep\"","Password":"***","x-api-key":"***","n":"#
        );
        assert_eq!(
            masked(r#"[{"a":{"accessToken" :"x"}},{"TOKEN":"y"}"#),
            r#"[{"a":{"accessToken" :"***"}},{"TOKEN":"***"}"#
        );
    }

    #[test]
    fn objects_and_arrays_under_a_secret_key_become_one_mask() {
        assert_eq!(masked(r#"{"scriptError":{"m":"x","l":[1,"]"]},"ok":true"#), r#"{"scriptError":"***","ok":true"#);
        assert_eq!(masked(r#"{"cookies":["a","b"#), r#"{"cookies":"***""#);
        assert_eq!(
            masked(r#"{"tokenExpires":3600,"scriptEnabled":false,"#),
            r#"{"tokenExpires":3600,"scriptEnabled":false,"#
        );
    }

    #[test]
    fn keys_are_read_through_their_escapes() {
        assert_eq!(masked(r#"{"api\u005fkey":"x","#), r#"{"api\u005fkey":"***","#);
        assert_eq!(unescape(r"a\ud83d\ude00b\u00e9\n\q\"), "a😀bé\n\\q");
    }

    #[test]
    fn urls_in_strings_and_text_are_masked_and_the_rest_kept() {
        assert_eq!(
            masked(r#"{"url":"https:\/\/chat\/hooks\/id1\/tok","u":"https://h/?x=1&key=k","#),
            r#"{"url":"https:\/\/chat\/hooks\/id1\/***","u":"https://h/?x=1&key=***","#
        );
        assert_eq!(masked("<a href=https://u:p@h/>502</a>"), "<a href=https://***@h/>502</a>");
        let plain = r#"{"a":"x\"y\\","b":[1,2,{"c":"d"}],"#;
        assert_eq!(mask_text(plain), plain);
    }
}

//! A JSON body printed pretty and masked while it is read, without building the document: for
//! a list of thousands of items, a `serde_json::Value` tree costs many times the body's size,
//! and the panels show only its first [`super::SHOWN_BODY_LIMIT`] bytes. Past those, the rest
//! is only checked to be JSON, not masked or printed: every call's body is read this way for
//! Activity, list pages of hundreds of items included.
//!
//! The text is what `serde_json::to_string_pretty` writes for the document after
//! [`super::mask_json`], except that keys keep the platform's order (and a repeated key stays
//! repeated): the body is shown as it was sent.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{MASK, is_secret_key, mask_urls};

/// The start of `body` pretty and masked: all of it when it fits in `limit` bytes, else more
/// than `limit` bytes and at most `limit` + 4 (so a cut can fall on a char boundary); `None`
/// when `body` is not one JSON document.
pub fn masked_pretty(body: &str, limit: usize) -> Option<String> {
    let mut out = Out { text: String::new(), limit };
    let mut deserializer = serde_json::Deserializer::from_str(body);
    Node { out: &mut out, depth: 0, secret: false, item: None }.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(out.text)
}

struct Out {
    text: String,
    limit: usize,
}

impl Out {
    /// Past the limit: what follows is not kept.
    fn is_full(&self) -> bool {
        self.text.len() > self.limit
    }

    /// Keeps of `piece` what falls within a few bytes past the limit (on a char boundary): one
    /// long string in a body must not be kept whole to show its start.
    fn push(&mut self, piece: &str) {
        if self.is_full() {
            return;
        }
        let room = self.limit.saturating_add(4) - self.text.len();
        let mut end = room.min(piece.len());
        while !piece.is_char_boundary(end) {
            end -= 1;
        }
        self.text.push_str(&piece[..end]);
    }

    fn push_string(&mut self, text: &str) {
        let quoted = serde_json::to_string(text).unwrap_or_default();
        self.push(&quoted);
    }

    /// An array's or object's end: on a line of its own unless it was empty (`[]`, `{}`).
    fn close(&mut self, count: usize, depth: usize, bracket: &str) {
        if count > 0 {
            self.new_line(depth);
        }
        self.push(bracket);
    }

    fn new_line(&mut self, depth: usize) {
        self.push("\n");
        for _ in 0..depth {
            self.push("  ");
        }
    }
}

/// One value at `depth`; `secret` when its key names a secret, so a string, array or object
/// prints as the mask (numbers, flags and nulls stay, as in [`super::mask_json`]).
struct Node<'o> {
    out: &'o mut Out,
    depth: usize,
    secret: bool,
    /// For an array's item: whether it is the first. An array cannot say whether another item
    /// follows, so each item writes its own separator once it turns out to exist.
    item: Option<bool>,
}

impl Node<'_> {
    /// The separator before an array's item, then the out to write the value to.
    fn begin(&mut self) -> &mut Out {
        if let Some(first) = self.item {
            if !first {
                self.out.push(",");
            }
            self.out.new_line(self.depth);
        }
        self.out
    }
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.out.is_full() {
            return deserializer.deserialize_ignored_any(IgnoredAny).map(drop);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(mut self, value: bool) -> Result<(), E> {
        self.begin().push(if value { "true" } else { "false" });
        Ok(())
    }

    fn visit_i64<E>(mut self, value: i64) -> Result<(), E> {
        self.begin().push(&value.to_string());
        Ok(())
    }

    fn visit_u64<E>(mut self, value: u64) -> Result<(), E> {
        self.begin().push(&value.to_string());
        Ok(())
    }

    fn visit_f64<E>(mut self, value: f64) -> Result<(), E> {
        self.begin().push(&serde_json::to_string(&value).unwrap_or_default());
        Ok(())
    }

    fn visit_unit<E>(mut self) -> Result<(), E> {
        self.begin().push("null");
        Ok(())
    }

    fn visit_str<E>(mut self, value: &str) -> Result<(), E> {
        let secret = self.secret;
        let out = self.begin();
        if secret {
            out.push_string(MASK);
        } else {
            out.push_string(&mask_urls(value));
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut items: A) -> Result<(), A::Error> {
        if self.secret {
            while items.next_element::<IgnoredAny>()?.is_some() {}
            self.begin().push_string(MASK);
            return Ok(());
        }
        let depth = self.depth;
        let out = self.begin();
        out.push("[");
        let mut count = 0;
        while items
            .next_element_seed(Node { out: &mut *out, depth: depth + 1, secret: false, item: Some(count == 0) })?
            .is_some()
        {
            count += 1;
        }
        out.close(count, depth, "]");
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut entries: A) -> Result<(), A::Error> {
        if self.secret {
            while entries.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            self.begin().push_string(MASK);
            return Ok(());
        }
        let depth = self.depth;
        let out = self.begin();
        out.push("{");
        let mut count = 0;
        while !out.is_full() {
            let Some(key) = entries.next_key::<String>()? else { break };
            if count > 0 {
                out.push(",");
            }
            out.new_line(depth + 1);
            let key = mask_urls(&key);
            out.push_string(&key);
            out.push(": ");
            let secret = is_secret_key(&key);
            entries.next_value_seed(Node { out: &mut *out, depth: depth + 1, secret, item: None })?;
            count += 1;
        }
        while entries.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        out.close(count, depth, "}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(body: &str) -> String {
        masked_pretty(body, usize::MAX).expect("JSON")
    }

    #[test]
    fn keeps_the_platforms_key_order_and_masks_under_secret_keys() {
        let body = r#"{"z":1,"token":{"a":[1]},"list":[],"map":{},"a":[true,null,"https://h/x?token=t"]}"#;
        let expected = format!(
            "{{\n  \"z\": 1,\n  \"token\": \"{MASK}\",\n  \"list\": [],\n  \"map\": {{}},\n  \"a\": [\n    true,\n    null,\n    \"https://h/x?token={MASK}\"\n  ]\n}}"
        );
        assert_eq!(printed(body), expected);
    }

    #[test]
    fn anything_but_one_json_document_is_refused() {
        for body in ["", "{\"a\":1", "{\"a\":1} {}", "<html>", "[1,]"] {
            assert!(masked_pretty(body, 100).is_none(), "{body}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use proptest::prelude::*;
        use serde_json::Value;

        use super::{masked_pretty, printed};
        use crate::api::mask::mask_json;

        /// What the tree-building path prints: mask the document, then `to_string_pretty`.
        fn through_a_tree(body: &str) -> String {
            let mut value: Value = serde_json::from_str(body).expect("JSON");
            mask_json(&mut value);
            serde_json::to_string_pretty(&value).expect("text")
        }

        fn json() -> impl Strategy<Value = Value> {
            let key = prop_oneof![
                Just("name".to_owned()),
                Just("token".to_owned()),
                Just("scriptEnabled".to_owned()),
                Just("Set-Cookie".to_owned()),
                Just("https://h/p?token=k".to_owned()),
                "[a-z\"\\\\é]{0,4}",
            ];
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::from),
                any::<i64>().prop_map(Value::from),
                any::<u64>().prop_map(Value::from),
                any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Value::from),
                prop_oneof![Just("https://u:pw@h/hooks/a/b?sig=1".to_owned()), "[ -~é\n\t]{0,8}"].prop_map(Value::from),
            ];
            leaf.prop_recursive(4, 48, 6, move |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                    prop::collection::vec((key.clone(), inner), 0..5)
                        .prop_map(|entries| Value::Object(entries.into_iter().collect())),
                ]
            })
        }

        proptest! {
            #[test]
            fn prints_what_masking_the_tree_prints(value in json()) {
                let body = value.to_string();
                prop_assert_eq!(printed(&body), through_a_tree(&body));
            }

            #[test]
            fn keeps_the_first_bytes(value in json(), limit in 0usize..200) {
                let body = value.to_string();
                let whole = through_a_tree(&body);
                let cut = masked_pretty(&body, limit).expect("JSON");
                prop_assert!(whole.starts_with(&cut));
                // Longer than the limit exactly when the whole is: a cut can be told.
                prop_assert_eq!(cut.len() > limit, whole.len() > limit);
                prop_assert!(cut.len() >= limit.min(whole.len()));
                prop_assert!(cut.len() <= limit + 4, "kept {} bytes past a limit of {limit}", cut.len());
            }
        }
    }
}

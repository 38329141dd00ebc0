//! Rocket.Chat's request validators (AJV 8 without `allErrors`), reduced to what its integration
//! schemas use, so a refused request names the failures the real server names, in its order.

use serde_json::{Map, Value};

/// The JSON type a property must have.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    String,
    Boolean,
    Number,
    /// An array of non-empty strings (`urls`, `triggerWords`).
    Strings,
}

#[derive(Debug, Clone, Copy)]
pub struct Property {
    pub name: &'static str,
    pub kind: Kind,
    /// OpenAPI's `nullable`: `null` passes.
    pub nullable: bool,
    /// AJV's `pattern`, unanchored; the integration schemas use plain words, so a substring test.
    pub pattern: Option<&'static str>,
    pub min_length: usize,
}

impl Property {
    pub const fn new(name: &'static str, kind: Kind, nullable: bool) -> Self {
        Self { name, kind, nullable, pattern: None, min_length: 0 }
    }

    /// The `type` property of a `oneOf` branch: a string that must contain `pattern`.
    pub const fn type_pattern(pattern: &'static str) -> Self {
        Self { pattern: Some(pattern), ..Self::new("type", Kind::String, false) }
    }
}

/// An object schema: `type: 'object'`, `properties`, `required` and `additionalProperties`.
#[derive(Debug)]
pub struct Object {
    pub properties: &'static [Property],
    pub required: &'static [&'static str],
    /// `additionalProperties: false`.
    pub closed: bool,
}

impl Object {
    /// AJV's first error for `value`, in its keyword order: `type`, `required` (in the array's
    /// order), `additionalProperties`, then each property in schema order.
    pub fn first_error(&self, value: &Value) -> Option<String> {
        let Some(object) = value.as_object() else {
            return Some("must be object".to_owned());
        };
        if let Some(missing) = self.required.iter().find(|name| !object.contains_key(**name)) {
            return Some(format!("must have required property '{missing}'"));
        }
        let declared = |key: &String| self.properties.iter().any(|property| property.name == key);
        if self.closed && !object.keys().all(declared) {
            return Some("must NOT have additional properties".to_owned());
        }
        self.properties.iter().find_map(|property| property_error(property, object))
    }
}

/// `oneOf`: `Ok` with the index of the one branch that passes; otherwise each failing branch's
/// first error, then AJV's `oneOf` message (also when two branches pass).
pub fn one_of(branches: &[Object], value: &Value) -> Result<usize, Vec<String>> {
    let errors: Vec<Option<String>> = branches.iter().map(|branch| branch.first_error(value)).collect();
    let passing: Vec<usize> = errors.iter().enumerate().filter(|(_, error)| error.is_none()).map(|(i, _)| i).collect();
    match passing[..] {
        [only] => Ok(only),
        _ => {
            let mut messages: Vec<String> = errors.into_iter().flatten().collect();
            messages.push("must match exactly one schema in oneOf".to_owned());
            Err(messages)
        }
    }
}

fn property_error(property: &Property, object: &Map<String, Value>) -> Option<String> {
    match object.get(property.name)? {
        Value::Null if property.nullable => None,
        value => value_error(property, value),
    }
}

fn value_error(property: &Property, value: &Value) -> Option<String> {
    match (property.kind, value) {
        (Kind::String, Value::String(text)) => string_error(text, property.min_length, property.pattern),
        (Kind::Boolean, Value::Bool(_)) | (Kind::Number, Value::Number(_)) => None,
        (Kind::Strings, Value::Array(items)) => items.iter().find_map(|item| match item {
            Value::String(text) => string_error(text, 1, None),
            _ => Some("must be string".to_owned()),
        }),
        (kind, _) => Some(format!("must be {}", type_name(kind))),
    }
}

fn string_error(text: &str, min_length: usize, pattern: Option<&str>) -> Option<String> {
    if text.chars().count() < min_length {
        return Some(format!("must NOT have fewer than {min_length} characters"));
    }
    pattern.filter(|pattern| !text.contains(pattern)).map(|pattern| format!("must match pattern \"{pattern}\""))
}

fn type_name(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "string",
        Kind::Boolean => "boolean",
        Kind::Number => "number",
        Kind::Strings => "array",
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Object, Property, one_of};
    use serde_json::{Value, json};

    const INCOMING: Object = Object {
        properties: &[Property::type_pattern("in"), Property::new("id", Kind::String, false)],
        required: &["id", "type"],
        closed: false,
    };
    const OUTGOING: Object = Object {
        properties: &[
            Property::type_pattern("out"),
            Property::new("id", Kind::String, true),
            Property::new("urls", Kind::Strings, true),
            Property::new("on", Kind::Boolean, false),
        ],
        required: &["type", "on"],
        closed: true,
    };

    fn check(value: Value) -> Result<usize, Vec<String>> {
        one_of(&[INCOMING, OUTGOING], &value)
    }

    fn refused(messages: &[&str]) -> Result<usize, Vec<String>> {
        let mut all: Vec<String> = messages.iter().map(|message| (*message).to_owned()).collect();
        all.push("must match exactly one schema in oneOf".to_owned());
        Err(all)
    }

    // The expected messages are what ajv 8.20 prints for the same schemas and values.
    #[test]
    fn reports_the_first_failure_of_each_branch_in_ajvs_order() {
        assert_eq!(check(json!({"type": "in", "id": "a"})), Ok(0));
        assert_eq!(check(json!({"type": "out", "on": true, "urls": null})), Ok(1));
        assert_eq!(check(json!([])), refused(&["must be object", "must be object"]));
        assert_eq!(
            check(json!({})),
            refused(&["must have required property 'id'", "must have required property 'type'"])
        );
        let extra = json!({"type": "out", "on": "yes", "_id": "x", "id": "y"});
        assert_eq!(check(extra), refused(&["must match pattern \"in\"", "must NOT have additional properties"]));
        assert_eq!(
            check(json!({"type": "out", "on": "yes"})).map_err(|messages| messages[1].clone()),
            Err("must be boolean".to_owned())
        );
        let empty_url = json!({"type": "out", "on": true, "urls": ["a", ""]});
        assert_eq!(
            check(empty_url).map_err(|messages| messages[1].clone()),
            Err("must NOT have fewer than 1 characters".to_owned())
        );
        let url_text = json!({"type": "out", "on": true, "urls": "a"});
        assert_eq!(check(url_text).map_err(|messages| messages[1].clone()), Err("must be array".to_owned()));
        // Both branches pass: only the oneOf message.
        assert_eq!(check(json!({"type": "in-out", "id": "a", "on": true})), refused(&[]));
    }
}

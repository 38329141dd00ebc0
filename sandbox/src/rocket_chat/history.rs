//! `GET /api/v1/integrations.history` (contracts 2.5b): an outgoing integration's runs, newest
//! first unless `sort` says otherwise, paged like the list.

use serde_json::{Map, Value, json};

use super::schema::{Kind, Object, Property};
use super::{compare_by, forbidden, invalid_params, number, page, page_count, parse_sort};
use crate::data::rocket_chat::{MANAGE_OUTGOING, MANAGE_OWN_OUTGOING, User};
use crate::http::{Request, Response};
use crate::state::{Sandbox, lock};

/// rest-typings `IntegrationsHistoryProps`: every parameter a string, nothing else allowed.
const QUERY: Object = Object {
    properties: &[
        Property { min_length: 1, ..Property::new("id", Kind::String, false) },
        Property::new("offset", Kind::String, true),
        Property::new("count", Kind::String, true),
        Property::new("sort", Kind::String, true),
        Property::new("query", Kind::String, true),
    ],
    required: &["id"],
    closed: true,
};

/// The server's default sort.
const NEWEST_FIRST: (&str, bool) = ("_updatedAt", true);

/// Reads the history store directly: an unknown id, an incoming integration or a removed one
/// answers an empty page, as the server's query finds nothing for them.
pub fn history(sandbox: &Sandbox, request: &Request, user: &User) -> Response {
    if let Some(message) = QUERY.first_error(&query_object(request)) {
        return invalid_params(&[message]);
    }
    if !user.can(MANAGE_OUTGOING) && !user.can(MANAGE_OWN_OUTGOING) {
        return forbidden(sandbox);
    }
    let id = request.query_param("id").unwrap_or_default();
    // The validator lets a blank id through; the handler does not.
    if id.trim().is_empty() {
        return Response::json(400, &json!({ "success": false, "error": "Invalid integration id." }));
    }
    let sort = match request.query_param("sort").map(parse_sort).transpose() {
        Ok(sort) => sort.unwrap_or_else(|| vec![(NEWEST_FIRST.0.to_owned(), NEWEST_FIRST.1)]),
        Err(response) => return response,
    };
    let offset = number(request.query_param("offset")).unwrap_or(0);
    let data = lock(&sandbox.data);
    // Own-only callers see the runs of integrations they created, as the run's snapshot says.
    let mut runs: Vec<&Value> = data
        .rocket_chat
        .history
        .get(id)
        .into_iter()
        .flatten()
        .filter(|run| user.can(MANAGE_OUTGOING) || run["integration"]["_createdBy"]["_id"] == user.id)
        .collect();
    runs.sort_by(|a, b| compare_by(&sort, a, b));
    page("history", &runs, offset, page_count(request))
}

/// The query string as the validator sees it: a repeated parameter becomes an array.
fn query_object(request: &Request) -> Value {
    let mut object = Map::new();
    for (key, value) in &request.query {
        match object.get_mut(key) {
            Some(Value::Array(values)) => values.push(json!(value)),
            Some(first) => *first = json!([first.take(), value]),
            None => {
                object.insert(key.clone(), json!(value));
            }
        }
    }
    Value::Object(object)
}

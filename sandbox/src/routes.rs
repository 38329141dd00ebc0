//! Each platform's route templates, written after its prefix (`/rocketchat`, `/ryze`,
//! `/altegio`), and the matcher that finds a request's template. Faults name these templates.

use crate::http::percent_decode;

/// Rocket.Chat (contracts section 2).
pub const ROCKET_CHAT: &[&str] = &[
    "/api/info",
    "/api/v1/login",
    "/api/v1/logout",
    "/api/v1/me",
    "/api/v1/integrations.list",
    "/api/v1/integrations.get",
    "/api/v1/integrations.remove",
    "/api/v1/integrations.update",
    "/api/v1/integrations.history",
];

/// RyzeAPI (contracts section 3).
pub const RYZE: &[&str] = &["/api/instance/list", "/api/chatwoot/list/:instance", "/api/chatwoot/delete/:instance"];

/// Altegio's partner marketplace (contracts section 1).
pub const ALTEGIO: &[&str] = &[
    "/marketplace/application/:app/salons",
    "/marketplace/salon/:id/application/:app",
    "/marketplace/salon/:id/application/:app/uninstall",
];

/// The template `path` matches and its `:name` segments, decoded.
pub fn find(routes: &[&'static str], path: &str) -> Option<(&'static str, Vec<String>)> {
    routes.iter().find_map(|template| {
        let mut template_segments = template.split('/');
        let mut path_segments = path.split('/');
        let mut params = Vec::new();
        loop {
            match (template_segments.next(), path_segments.next()) {
                (None, None) => return Some((*template, params)),
                (Some(wanted), Some(given)) if wanted.starts_with(':') && !given.is_empty() => {
                    params.push(percent_decode(given, false));
                }
                (Some(wanted), Some(given)) if wanted == given => {}
                _ => return None,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn matches_templates_and_decodes_parameters() {
        let routes = ["/api/chatwoot/list/:instance", "/a/:x/b/:y/c"];
        assert_eq!(
            find(&routes, "/api/chatwoot/list/caf%C3%A9"),
            Some(("/api/chatwoot/list/:instance", vec!["café".to_owned()]))
        );
        assert_eq!(find(&routes, "/a/1/b/2/c"), Some(("/a/:x/b/:y/c", vec!["1".to_owned(), "2".to_owned()])));
        assert_eq!(find(&routes, "/api/chatwoot/list/"), None);
        assert_eq!(find(&routes, "/api/chatwoot/list/a/b"), None);
    }
}

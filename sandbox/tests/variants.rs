//! Every `--variant NAME=VALUE`, value by value: the exact shape each serves. The sandbox is
//! started through the command-line parser, as `sandbox --variant ...` would be.

mod common;

use std::collections::BTreeSet;
use std::net::SocketAddr;

use common::{Call, Reply, fixture, start_args};
use serde_json::{Value, json};

fn variant(assignment: &str) -> SocketAddr {
    start_args(&["--variant", assignment]).api_addr
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value.as_object().expect("object").keys().map(String::as_str).collect()
}

mod ryze {
    use super::*;

    pub const ACCOUNT: &str = "sandbox-account-token";
    pub const INSTANCE: &str = "sandbox-instance-token";
    const EVERY_INSTANCE: [&str; 5] = ["suporte", "vendas", "financeiro", "marketing", "sem-chatwoot"];

    pub fn call(addr: SocketAddr, method: &str, path: &str, token: &str) -> Reply {
        Call::new(addr, method, &format!("/ryze{path}")).header("token", token).send()
    }

    fn list(addr: SocketAddr, query: &str) -> Value {
        let reply = call(addr, "GET", &format!("/api/instance/list{query}"), ACCOUNT);
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.json()
    }

    /// The items of a `data` envelope, and the instance names under `key`.
    fn names(items: &Value, key: &str) -> Vec<String> {
        let items = items.as_array().expect("items array");
        items.iter().map(|item| item[key].as_str().expect("instance name").to_owned()).collect()
    }

    #[test]
    fn list_data_is_the_default_envelope_with_instance_name() {
        for addr in [common::start().api_addr, variant("ryze-list=data")] {
            let body = list(addr, "");
            assert_eq!(keys(&body), BTreeSet::from(["success", "message", "data"]));
            assert_eq!(body["message"], "5 Instances found");
            assert_eq!(names(&body["data"], "instanceName"), EVERY_INSTANCE);
            call(addr, "GET", "/api/instance/list", INSTANCE).assert_fixture(200, "ryze/instance_list.json");
        }
    }

    #[test]
    fn list_instances_puts_items_under_instances_with_instance_name() {
        let addr = variant("ryze-list=instances");
        let body = list(addr, "");
        assert_eq!(keys(&body), BTreeSet::from(["success", "message", "instances"]));
        assert_eq!(names(&body["instances"], "instance_name"), EVERY_INSTANCE);
        for item in body["instances"].as_array().expect("array") {
            assert!(item.get("instanceName").is_none() && item.get("name").is_none(), "{item}");
        }
        call(addr, "GET", "/api/instance/list", INSTANCE).assert_fixture(200, "ryze/instance_list_instances.json");
    }

    #[test]
    fn list_bare_answers_an_array_with_name() {
        let addr = variant("ryze-list=bare");
        let body = list(addr, "");
        assert_eq!(names(&body, "name"), EVERY_INSTANCE);
        for item in body.as_array().expect("array") {
            assert!(item.get("instanceName").is_none() && item.get("instance_name").is_none(), "{item}");
        }
        call(addr, "GET", "/api/instance/list", INSTANCE).assert_fixture(200, "ryze/instance_list_bare.json");
        assert_eq!(list(addr, "?instanceName=unplug-probe-1,unplug-probe-2"), json!([]));
    }

    #[test]
    fn summary_full_summarises_every_link_and_marks_the_unlinked_instance() {
        let addr = variant("ryze-summary=full");
        let body = list(addr, "");
        let summaries: Vec<&Value> = body["data"].as_array().expect("array").iter().map(|i| &i["chatwoot"]).collect();
        assert_eq!(summaries[0], &fixture("ryze/instance_list.json")["data"][0]["chatwoot"]);
        assert_eq!(
            summaries[1],
            &json!({"enabled": true, "status": "paused", "bridge_integration_id": "int_vendas", "chatwoot_inbox_name": "WhatsApp - Vendas"})
        );
        assert_eq!(
            keys(summaries[2]),
            BTreeSet::from(["enabled", "status", "bridge_integration_id", "chatwoot_inbox_name", "error"])
        );
        assert_eq!(summaries[4], &json!({"enabled": false}), "sem-chatwoot has no link");
    }

    #[test]
    fn summary_none_leaves_the_key_out_so_each_instance_is_asked() {
        let addr = variant("ryze-summary=none");
        let body = list(addr, "");
        for item in body["data"].as_array().expect("array") {
            assert!(item.get("chatwoot").is_none(), "{item}");
        }
        call(addr, "GET", "/api/instance/list", INSTANCE).assert_fixture(200, "ryze/instance_list_no_summary.json");
        call(addr, "GET", "/api/chatwoot/list/suporte", ACCOUNT).assert_fixture(200, "ryze/chatwoot_info.json");
        call(addr, "GET", "/api/chatwoot/list/sem-chatwoot", ACCOUNT)
            .assert_fixture(404, "ryze/no_chatwoot_integration.json");
    }

    #[test]
    fn probe_empty_ignores_unknown_names() {
        let addr = variant("ryze-probe=empty");
        let none = list(addr, "?instanceName=unplug-probe-1,unplug-probe-2");
        assert_eq!(none, json!({"success": true, "message": "0 Instances found", "data": []}));
        // One unknown name alone is the documented 404.
        call(addr, "GET", "/api/instance/list?instanceName=nope", ACCOUNT)
            .assert_fixture(404, "ryze/instance_not_found.json");
        assert_eq!(
            names(&list(addr, "?instanceName=vendas,nope,marketing")["data"], "instanceName"),
            ["vendas", "marketing"]
        );
        assert_eq!(list(addr, "?instanceName=vendas")["message"], "1 Instance found");
        let own = call(addr, "GET", "/api/instance/list?instanceName=unplug-probe-1,unplug-probe-2", INSTANCE);
        own.assert_fixture(200, "ryze/instance_list.json");
        let instances = start_args(&["--variant", "ryze-probe=empty", "--variant=ryze-list=instances"]).api_addr;
        let none = list(instances, "?instanceName=unplug-probe-1,unplug-probe-2");
        assert_eq!(none, json!({"success": true, "message": "0 Instances found", "instances": []}));
    }

    #[test]
    fn probe_404_refuses_any_filter_without_a_known_name() {
        let addr = variant("ryze-probe=404");
        for query in ["?instanceName=unplug-probe-1,unplug-probe-2", "?instanceName=nope"] {
            call(addr, "GET", &format!("/api/instance/list{query}"), ACCOUNT)
                .assert_fixture(404, "ryze/instance_not_found.json");
        }
        assert_eq!(
            names(&list(addr, "?instanceName=vendas,nope,marketing")["data"], "instanceName"),
            ["vendas", "marketing"]
        );
        assert_eq!(names(&list(addr, "?instanceName=vendas")["data"], "instanceName"), ["vendas"]);
        let own = call(addr, "GET", "/api/instance/list?instanceName=unplug-probe-1,unplug-probe-2", INSTANCE);
        own.assert_fixture(200, "ryze/instance_list.json");
    }

    #[test]
    fn probe_full_ignores_the_filter_altogether() {
        let addr = variant("ryze-probe=full");
        for query in ["?instanceName=unplug-probe-1,unplug-probe-2", "?instanceName=nope", "?instanceName=vendas"] {
            let body = list(addr, query);
            assert_eq!(body["message"], "5 Instances found");
            assert_eq!(names(&body["data"], "instanceName"), EVERY_INSTANCE);
        }
        let own = call(addr, "GET", "/api/instance/list?instanceName=unplug-probe-1,unplug-probe-2", INSTANCE);
        own.assert_fixture(200, "ryze/instance_list.json");
    }

    #[test]
    fn module_on_answers_the_docs_probe_with_404() {
        let addr = variant("ryze-module=on");
        call(addr, "GET", "/api/chatwoot/list/anything", ACCOUNT).assert_fixture(404, "ryze/instance_not_found.json");
        call(addr, "GET", "/api/chatwoot/list/suporte", ACCOUNT).assert_fixture(200, "ryze/chatwoot_info.json");
    }

    #[test]
    fn module_off_answers_503_on_every_chatwoot_route_and_lists_no_link() {
        let addr = variant("ryze-module=off");
        for (method, path) in [
            ("GET", "/api/chatwoot/list/anything"),
            ("GET", "/api/chatwoot/list/suporte"),
            ("GET", "/api/chatwoot/list/sem-chatwoot"),
            ("DELETE", "/api/chatwoot/delete/suporte"),
            ("DELETE", "/api/chatwoot/delete/nope"),
        ] {
            call(addr, method, path, ACCOUNT).assert_fixture(503, "ryze/gateway_not_configured.json");
        }
        call(addr, "GET", "/api/chatwoot/list/vendas", INSTANCE)
            .assert_fixture(503, "ryze/gateway_not_configured.json");
        // Tokens are still checked first.
        call(addr, "GET", "/api/chatwoot/list/suporte", "nope").assert_fixture(401, "ryze/invalid_token.json");
        let body = list(addr, "");
        for item in body["data"].as_array().expect("array") {
            assert_eq!(item["chatwoot"], json!({"enabled": false}), "{item}");
        }
        let bare = start_args(&["--variant=ryze-module=off", "--variant=ryze-summary=none"]).api_addr;
        let body = list(bare, "");
        for item in body["data"].as_array().expect("array") {
            assert!(item.get("chatwoot").is_none(), "{item}");
        }
    }

    #[test]
    fn expose_none_leaves_the_rate_limit_headers_unreadable_by_the_page() {
        let origin = common::ORIGIN;
        for (addr, exposed) in [
            (
                common::start().api_addr,
                Some("X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After"),
            ),
            (variant("ryze-expose=none"), None),
        ] {
            let reply = Call::new(addr, "GET", "/ryze/api/instance/list")
                .header("token", ACCOUNT)
                .header("Origin", origin)
                .send();
            assert_eq!(reply.status, 200, "{}", reply.body);
            assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(origin));
            assert_eq!(reply.header("Access-Control-Expose-Headers"), exposed);
        }
    }
}

mod altegio {
    use super::*;

    fn ids(addr: SocketAddr, query: &str) -> Vec<u64> {
        let reply = Call::new(addr, "GET", &format!("/altegio/marketplace/application/1/salons{query}"))
            .header("Authorization", "Bearer sandbox-partner-token")
            .send();
        assert_eq!(reply.status, 200, "{}", reply.body);
        let body = reply.json();
        assert_eq!(keys(&body), BTreeSet::from(["success", "data", "meta"]));
        body["data"].as_array().expect("data").iter().map(|salon| salon["id"].as_u64().expect("id")).collect()
    }

    #[test]
    fn page_base_1_reads_pages_below_1_as_the_first() {
        let addr = variant("altegio-page-base=1");
        for page in ["0", "1", "-3"] {
            assert_eq!(ids(addr, &format!("?page={page}&count=2")), [1050, 1051], "page={page}");
        }
        assert_eq!(ids(addr, "?page=2&count=2"), [1052, 1053]);
        assert_eq!(ids(addr, "?page=3&count=2"), Vec::<u64>::new());
        assert_eq!(ids(addr, "?count=3"), [1050, 1051, 1052]);
    }

    #[test]
    fn page_base_0_makes_page_0_the_first() {
        let addr = variant("altegio-page-base=0");
        assert_eq!(ids(addr, "?page=0&count=2"), [1050, 1051]);
        assert_eq!(ids(addr, "?page=1&count=2"), [1052, 1053]);
        assert_eq!(ids(addr, "?page=2&count=2"), Vec::<u64>::new());
        assert_eq!(ids(addr, "?page=-1&count=2"), [1050, 1051]);
        assert_eq!(ids(addr, "?count=3"), [1050, 1051, 1052]);
    }

    #[test]
    fn paging_ignored_answers_the_first_count_locations_on_every_page() {
        let addr = variant("paging=ignored");
        for page in ["0", "1", "2", "7"] {
            assert_eq!(ids(addr, &format!("?page={page}&count=3")), [1050, 1051, 1052], "page={page}");
        }
        let zero_based = start_args(&["--variant", "paging=ignored", "--variant", "altegio-page-base=0"]).api_addr;
        assert_eq!(ids(zero_based, "?page=1&count=3"), [1050, 1051, 1052]);
    }

    #[test]
    fn paging_honoured_moves_through_the_pages() {
        let addr = variant("paging=honoured");
        assert_eq!(ids(addr, "?page=2&count=3"), [1053]);
    }

    fn uninstall(addr: SocketAddr, id: u64) -> Reply {
        Call::new(addr, "POST", &format!("/altegio/marketplace/salon/{id}/application/1/uninstall"))
            .header("Authorization", "Bearer sandbox-partner-token")
            .send()
    }

    #[test]
    fn repeat_uninstall_answers_404_by_default_and_200_under_the_variant() {
        for (addr, again) in [(common::start().api_addr, 404), (variant("altegio-repeat-uninstall=200"), 200)] {
            assert_eq!(uninstall(addr, 1050).status, 200);
            let repeated = uninstall(addr, 1050);
            assert_eq!(repeated.status, again, "{}", repeated.body);
            assert_eq!(uninstall(addr, 999_999).status, 404, "an unknown location is not found either way");
        }
    }
}

mod rocket_chat {
    use super::*;

    const ADMIN_ID: &str = "sandboxAdminUserId";
    const ADMIN_TOKEN: &str = "sandbox-admin-auth-token";
    const GIPHY_ID: &str = "W4n6tfgvxNPpQibhw";
    const GITHUB_ID: &str = "NBTm56xe8Rh5cF47X";

    fn admin(addr: SocketAddr, method: &str, path: &str, body: Option<&str>) -> Reply {
        let path = format!("/rocketchat{path}");
        let mut call = Call::new(addr, method, &path).header("X-User-Id", ADMIN_ID).header("X-Auth-Token", ADMIN_TOKEN);
        if let Some(body) = body {
            call = call.body(body);
        }
        call.send()
    }

    fn remove(addr: SocketAddr, kind: &str, id: &str) -> Reply {
        let body = json!({"type": kind, "integrationId": id}).to_string();
        admin(addr, "POST", "/api/v1/integrations.remove", Some(&body))
    }

    fn ids(reply: &Reply) -> Vec<String> {
        let integrations = reply.json()["integrations"].as_array().expect("integrations").clone();
        integrations.iter().map(|integration| integration["_id"].as_str().expect("_id").to_owned()).collect()
    }

    #[test]
    fn remove_body_typed_answers_the_stored_document() {
        let addr = variant("rc-remove-body=typed");
        let reply = remove(addr, "webhook-outgoing", "oNLthAt9RwMw39N2B");
        reply.assert_fixture(200, "rocketchat/remove_ok_outgoing.json");
        let incoming = remove(addr, "webhook-incoming", GITHUB_ID).json();
        assert_eq!(incoming["integration"]["_id"], GITHUB_ID);
        assert_eq!(
            (incoming["integration"]["enabled"].clone(), incoming["success"].clone()),
            (json!(true), json!(true))
        );
    }

    #[test]
    fn remove_body_seed_answers_the_openapi_incoming_example_shape() {
        let addr = variant("rc-remove-body=seed");
        let reply = remove(addr, "webhook-incoming", GITHUB_ID);
        assert_eq!(reply.status, 200, "{}", reply.body);
        let mut expected = fixture("rocketchat/remove_ok_seed.json");
        expected["integration"]["name"] = json!("GitHub pushes");
        assert_eq!(reply.json(), expected);
        assert!(reply.json()["integration"].get("_id").is_none());

        let outgoing = remove(addr, "webhook-outgoing", GIPHY_ID).json();
        assert_eq!(outgoing["integration"]["type"], "webhook-outgoing");
        assert_eq!(outgoing["integration"]["name"], "Giphy bot");
        assert_eq!(outgoing["integration"]["enabled"], "sendMessage");
        assert_eq!(outgoing["integration"]["channel"], false);
        assert_eq!(keys(&outgoing["integration"]), keys(&fixture("rocketchat/remove_ok_seed.json")["integration"]));

        // The removal really happened.
        let listed = ids(&admin(addr, "GET", "/api/v1/integrations.list", None));
        assert!(!listed.iter().any(|id| id == GITHUB_ID || id == GIPHY_ID), "{listed:?}");
        remove(addr, "webhook-incoming", GITHUB_ID).assert_fixture(400, "rocketchat/remove_not_found.json");
    }

    #[test]
    fn bypass_on_lets_the_admin_past_the_limiter() {
        let addr = variant("rc-bypass=on");
        for _ in 0..12 {
            let reply = admin(addr, "GET", "/api/v1/integrations.list?count=1", None);
            assert_eq!((reply.status, reply.header("X-RateLimit-Limit")), (200, None));
        }
    }

    #[test]
    fn bypass_off_limits_the_admin_like_everyone() {
        let addr = variant("rc-bypass=off");
        for remaining in (0..10).rev() {
            let reply = admin(addr, "GET", "/api/v1/integrations.list?count=1", None);
            assert_eq!(reply.status, 200);
            assert_eq!(reply.header("X-RateLimit-Limit"), Some("10"));
            assert_eq!(reply.header("X-RateLimit-Remaining"), Some(remaining.to_string().as_str()));
        }
        let limited = admin(addr, "GET", "/api/v1/integrations.list?count=1", None);
        assert_eq!(limited.status, 429);
        assert!(limited.json()["error"].as_str().is_some_and(|e| e.ends_with("[error-too-many-requests]")));
        // Counted per route and method: another route still answers.
        assert_eq!(admin(addr, "GET", "/api/v1/me", None).status, 200);
    }

    #[test]
    fn expose_rate_limit_lets_the_page_read_the_headers_rocket_chat_sends() {
        let origin = common::ORIGIN;
        let exposed = start_args(&["--variant", "rc-expose=rate-limit", "--variant", "rc-bypass=off"]).api_addr;
        for (addr, expose) in [
            (variant("rc-bypass=off"), None),
            (exposed, Some("X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset")),
        ] {
            let reply = Call::new(addr, "GET", "/rocketchat/api/v1/integrations.list?count=1")
                .header("X-User-Id", ADMIN_ID)
                .header("X-Auth-Token", ADMIN_TOKEN)
                .header("Origin", origin)
                .send();
            assert_eq!(reply.status, 200, "{}", reply.body);
            assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(origin));
            assert_eq!(reply.header("Access-Control-Expose-Headers"), expose);
            // Sent either way, as Rocket.Chat sends them: the reset in epoch milliseconds.
            assert_eq!(reply.header("X-RateLimit-Remaining"), Some("9"));
            let reset: u64 = reply.header("X-RateLimit-Reset").and_then(|reset| reset.parse().ok()).expect("a reset");
            assert!(reset > 1_000_000_000_000, "{reset}");
        }
    }

    #[test]
    fn paging_ignored_answers_from_offset_0_with_the_real_total() {
        let addr = variant("paging=ignored");
        let first = admin(addr, "GET", "/api/v1/integrations.list?count=5", None);
        for query in ["?offset=5&count=5", "?offset=10&count=5", "?offset=50&count=5"] {
            let page = admin(addr, "GET", &format!("/api/v1/integrations.list{query}"), None);
            assert_eq!(ids(&page), ids(&first), "{query}");
            let body = page.json();
            assert_eq!(
                (body["offset"].clone(), body["items"].clone(), body["count"].clone(), body["total"].clone()),
                (json!(0), json!(5), json!(5), json!(12))
            );
        }
        let generated = start_args(&["--integrations", "300", "--variant", "paging=ignored"]).api_addr;
        let body = admin(generated, "GET", "/api/v1/integrations.list?offset=50", None).json();
        assert_eq!(
            (body["offset"].clone(), body["items"].clone(), body["total"].clone()),
            (json!(0), json!(50), json!(100))
        );
    }

    #[test]
    fn paging_honoured_moves_through_the_list() {
        let addr = variant("paging=honoured");
        let all = ids(&admin(addr, "GET", "/api/v1/integrations.list", None));
        let page = admin(addr, "GET", "/api/v1/integrations.list?offset=5&count=5", None);
        assert_eq!(ids(&page), all[5..10]);
        assert_eq!(page.json()["offset"], 5);
    }
}

//! Start-up variants (`--variant NAME=VALUE`): where the contracts leave an answer UNCONFIRMED, or
//! real servers differ, each variant picks one plausible real answer, so a client can be tried
//! against all of them. Unlike the fault knobs they hold for the whole run. Each default is the
//! sandbox's behaviour without the flag.

/// One variant's values: the spelling on the command line and what it picks.
pub trait Choice: Copy + PartialEq + 'static {
    const VALUES: &'static [(&'static str, Self)];

    fn from_text(text: &str) -> Option<Self> {
        Self::VALUES.iter().find(|(name, _)| *name == text).map(|(_, value)| *value)
    }

    fn text(self) -> &'static str {
        Self::VALUES.iter().find(|(_, value)| *value == self).map_or("", |(name, _)| name)
    }

    fn names() -> Vec<&'static str> {
        Self::VALUES.iter().map(|(name, _)| *name).collect()
    }
}

/// An enum, its command-line spellings and its default.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident default $default:ident {
        $($(#[$value_doc:meta])* $value:ident = $text:literal),+ $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$value_doc])* $value),+
        }

        impl Choice for $name {
            const VALUES: &'static [(&'static str, Self)] = &[$(($text, Self::$value)),+];
        }

        impl Default for $name {
            fn default() -> Self {
                Self::$default
            }
        }
    };
}

choice! {
    /// Where `GET /api/instance/list` puts its items, and how each item spells the instance name.
    RyzeList default Data {
        /// `{success, message, data: [...]}`, name in `instanceName`.
        Data = "data",
        /// `{success, message, instances: [...]}`, name in `instance_name`.
        Instances = "instances",
        /// A bare array `[...]`, name in `name`.
        Bare = "bare",
    }
}

choice! {
    /// Whether list items carry a `chatwoot` summary.
    RyzeSummary default Full {
        Full = "full",
        /// No `chatwoot` key: the client asks `GET /api/chatwoot/list/:instance` per instance.
        None = "none",
    }
}

choice! {
    /// How an account token's `?instanceName=` filter answers when none of the names exist.
    RyzeProbe default Empty {
        /// Unknown names ignored: an empty list (a single unknown name still answers 404).
        Empty = "empty",
        /// 404 `instance not found`, whatever the number of names.
        NotFound = "404",
        /// The filter is ignored altogether: every instance is listed.
        Full = "full",
    }
}

choice! {
    /// Whether the server runs the Chatwoot module.
    RyzeModule default On {
        On = "on",
        /// Every `/api/chatwoot/*` route answers 503 `integration gateway not configured`.
        Off = "off",
    }
}

choice! {
    /// Whether RyzeAPI's CORS answers let the page read its rate-limit headers (contracts 3.2:
    /// UNCONFIRMED).
    RyzeExpose default RateLimit {
        /// `Access-Control-Expose-Headers: X-RateLimit-*, Retry-After`.
        RateLimit = "rate-limit",
        /// No exposed headers: the page sees a 429 without its wait.
        None = "none",
    }
}

choice! {
    /// What Altegio answers to an uninstall of a location whose app is already uninstalled
    /// (contracts: idempotent internally, the HTTP result UNCONFIRMED).
    AltegioRepeatUninstall default NotFound {
        NotFound = "404",
        /// The uninstall's 200 again, with no second webhook.
        Ok = "200",
    }
}

choice! {
    /// Which `page` is the first page of Altegio's location list.
    AltegioPageBase default One {
        Zero = "0",
        /// Pages count from 1; a page below 1 is page 1 (Laravel's paginator).
        One = "1",
    }
}

choice! {
    /// The `integration` document in the 200 of `integrations.remove`.
    RcRemoveBody default Typed {
        /// The stored document, typed as the server's schema types it.
        Typed = "typed",
        /// As the OpenAPI "Incoming integration example" shows it: string booleans, `channel:
        /// false`, no `_id`.
        Seed = "seed",
    }
}

choice! {
    /// Whether the admin users hold `api-bypass-rate-limit`.
    RcBypass default On {
        On = "on",
        Off = "off",
    }
}

choice! {
    /// Whether Rocket.Chat's CORS answers let the page read the `X-RateLimit-*` headers its
    /// limited routes send (contracts 2.7: its `cors.ts` exposes none).
    RcExpose default None {
        /// As Rocket.Chat answers: no `Access-Control-Expose-Headers`.
        None = "none",
        /// `Access-Control-Expose-Headers: X-RateLimit-Limit, X-RateLimit-Remaining,
        /// X-RateLimit-Reset`, as a reverse proxy in front of it may add.
        RateLimit = "rate-limit",
    }
}

choice! {
    /// Whether list endpoints honour their paging parameters.
    Paging default Honoured {
        Honoured = "honoured",
        /// Rocket.Chat's `integrations.list` ignores `offset`; Altegio's salons ignore `page`.
        Ignored = "ignored",
    }
}

/// Every variant of a run; the handlers read e.g. `sandbox.config.variants.ryze_list`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Variants {
    pub ryze_list: RyzeList,
    pub ryze_summary: RyzeSummary,
    pub ryze_probe: RyzeProbe,
    pub ryze_module: RyzeModule,
    pub ryze_expose: RyzeExpose,
    pub altegio_repeat_uninstall: AltegioRepeatUninstall,
    pub altegio_page_base: AltegioPageBase,
    pub rc_remove_body: RcRemoveBody,
    pub rc_bypass: RcBypass,
    pub rc_expose: RcExpose,
    pub paging: Paging,
}

/// A variant as the command line knows it.
pub struct Spec {
    pub name: &'static str,
    pub values: fn() -> Vec<&'static str>,
    /// The value a run holds.
    pub current: fn(&Variants) -> &'static str,
    /// Lines of `--help`, after the `name=a|b|c [default: a]` line.
    pub help: &'static str,
    set: fn(&mut Variants, &str) -> Option<()>,
}

impl Spec {
    pub fn default_value(&self) -> &'static str {
        (self.current)(&Variants::default())
    }
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Spec").field("name", &self.name).finish_non_exhaustive()
    }
}

macro_rules! specs {
    ($($field:ident: $kind:ident = $name:literal, $help:literal;)+) => {
        /// Every variant, in `--help` order.
        pub const SPECS: &[Spec] = &[$(Spec {
            name: $name,
            values: $kind::names,
            current: |variants| variants.$field.text(),
            help: $help,
            set: |variants, text| {
                variants.$field = $kind::from_text(text)?;
                Some(())
            },
        }),+];
    };
}

specs! {
    ryze_list: RyzeList = "ryze-list",
        "RyzeAPI GET /api/instance/list: items under `data` with the name in `instanceName`,\n\
         under `instances` with the name in `instance_name`, or a bare array with the name in `name`";
    ryze_summary: RyzeSummary = "ryze-summary",
        "RyzeAPI list items carry a `chatwoot` summary ({enabled, status, ...}, or {enabled:false}),\n\
         or none, so a client must ask GET /api/chatwoot/list/:instance per instance";
    ryze_probe: RyzeProbe = "ryze-probe",
        "RyzeAPI ?instanceName=a,b with an account token when none of the names exists: an empty\n\
         list (one unknown name alone stays 404, as documented), 404 `instance not found`,\n\
         or the filter ignored and every instance listed";
    ryze_module: RyzeModule = "ryze-module",
        "RyzeAPI Chatwoot module: with off, every /api/chatwoot/* answers 503\n\
         `integration gateway not configured` and list items show no Chatwoot link";
    ryze_expose: RyzeExpose = "ryze-expose",
        "RyzeAPI CORS: expose X-RateLimit-* and Retry-After to the page (rate-limit), or nothing (none)";
    altegio_repeat_uninstall: AltegioRepeatUninstall = "altegio-repeat-uninstall",
        "Altegio uninstall of a location already uninstalled: 404 (as an unknown one), or the 200 again";
    altegio_page_base: AltegioPageBase = "altegio-page-base",
        "Altegio salons list: the first page is page=1 (a page below 1 reads as 1) or page=0";
    rc_remove_body: RcRemoveBody = "rc-remove-body",
        "Rocket.Chat integrations.remove 200: the typed document, or the OpenAPI seed's shape\n\
         (\"enabled\"/\"scriptEnabled\": \"sendMessage\", \"channel\": false, no `_id`)";
    rc_bypass: RcBypass = "rc-bypass",
        "Rocket.Chat admins hold api-bypass-rate-limit (on), or are limited like everyone (off)";
    rc_expose: RcExpose = "rc-expose",
        "Rocket.Chat CORS: expose nothing, as Rocket.Chat does (none), or X-RateLimit-* to the page,\n\
         as a proxy in front of it may (rate-limit)";
    paging: Paging = "paging",
        "with ignored, Rocket.Chat integrations.list ignores `offset` and Altegio's salons\n\
         ignore `page`: every page is the first";
}

impl Variants {
    /// Applies `NAME=VALUE`; the error names the allowed names or values.
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let names = || SPECS.iter().map(|spec| spec.name).collect::<Vec<_>>().join(", ");
        let Some((name, value)) = assignment.split_once('=') else {
            return Err(format!("--variant takes NAME=VALUE (got {assignment:?}); variants are {}", names()));
        };
        let Some(spec) = SPECS.iter().find(|spec| spec.name == name) else {
            return Err(format!("unknown variant {name:?}; variants are {}", names()));
        };
        (spec.set)(self, value)
            .ok_or_else(|| format!("variant {name} must be one of {} (got {value:?})", (spec.values)().join(", ")))
    }

    /// The `name=value` pairs that differ from the defaults, for the banner.
    pub fn changed(&self) -> Vec<String> {
        SPECS
            .iter()
            .filter(|spec| (spec.current)(self) != spec.default_value())
            .map(|spec| format!("{}={}", spec.name, (spec.current)(self)))
            .collect()
    }

    /// The `--help` section: each variant with its values and default.
    pub fn usage() -> String {
        let mut text = String::new();
        for spec in SPECS {
            let line = format!("{}={}", spec.name, (spec.values)().join("|"));
            text.push_str(&format!("  {line:<32} [default: {}]\n", spec.default_value()));
            for help in spec.help.lines() {
                text.push_str(&format!("      {}\n", help.trim()));
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::{AltegioPageBase, Paging, RyzeList, RyzeProbe, SPECS, Variants};

    #[test]
    fn defaults_are_todays_behaviour() {
        let variants = Variants::default();
        assert_eq!(variants.ryze_list, RyzeList::Data);
        assert_eq!(variants.altegio_page_base, AltegioPageBase::One);
        assert_eq!(variants.paging, Paging::Honoured);
        assert!(variants.changed().is_empty());
        let defaults: Vec<_> = SPECS.iter().map(|spec| spec.default_value()).collect();
        assert_eq!(
            defaults,
            ["data", "full", "empty", "on", "rate-limit", "404", "1", "typed", "on", "none", "honoured"]
        );
    }

    #[test]
    fn sets_by_name_and_refuses_unknown_names_and_values() {
        let mut variants = Variants::default();
        variants.set("ryze-list=bare").expect("known");
        variants.set("ryze-probe=404").expect("known");
        assert_eq!(variants.ryze_list, RyzeList::Bare);
        assert_eq!(variants.ryze_probe, RyzeProbe::NotFound);
        assert_eq!(variants.changed(), ["ryze-list=bare", "ryze-probe=404"]);
        let unknown_value = variants.set("ryze-list=flat").expect_err("unknown value");
        assert!(unknown_value.contains("data, instances, bare"), "{unknown_value}");
        let unknown_name = variants.set("nope=1").expect_err("unknown name");
        assert!(unknown_name.contains("ryze-list") && unknown_name.contains("paging"), "{unknown_name}");
        assert!(variants.set("ryze-list").is_err());
    }

    #[test]
    fn usage_lists_every_variant_with_its_values_and_default() {
        let usage = Variants::usage();
        for spec in SPECS {
            let line = format!("{}={}", spec.name, (spec.values)().join("|"));
            assert!(usage.contains(&line), "{line} missing from\n{usage}");
        }
        assert!(usage.contains("[default: honoured]"));
    }
}

//! The command line: flags in, `Config` out; and the banner printed once the servers are up.

use std::path::PathBuf;

use crate::Running;
use crate::config::{Config, RcVersion};
use crate::data::{altegio, rocket_chat, ryze};
use crate::variants::Variants;

#[derive(Debug)]
pub enum Command {
    Run(Box<Config>),
    Help,
}

pub fn usage() -> String {
    let defaults = Config::default();
    format!(
        "Unplug sandbox: local Rocket.Chat, RyzeAPI and Altegio APIs with state, CORS and fault knobs.

Usage: sandbox [OPTIONS]

Options:
  --listen ADDR            platform APIs and /__sandbox controls [default: {listen}]
  --app-dir DIR            built console to serve [default: {app_dir}]
  --app-listen ADDR        where the console is served [default: {app_listen}]
  --callback-url URL       http:// URL the Altegio disable webhook is POSTed to
                           [default: none, webhooks are recorded but not sent]
  --allowed-origins LIST   comma-separated browser origins the platforms accept
                           [default: http://<app-listen>, plus http://localhost:<port> on loopback]
  --rc-version 7|8         Rocket.Chat bodies before or from 8.0 [default: 8]
  --rate-window-ms MS      replaces every rate-limit window [default: 60000 for Rocket.Chat and RyzeAPI];
                           the served config.json then sets rateLimit to match (Rocket.Chat 10, RyzeAPI 100 per MS)
  --integrations N         generate N integrations over the three platforms instead of the default data
  --app-header \"N: V\"     send this header with every app-server answer (repeatable),
                           e.g. a Content-Security-Policy to test the console under
  --config-set KEY=JSON    set a top-level key of the served config.json (repeatable),
                           e.g. undoSeconds=0 to send a confirmed Disconnect at once
  --variant NAME=VALUE     start with one of the plausible real answers where the platforms
                           differ or the contracts are unconfirmed (repeatable; see Variants)
  -h, --help               print this help

Variants (start-up only; the /__sandbox/faults knobs change answers at run time):
{variants}",
        listen = defaults.listen,
        app_dir = defaults.app_dir.display(),
        app_listen = defaults.app_listen,
        variants = Variants::usage(),
    )
}

/// Reads `--flag value` and `--flag=value`.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "-h" || arg == "--help" {
            return Ok(Command::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        let value = match inline.or_else(|| args.next()) {
            Some(value) => value,
            None => return Err(format!("{flag} needs a value")),
        };
        match flag.as_str() {
            "--listen" => config.listen = value,
            "--app-dir" => config.app_dir = PathBuf::from(value),
            "--app-listen" => config.app_listen = value,
            "--callback-url" if value.starts_with("http://") => config.callback_url = Some(value),
            "--callback-url" => {
                return Err(format!("--callback-url must be an http:// URL (got {value})"));
            }
            "--allowed-origins" => {
                let origins = value
                    .split(',')
                    .map(|origin| origin.trim().trim_end_matches('/').to_owned())
                    .filter(|origin| !origin.is_empty())
                    .collect();
                config.allowed_origins = Some(origins);
            }
            "--rc-version" => {
                config.rc_version = match value.as_str() {
                    "7" => RcVersion::V7,
                    "8" => RcVersion::V8,
                    _ => return Err(format!("--rc-version must be 7 or 8 (got {value})")),
                };
            }
            "--rate-window-ms" => config.rate_window_ms = Some(positive(&flag, &value)?),
            "--integrations" => {
                let count = positive(&flag, &value)?;
                config.integrations = Some(usize::try_from(count).map_err(|_| format!("{flag} is too large"))?);
            }
            "--variant" => config.variants.set(&value)?,
            "--app-header" => match value.split_once(':') {
                Some((name, header)) if !name.trim().is_empty() => {
                    config.app_headers.push((name.trim().to_owned(), header.trim().to_owned()))
                }
                _ => return Err(format!("--app-header takes \"Name: value\" (got {value})")),
            },
            "--config-set" => match value.split_once('=') {
                Some((key, json)) if !key.is_empty() => {
                    let json = serde_json::from_str(json).map_err(|error| format!("--config-set {key}: {error}"))?;
                    config.config_set.push((key.to_owned(), json));
                }
                _ => return Err(format!("--config-set takes KEY=JSON (got {value})")),
            },
            _ => return Err(format!("unknown option {flag}; see --help")),
        }
    }
    Ok(Command::Run(Box::new(config)))
}

fn positive(flag: &str, value: &str) -> Result<u64, String> {
    value
        .parse()
        .ok()
        .filter(|number| *number > 0)
        .ok_or_else(|| format!("{flag} must be a positive whole number (got {value})"))
}

/// What to open, where each platform answers, and how to sign in.
pub fn banner(running: &Running, config: &Config) -> String {
    let api = format!("http://{}", running.api_addr);
    let app = match running.app_addr {
        Some(addr) => format!("http://{addr}/  (serving {})", config.app_dir.display()),
        None => format!(
            "not served: {} does not exist (build the console with `trunk build`, or pass --app-dir)",
            config.app_dir.display()
        ),
    };
    let rc_bodies = config.rc_version.pick("7.x", "8.x");
    let callback = config.callback_url.as_deref().unwrap_or("none (webhooks are recorded, see /__sandbox/webhooks)");
    let changed = config.variants.changed();
    let variants = if changed.is_empty() { "defaults (see --help)".to_owned() } else { changed.join(", ") };
    format!(
        "Unplug sandbox
  Open the console   {app}
  Rocket.Chat API    {api}/rocketchat  ({rc_bodies} bodies)
  RyzeAPI            {api}/ryze
  Altegio            {api}/altegio
  Controls           {api}/__sandbox/faults, /__sandbox/reset, /__sandbox/stats, /__sandbox/webhooks
  Allowed origins    {origins}
  Callback URL       {callback}
  Variants           {variants}

Credentials
  Rocket.Chat  admin/admin (or userId {admin_id} + authToken {admin_token}),
               manager/manager (own integrations), viewer/viewer (no permission),
               inbound/inbound (incoming only)
  RyzeAPI      account token {account}; instance token {instance} (one instance)
  Altegio      partner token {partner}, application id {application}
",
        origins = running.allowed_origins.join(", "),
        admin_id = rocket_chat::ADMIN_USER_ID,
        admin_token = rocket_chat::ADMIN_AUTH_TOKEN,
        account = ryze::ACCOUNT_TOKEN,
        instance = ryze::INSTANCE_TOKEN,
        partner = altegio::PARTNER_TOKEN,
        application = altegio::APPLICATION_ID,
    )
}

#[cfg(test)]
mod tests {
    use super::{Command, parse, usage};
    use crate::config::RcVersion;
    use crate::variants::{Paging, RyzeList, SPECS};

    fn run(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|arg| (*arg).to_owned()))
    }

    #[test]
    fn reads_both_flag_spellings() {
        let Ok(Command::Run(config)) = run(&[
            "--listen=0.0.0.0:9000",
            "--rc-version",
            "7",
            "--allowed-origins",
            "http://a.test, http://b.test/",
            "--rate-window-ms=250",
            "--app-header",
            "Content-Security-Policy: style-src 'self'",
        ]) else {
            panic!("flags should parse");
        };
        assert_eq!(config.listen, "0.0.0.0:9000");
        assert_eq!(config.rc_version, RcVersion::V7);
        assert_eq!(config.allowed_origins, Some(vec!["http://a.test".to_owned(), "http://b.test".to_owned()]));
        assert_eq!(config.rate_window_ms, Some(250));
        assert_eq!(config.app_headers, [("Content-Security-Policy".to_owned(), "style-src 'self'".to_owned())]);
        assert!(run(&["--app-header", "no colon"]).is_err());
        let Ok(Command::Run(set)) =
            run(&["--config-set", "undoSeconds=0", "--config-set", "embed={\"allowedOrigins\":[]}"])
        else {
            panic!("--config-set parses")
        };
        assert_eq!(set.config_set[0], ("undoSeconds".to_owned(), serde_json::json!(0)));
        assert_eq!(set.config_set[1].1, serde_json::json!({"allowedOrigins": []}));
        assert!(run(&["--config-set", "undoSeconds=soon"]).is_err());
    }

    #[test]
    fn refuses_bad_values() {
        assert!(run(&["--rc-version", "9"]).is_err());
        assert!(run(&["--callback-url", "https://x.test/hook"]).is_err());
        assert!(run(&["--integrations", "0"]).is_err());
        assert!(run(&["--listen"]).is_err());
        assert!(run(&["--nope", "1"]).is_err());
        assert!(matches!(run(&["--help"]), Ok(Command::Help)));
    }

    #[test]
    fn reads_repeated_variants_in_both_spellings() {
        let Ok(Command::Run(config)) = run(&["--variant", "ryze-list=bare", "--variant=paging=ignored"]) else {
            panic!("variants should parse");
        };
        assert_eq!(config.variants.ryze_list, RyzeList::Bare);
        assert_eq!(config.variants.paging, Paging::Ignored);
        let Err(unknown_value) = run(&["--variant", "ryze-list=flat"]) else { panic!("unknown value") };
        assert!(unknown_value.contains("data, instances, bare"), "{unknown_value}");
        let Err(unknown_name) = run(&["--variant=ryze=bare"]) else { panic!("unknown name") };
        assert!(unknown_name.contains("altegio-page-base"), "{unknown_name}");
        assert!(run(&["--variant"]).is_err());
    }

    #[test]
    fn help_lists_every_variant_with_values_and_default() {
        let usage = usage();
        for spec in SPECS {
            let line = format!("{}={}", spec.name, (spec.values)().join("|"));
            assert!(usage.contains(&line), "{line} missing from\n{usage}");
            assert!(usage.contains(&format!("[default: {}]", spec.default_value())));
        }
    }
}

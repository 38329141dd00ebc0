//! When an integration was last active, as far as its platform keeps a record of it.

use super::readable_time;
use crate::i18n::t;

const DAY_MS: i64 = 86_400_000;

/// An integration's newest recorded activity. Its platform decides which of these each item
/// has and how it is read; views only show it, and finding sorts and filters by its time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LastActivity {
    /// The platform keeps no such record for this kind of item; `label` says which platform.
    NotRecorded { label: &'static str },
    /// The platform keeps a record that a read of its own fetches, and it is not in yet.
    NotReadYet,
    /// The platform holds no entry: nothing ran, or its record was cleared.
    NoneRecorded,
    /// The read did not answer readably; the call shows in Activity.
    Unreadable,
    /// The newest entry: its time as the platform wrote it, whether it succeeded where the
    /// platform says, and what kind of entry it is (`last run`, `last status change`).
    At { at: String, ok: Option<bool>, label: &'static str },
}

impl LastActivity {
    /// Milliseconds since the epoch of a known time; `None` for every other case, which
    /// sorts last and never counts as idle. A time without a zone is read as UTC: less than a
    /// day off, where idleness is counted in days.
    pub fn epoch_ms(&self) -> Option<i64> {
        match self {
            LastActivity::At { at, .. } => epoch_ms(at),
            _ => None,
        }
    }

    /// Whether it is known to lie more than `days` days before `now_ms`.
    pub fn idle_for_more_than(&self, days: u32, now_ms: f64) -> bool {
        self.epoch_ms().is_some_and(|at| now_ms as i64 - at > i64::from(days) * DAY_MS)
    }

    /// As a card reads it. Everything not yet in is being read: showing an item asks for it.
    pub fn text(&self) -> String {
        match self {
            LastActivity::NotRecorded { label } => t(label).to_owned(),
            LastActivity::NotReadYet => t("reading…").to_owned(),
            LastActivity::NoneRecorded => t("none recorded").to_owned(),
            LastActivity::Unreadable => t("could not be read").to_owned(),
            LastActivity::At { at, ok, label } => {
                let outcome = ok.map(|ok| if ok { t("succeeded") } else { t("failed") });
                let when = readable_time(at);
                [Some(t(label)), Some(when.as_str()), outcome].into_iter().flatten().collect::<Vec<_>>().join(" · ")
            }
        }
    }
}

/// `YYYY-MM-DD[T ]HH:MM:SS[.fff][Z|±HH:MM]` as milliseconds since the epoch; a time without a
/// zone is read as UTC.
pub fn epoch_ms(raw: &str) -> Option<i64> {
    let (date, time) = raw.trim().split_once(['T', ' '])?;
    let mut date = date.splitn(3, '-').map(|part| part.parse::<i64>().ok());
    let (year, month, day) = (date.next()??, date.next()??, date.next()??);
    let clock_len = time.find(|c: char| !c.is_ascii_digit() && c != ':').unwrap_or(time.len());
    let mut clock = time[..clock_len].splitn(3, ':').map(|part| part.parse::<i64>().ok());
    let (hours, minutes, seconds) = (clock.next()??, clock.next()??, clock.next().flatten().unwrap_or(0));
    let (fraction, zone) = match time[clock_len..].strip_prefix('.') {
        Some(after) => after.split_at(after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len())),
        None => ("", &time[clock_len..]),
    };
    let millis: i64 = format!("{fraction:0<3}")[..3].parse().ok()?;
    let offset_minutes = match zone {
        "" | "Z" | "z" => 0,
        zone => {
            let sign = match zone.chars().next()? {
                '+' => 1,
                '-' => -1,
                _ => return None,
            };
            // `+03:00`, `+0300` or `+03`.
            let digits = zone[1..].replace(':', "");
            if !digits.is_ascii() {
                return None;
            }
            let (zone_hours, zone_minutes) = digits.split_at(digits.len().min(2));
            let zone_minutes = if zone_minutes.is_empty() { 0 } else { zone_minutes.parse::<i64>().ok()? };
            sign * (zone_hours.parse::<i64>().ok()? * 60 + zone_minutes)
        }
    };
    let valid = (1..=12).contains(&month) && (1..=31).contains(&day) && hours < 24 && minutes < 60 && seconds < 61;
    valid.then(|| {
        let seconds =
            days_from_civil(year, month, day) * 86_400 + hours * 3_600 + minutes * 60 + seconds - offset_minutes * 60;
        seconds * 1_000 + millis
    })
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time: &str) -> LastActivity {
        LastActivity::At { at: time.into(), ok: Some(true), label: "last run" }
    }

    #[test]
    fn reads_the_times_the_platforms_write() {
        assert_eq!(epoch_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(epoch_ms("2026-11-30T16:30:08.552Z"), Some(1_796_056_208_552));
        assert_eq!(epoch_ms("2022-06-27 12:22:02"), Some(1_656_332_522_000), "no zone: read as UTC");
        assert_eq!(epoch_ms("2024-01-01T08:00:00+03:00"), epoch_ms("2024-01-01T05:00:00Z"));
        assert_eq!(epoch_ms("2024-01-01T08:00:00+0300"), epoch_ms("2024-01-01T05:00:00Z"));
        assert_eq!(epoch_ms("2024-02-29T23:59:59.5-00:30"), Some(1_709_252_999_500));
        for nonsense in [
            "yesterday",
            "2024-13-01T00:00:00Z",
            "2024-01-01",
            "2024-01-01T10:00:00 CET",
            "2024-01-01T10:00:00+０３",
            "",
        ] {
            assert_eq!(epoch_ms(nonsense), None, "{nonsense}");
        }
    }

    #[test]
    fn only_a_known_time_can_be_idle() {
        let now = epoch_ms("2026-05-01T00:00:00Z").unwrap_or_default() as f64;
        assert!(at("2026-03-31T23:59:59Z").idle_for_more_than(30, now));
        assert!(!at("2026-04-01T00:00:00Z").idle_for_more_than(30, now), "exactly 30 days is not more");
        assert!(at("2026-04-30T00:00:00Z").idle_for_more_than(0, now));
        for unknown in [
            LastActivity::NotRecorded { label: "not recorded by Rocket.Chat" },
            LastActivity::NotReadYet,
            LastActivity::NoneRecorded,
            LastActivity::Unreadable,
            at("some day"),
        ] {
            assert!(!unknown.idle_for_more_than(0, now), "{unknown:?}");
        }
    }

    #[test]
    fn reads_as_what_when_and_how_it_ended() {
        assert_eq!(at("2026-11-30T16:30:08.552Z").text(), "last run · 2026-11-30 16:30:08 UTC · succeeded");
        let failed = LastActivity::At { at: "2026-11-27T18:58:29.666Z".into(), ok: Some(false), label: "last run" };
        assert_eq!(failed.text(), "last run · 2026-11-27 18:58:29 UTC · failed");
        let change = LastActivity::At { at: "2022-06-27 12:22:02".into(), ok: None, label: "last status change" };
        assert_eq!(change.text(), "last status change · 2022-06-27 12:22:02 (time zone not stated)");
    }
}

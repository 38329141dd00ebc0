//! Wall-clock time and the two date spellings the platforms use, without a date crate.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    epoch_ms(SystemTime::now())
}

/// Milliseconds since the Unix epoch at `now + after` (rate-limit reset headers).
pub fn epoch_ms_after(after: Duration) -> u64 {
    epoch_ms(SystemTime::now() + after)
}

/// The instant `seconds` from now, as whole seconds (or milliseconds, with `in_ms`) since the epoch,
/// rounded up. Any finite wait is taken, negative or absurdly far (a fault may ask for one); `None`
/// when the instant is beyond what a float holds.
pub fn epoch_after_seconds(seconds: f64, in_ms: bool) -> Option<String> {
    // A millisecond count below 2^53 is exact as a float.
    let at_ms = now_ms() as f64 + seconds * 1000.0;
    let at = if in_ms { at_ms.ceil() } else { (at_ms / 1000.0).ceil() };
    // Adding zero turns a `-0` into `0`.
    at.is_finite().then(|| (at + 0.0).to_string())
}

fn epoch_ms(time: SystemTime) -> u64 {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
}

/// Rocket.Chat's `_createdAt` spelling: `2017-01-06T13:42:14.143Z`.
pub fn iso8601(epoch_ms: u64) -> String {
    let (date, time) = civil(epoch_ms / 1000);
    format!("{date}T{time}.{:03}Z", epoch_ms % 1000)
}

/// Altegio's spelling, with no zone given: `2022-06-27 12:20:02`.
pub fn altegio_datetime(epoch_ms: u64) -> String {
    let (date, time) = civil(epoch_ms / 1000);
    format!("{date} {time}")
}

/// `YYYY-MM-DD` and `HH:MM:SS` in UTC (Howard Hinnant's days-from-civil, inverted).
fn civil(epoch_seconds: u64) -> (String, String) {
    let days = epoch_seconds / 86_400;
    let seconds = epoch_seconds % 86_400;
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (
        format!("{year:04}-{month:02}-{day:02}"),
        format!("{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60),
    )
}

#[cfg(test)]
mod tests {
    use super::{altegio_datetime, epoch_after_seconds, iso8601, now_ms};

    fn number(text: Option<String>) -> f64 {
        text.expect("finite").parse().expect("a number")
    }

    #[test]
    fn spells_any_finite_wait_as_a_whole_instant() {
        let now = now_ms() as f64;
        let in_a_day = number(epoch_after_seconds(86_400.0, false));
        assert!((now / 1000.0 + 86_400.0..now / 1000.0 + 86_402.0).contains(&in_a_day), "{in_a_day}");
        let ago = number(epoch_after_seconds(-5.0, true));
        assert!((now - 5000.0..now - 4000.0).contains(&ago), "{ago}");
        let far = epoch_after_seconds(1e12, false).expect("finite");
        assert!(far.len() == 13 && !far.contains(['e', '.']), "{far}");
        assert_eq!(epoch_after_seconds(-1e300, false).map(|text| text.starts_with("-1")), Some(true));
        assert_eq!(epoch_after_seconds(1e307, true), None);
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(iso8601(1_483_710_134_143), "2017-01-06T13:42:14.143Z");
        assert_eq!(altegio_datetime(1_656_332_402_000), "2022-06-27 12:20:02");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }
}

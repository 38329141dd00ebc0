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
    use super::{altegio_datetime, iso8601};

    #[test]
    fn formats_known_instants() {
        assert_eq!(iso8601(1_483_710_134_143), "2017-01-06T13:42:14.143Z");
        assert_eq!(altegio_datetime(1_656_332_402_000), "2022-06-27 12:20:02");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }
}

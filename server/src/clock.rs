//! Finnish calendar time. Delays end and children come of age on Finnish
//! dates, so "today" is the date in Europe/Helsinki (time-zone data from
//! `chrono-tz`, the IANA database).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Helsinki;

/// The Finnish calendar date of an instant.
pub fn finnish_date(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Helsinki).date_naive()
}

/// The Finnish wall-clock time of an instant.
pub fn finnish_time(t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&Helsinki).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn winter_and_summer_offsets() {
        // Winter: UTC+2.
        assert_eq!(finnish_date(at(2026, 1, 15, 21, 59)), date(2026, 1, 15));
        assert_eq!(finnish_date(at(2026, 1, 15, 22, 0)), date(2026, 1, 16));
        // Summer: UTC+3.
        assert_eq!(finnish_date(at(2026, 7, 1, 20, 59)), date(2026, 7, 1));
        assert_eq!(finnish_date(at(2026, 7, 1, 21, 0)), date(2026, 7, 2));
        // Summer time starts on the last Sunday of March at 01:00 UTC (29.3.2026)…
        assert_eq!(finnish_date(at(2026, 3, 28, 21, 59)), date(2026, 3, 28));
        assert_eq!(finnish_date(at(2026, 3, 29, 21, 0)), date(2026, 3, 30));
        // …and ends on the last Sunday of October (25.10.2026).
        assert_eq!(finnish_date(at(2026, 10, 25, 21, 0)), date(2026, 10, 25));
        assert_eq!(finnish_date(at(2026, 10, 25, 22, 0)), date(2026, 10, 26));
    }
}

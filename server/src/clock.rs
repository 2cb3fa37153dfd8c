//! Finnish calendar time. Delays end and children come of age on Finnish
//! dates, so "today" is the date in Europe/Helsinki (EET, EEST in summer).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    let mut d = next
        .unwrap_or(NaiveDate::MAX)
        .pred_opt()
        .unwrap_or(NaiveDate::MIN);
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt().unwrap_or(NaiveDate::MIN);
    }
    d
}

/// The UTC offset of Finland at `t`: +3 h from the last Sunday of March to the
/// last Sunday of October (01:00 UTC both), +2 h otherwise (EU rule).
pub fn helsinki_offset(t: DateTime<Utc>) -> Duration {
    let y = t.year();
    let start = last_sunday(y, 3).and_hms_opt(1, 0, 0).map(|d| d.and_utc());
    let end = last_sunday(y, 10).and_hms_opt(1, 0, 0).map(|d| d.and_utc());
    match (start, end) {
        (Some(s), Some(e)) if t >= s && t < e => Duration::hours(3),
        _ => Duration::hours(2),
    }
}

/// The Finnish calendar date of an instant.
pub fn finnish_date(t: DateTime<Utc>) -> NaiveDate {
    (t + helsinki_offset(t)).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn winter_and_summer_offsets() {
        let winter = Utc.with_ymd_and_hms(2026, 1, 15, 22, 30, 0).unwrap();
        assert_eq!(
            finnish_date(winter),
            NaiveDate::from_ymd_opt(2026, 1, 16).unwrap()
        );
        let summer_evening = Utc.with_ymd_and_hms(2026, 7, 1, 20, 59, 0).unwrap();
        assert_eq!(
            finnish_date(summer_evening),
            NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
        );
        let summer_night = Utc.with_ymd_and_hms(2026, 7, 1, 21, 0, 0).unwrap();
        assert_eq!(
            finnish_date(summer_night),
            NaiveDate::from_ymd_opt(2026, 7, 2).unwrap()
        );
        assert_eq!(
            last_sunday(2026, 3),
            NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()
        );
        assert_eq!(
            last_sunday(2026, 10),
            NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()
        );
    }
}

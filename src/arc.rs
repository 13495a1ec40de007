//! Week arithmetic of the arc: date ↔ week number, and the dates of a week's slots.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::config::Arc;
use crate::content::Kind;

impl Arc {
    /// Week number (1-based) of a date; `None` before the arc starts. Weeks past `weeks` go on counting.
    pub fn week_of(&self, date: NaiveDate) -> Option<u32> {
        let days = (date - self.start).num_days();
        (days >= 0).then(|| (days / 7) as u32 + 1)
    }

    pub fn weekday(&self, kind: Kind) -> Weekday {
        match kind {
            Kind::Essay => self.essay_weekday,
            Kind::Bulletin => self.bulletin_weekday,
        }
    }

    /// First day of a week (the arc's start weekday).
    pub fn week_start(&self, week: u32) -> NaiveDate {
        self.start + Days::new(7 * u64::from(week.saturating_sub(1)))
    }

    /// The date a text of `kind` is due in `week`.
    pub fn slot_date(&self, week: u32, kind: Kind) -> NaiveDate {
        let start = self.week_start(week);
        let offset = (7 + self.weekday(kind).num_days_from_monday()
            - start.weekday().num_days_from_monday())
            % 7;
        start + Days::new(u64::from(offset))
    }

    /// The date of `kind`'s weekday nearest to `date`, for "did you mean" help.
    pub fn nearest_slot(&self, date: NaiveDate, kind: Kind) -> NaiveDate {
        let want = self.weekday(kind).num_days_from_monday() as i64;
        let have = date.weekday().num_days_from_monday() as i64;
        let forward = (want - have).rem_euclid(7);
        if forward <= 3 {
            date + Days::new(forward as u64)
        } else {
            date - Days::new((7 - forward) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arc() -> Arc {
        Arc {
            start: NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
            weeks: 27,
            essay_weekday: Weekday::Tue,
            bulletin_weekday: Weekday::Fri,
        }
    }

    #[test]
    fn week_27_is_early_february() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 6).unwrap();
        assert_eq!(arc().week_of(d), Some(27));
        assert_eq!(arc().slot_date(27, Kind::Bulletin), d);
        assert_eq!(arc().slot_date(1, Kind::Essay), arc().start);
        assert_eq!(
            arc().week_of(NaiveDate::from_ymd_opt(2025, 8, 4).unwrap()),
            None
        );
        assert_eq!(
            arc().week_of(NaiveDate::from_ymd_opt(2026, 2, 10).unwrap()),
            Some(28)
        );
    }

    #[test]
    fn nearest_slot_goes_the_short_way() {
        let thursday = NaiveDate::from_ymd_opt(2026, 2, 5).unwrap();
        assert_eq!(
            arc().nearest_slot(thursday, Kind::Bulletin),
            NaiveDate::from_ymd_opt(2026, 2, 6).unwrap()
        );
        assert_eq!(
            arc().nearest_slot(thursday, Kind::Essay),
            NaiveDate::from_ymd_opt(2026, 2, 3).unwrap()
        );
    }
}

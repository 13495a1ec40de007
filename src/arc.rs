//! The arc's calendar: date ↔ week number, the dates of a week's slots, and the weekdays' names.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::kind::Kind;

/// The longest arc `site.toml` may set (a hundred years of weeks): every page and command lists
/// the arc's weeks, so an absurd length would stall them.
pub const MAX_ARC_WEEKS: u32 = 5200;

/// The arc: when week 1 starts, how many weeks it has, and each kind's weekday.
#[derive(Debug, Clone, Copy)]
pub struct Arc {
    pub start: NaiveDate,
    pub weeks: u32,
    pub essay_weekday: Weekday,
    pub bulletin_weekday: Weekday,
}

/// A weekday as `site.toml` writes it: `tuesday`.
pub fn weekday_name(day: Weekday) -> &'static str {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ][day.num_days_from_monday() as usize]
}

/// A weekday as a sentence names it: `Tuesday`.
pub fn weekday_title(day: Weekday) -> String {
    let name = weekday_name(day);
    name[..1].to_uppercase() + &name[1..]
}

/// The last date a text can carry: front matter writes a date as TOML does, with a four-digit year.
pub fn last_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).expect("9999-12-31 is a date")
}

impl Arc {
    /// Week number (1-based) of a date; `None` before the arc starts. Weeks past `weeks` go on counting.
    pub fn week_of(&self, date: NaiveDate) -> Option<u32> {
        let days = (date - self.start).num_days();
        if days < 0 {
            return None;
        }
        u32::try_from(days / 7).ok()?.checked_add(1)
    }

    pub fn weekday(&self, kind: Kind) -> Weekday {
        match kind {
            Kind::Essay => self.essay_weekday,
            Kind::Bulletin => self.bulletin_weekday,
        }
    }

    /// First day of a week (the arc's start weekday); `None` past the dates the calendar holds.
    pub fn checked_week_start(&self, week: u32) -> Option<NaiveDate> {
        self.start
            .checked_add_days(Days::new(7 * u64::from(week.saturating_sub(1))))
    }

    /// The date a text of `kind` is due in `week`; `None` past the dates the calendar holds.
    pub fn checked_slot_date(&self, week: u32, kind: Kind) -> Option<NaiveDate> {
        self.checked_week_start(week)?
            .checked_add_days(Days::new(u64::from(self.slot_offset(kind))))
    }

    /// First day of a week of the site. Its weeks come from texts' dates (four-digit years) and the
    /// arc's length (checked against [`last_date`] in `site.toml`), so the date exists; a week past the
    /// calendar's end gets its last day rather than a panic.
    pub fn week_start(&self, week: u32) -> NaiveDate {
        self.checked_week_start(week).unwrap_or(NaiveDate::MAX)
    }

    /// The date a text of `kind` is due in `week`, a week of the site (see [`Arc::week_start`]).
    pub fn slot_date(&self, week: u32, kind: Kind) -> NaiveDate {
        self.checked_slot_date(week, kind).unwrap_or(NaiveDate::MAX)
    }

    /// The last week whose `kind` slot falls on or before [`last_date`]; 0 when none does.
    pub fn last_week(&self, kind: Kind) -> u32 {
        let days = (last_date() - self.start).num_days() - i64::from(self.slot_offset(kind));
        if days < 0 {
            return 0;
        }
        u32::try_from(days / 7 + 1).unwrap_or(u32::MAX)
    }

    /// Days from a week's first day to `kind`'s weekday.
    fn slot_offset(&self, kind: Kind) -> u32 {
        (7 + self.weekday(kind).num_days_from_monday()
            - self.start.weekday().num_days_from_monday())
            % 7
    }

    /// The date of `kind`'s weekday nearest to `date`, for "did you mean" help.
    pub fn nearest_slot(&self, date: NaiveDate, kind: Kind) -> NaiveDate {
        let want = self.weekday(kind).num_days_from_monday() as i64;
        let have = date.weekday().num_days_from_monday() as i64;
        let forward = (want - have).rem_euclid(7);
        let nearest = if forward <= 3 {
            date.checked_add_days(Days::new(forward as u64))
        } else {
            date.checked_sub_days(Days::new((7 - forward) as u64))
        };
        nearest.unwrap_or(date)
    }
}

/// An arc for tests: 27 weeks from Tuesday 2025-08-05, essays on Tuesdays, bulletins on Fridays.
#[cfg(test)]
pub(crate) fn sample() -> Arc {
    Arc {
        start: NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
        weeks: 27,
        essay_weekday: Weekday::Tue,
        bulletin_weekday: Weekday::Fri,
    }
}

#[cfg(test)]
mod tests {
    use super::sample as arc;
    use super::*;

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
    fn the_calendar_ends_without_a_panic() {
        let arc = arc();
        let last = arc.last_week(Kind::Bulletin);
        assert!(arc.slot_date(last, Kind::Bulletin) <= last_date());
        assert!(arc.slot_date(last + 1, Kind::Bulletin) > last_date());
        assert!(arc.slot_date(arc.last_week(Kind::Essay), Kind::Essay) <= last_date());
        assert_eq!(arc.checked_slot_date(u32::MAX, Kind::Essay), None);
        assert_eq!(arc.slot_date(u32::MAX, Kind::Essay), NaiveDate::MAX);
        assert!(arc.week_of(NaiveDate::MAX).is_some());
        assert_eq!(
            arc.nearest_slot(NaiveDate::MAX, Kind::Bulletin).year(),
            NaiveDate::MAX.year()
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

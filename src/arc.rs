//! The arc's calendar: date ↔ week number, the dates of a week's slots, and the weekdays' names.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::kind::Kind;

/// The longest arc `site.toml` may set (a hundred years of weeks): every page and command lists
/// the arc's weeks, so an absurd length would stall them.
pub const MAX_ARC_WEEKS: u32 = 5200;

/// The site's calendar: its arcs (seasons) one after another, and each kind's weekday. The first
/// arc and the length of every arc not declared come from `[arc]`; `[[arcs]]` declares the next
/// ones (a start after a break, a length, a title); past the last declared, arcs follow back to
/// back. A week is numbered across all arcs (`week`, 1 = the first arc's week 1), so that
/// ordering and slots stay one number; [`Calendar::place`] gives the arc and its own week number.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// The first arc's week 1.
    pub start: NaiveDate,
    /// The length of `[arc]` and of every arc not declared.
    pub weeks: u32,
    pub essay_weekday: Weekday,
    pub bulletin_weekday: Weekday,
    /// The declared arcs, the first one (`[arc]`) included, in order.
    declared: Vec<Season>,
}

/// One arc: its number (1-based), its week 1, its length, and its first week on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Season {
    pub number: u32,
    pub start: NaiveDate,
    pub weeks: u32,
    /// The calendar's number of this arc's week 1.
    pub first: u32,
    /// Its title per language code, when site.toml gives one.
    pub title: Option<std::collections::BTreeMap<String, String>>,
}

impl Season {
    /// The day after its last week.
    pub fn end(&self) -> NaiveDate {
        self.start
            .checked_add_days(Days::new(7 * u64::from(self.weeks)))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The calendar's number of its last week.
    pub fn last(&self) -> u32 {
        self.first + self.weeks - 1
    }
}

/// Where a date falls on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    Before,
    /// Between two arcs: the one that ended and the one to come.
    Break(u32, u32),
    /// A week of the calendar.
    Week(u32),
}

/// A declared arc after the first, as `[[arcs]]` gives it.
#[derive(Debug, Clone)]
pub struct Declared {
    pub start: NaiveDate,
    pub weeks: Option<u32>,
    pub title: Option<std::collections::BTreeMap<String, String>>,
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

impl Calendar {
    /// A calendar of one arc, `weeks` long, from `start`, and arcs of the same length after it.
    pub fn new(
        start: NaiveDate,
        weeks: u32,
        essay_weekday: Weekday,
        bulletin_weekday: Weekday,
    ) -> Self {
        Calendar {
            start,
            weeks,
            essay_weekday,
            bulletin_weekday,
            declared: vec![Season {
                number: 1,
                start,
                weeks,
                first: 1,
                title: None,
            }],
        }
    }

    /// The first arc's title.
    pub fn with_title(mut self, title: Option<std::collections::BTreeMap<String, String>>) -> Self {
        self.declared[0].title = title;
        self
    }

    /// Adds the next declared arc; `Err` says why it cannot follow the last one (its start is not
    /// an essay day, or falls before the last one's end), with the date it could take.
    pub fn declare(&mut self, arc: Declared) -> Result<(), (String, String)> {
        let last = self.declared.last().expect("the first arc").clone();
        let weeks = arc.weeks.unwrap_or(self.weeks);
        if arc.start.weekday() != self.essay_weekday {
            let nearest = self.nearest_slot(arc.start, Kind::Essay).max(last.end());
            return Err((
                format!(
                    "arc {} starts on {}, which is not a {}",
                    last.number + 1,
                    arc.start,
                    weekday_name(self.essay_weekday)
                ),
                format!("an arc starts on the day of its week 1's essay: e.g. `start = {nearest}`"),
            ));
        }
        if arc.start < last.end() {
            return Err((
                format!(
                    "arc {} starts on {}, before arc {} ends ({} is its last week's end)",
                    last.number + 1,
                    arc.start,
                    last.number,
                    last.end().pred_opt().unwrap_or(last.end())
                ),
                format!(
                    "start it on {} or later (back to back), or shorten arc {} with `weeks`",
                    last.end(),
                    last.number
                ),
            ));
        }
        self.declared.push(Season {
            number: last.number + 1,
            start: arc.start,
            weeks,
            first: last.first + last.weeks,
            title: arc.title,
        });
        Ok(())
    }

    /// How many arcs are declared (`[arc]` and each `[[arcs]]`).
    pub fn declared(&self) -> usize {
        self.declared.len()
    }

    /// Arc `number` (1-based), declared or following back to back; `None` past the dates a text
    /// can carry.
    pub fn season(&self, number: u32) -> Option<Season> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        if let Some(season) = self.declared.get(index) {
            return Some(season.clone());
        }
        let last = self.declared.last().expect("the first arc");
        let after = u64::from(number - last.number);
        let start = last
            .end()
            .checked_add_days(Days::new(7 * u64::from(self.weeks) * (after - 1)))?;
        if start > last_date() {
            return None;
        }
        let first = u64::from(last.first + last.weeks) + u64::from(self.weeks) * (after - 1);
        Some(Season {
            number,
            start,
            weeks: self.weeks,
            first: u32::try_from(first).ok()?,
            title: None,
        })
    }

    /// Arc `number`, which [`Calendar::place`] named: declared, or one that starts by the last date.
    pub fn season_of_number(&self, number: u32) -> Season {
        self.season(number)
            .unwrap_or_else(|| self.declared.last().expect("the first arc").clone())
    }

    /// The arc that holds calendar week `week` (at least 1).
    pub fn season_of(&self, week: u32) -> Season {
        let week = week.max(1);
        if let Some(s) = self.declared.iter().find(|s| week <= s.last()) {
            return s.clone();
        }
        let last = self.declared.last().expect("the first arc");
        let number = last.number + 1 + (week - last.first - last.weeks) / self.weeks;
        self.season(number).unwrap_or_else(|| {
            // Past the calendar's dates: the arc is still numbered, dated at its end.
            Season {
                number,
                start: NaiveDate::MAX,
                weeks: self.weeks,
                first: (last.first + last.weeks)
                    .saturating_add((number - last.number - 1).saturating_mul(self.weeks)),
                title: None,
            }
        })
    }

    /// Where `date` falls: before the first arc, in a break between two, or in a week.
    pub fn place(&self, date: NaiveDate) -> Place {
        if date < self.start {
            return Place::Before;
        }
        for pair in self.declared.windows(2) {
            if date < pair[0].end() {
                return Place::Week(week_in(&pair[0], date));
            }
            if date < pair[1].start {
                return Place::Break(pair[0].number, pair[1].number);
            }
        }
        let last = self.declared.last().expect("the first arc");
        // Back-to-back arcs have no breaks: the weeks count on.
        let days = (date - last.start).num_days();
        match u32::try_from(days / 7) {
            Ok(n) => Place::Week(last.first.saturating_add(n)),
            Err(_) => Place::Week(u32::MAX),
        }
    }

    /// The calendar's week of a date; `None` before the first arc or between two arcs.
    pub fn week_of(&self, date: NaiveDate) -> Option<u32> {
        match self.place(date) {
            Place::Week(week) => Some(week),
            _ => None,
        }
    }

    /// The first week whose days are not all before `date`: the week holding it, the next arc's
    /// first during a break, the first before the calendar starts. Where to look for a free slot.
    pub fn week_from(&self, date: NaiveDate) -> u32 {
        match self.place(date) {
            Place::Week(week) => week,
            Place::Break(_, next) => self.season_of_number(next).first,
            Place::Before => 1,
        }
    }

    /// The arc number and the arc's own week number of calendar week `week`.
    pub fn local(&self, week: u32) -> (u32, u32) {
        let season = self.season_of(week);
        (season.number, week.saturating_sub(season.first) + 1)
    }

    pub fn weekday(&self, kind: Kind) -> Weekday {
        match kind {
            Kind::Essay => self.essay_weekday,
            Kind::Bulletin => self.bulletin_weekday,
        }
    }

    /// First day of a calendar week (the essay's weekday); `None` past the dates the calendar holds.
    pub fn checked_week_start(&self, week: u32) -> Option<NaiveDate> {
        let season = self.season_of(week);
        season
            .start
            .checked_add_days(Days::new(7 * u64::from(week.max(1) - season.first)))
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
        let last = last_date()
            .checked_sub_days(Days::new(u64::from(self.slot_offset(kind))))
            .unwrap_or(NaiveDate::MIN);
        match self.place(last) {
            Place::Week(week) => week,
            Place::Break(ended, _) => self.season(ended).map_or(0, |s| s.last()),
            Place::Before => 0,
        }
    }

    /// Days from a week's first day (the essay's weekday) to `kind`'s weekday.
    fn slot_offset(&self, kind: Kind) -> u32 {
        (7 + self.weekday(kind).num_days_from_monday() - self.essay_weekday.num_days_from_monday())
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

/// The week of `date` in `season` (which holds it).
fn week_in(season: &Season, date: NaiveDate) -> u32 {
    season.first + u32::try_from((date - season.start).num_days() / 7).unwrap_or(0)
}

/// A calendar for tests: arcs of 27 weeks from Tuesday 2025-08-05, essays on Tuesdays, bulletins
/// on Fridays.
#[cfg(test)]
pub(crate) fn sample() -> Calendar {
    Calendar::new(
        NaiveDate::from_ymd_opt(2025, 8, 5).unwrap(),
        27,
        Weekday::Tue,
        Weekday::Fri,
    )
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

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Arc 1 of 27 weeks from 2025-08-05 (ends 2026-02-09), a break, arc 2 of 10 weeks from
    /// 2026-03-03, then arcs of 27 weeks back to back.
    fn with_break() -> Calendar {
        let mut calendar = arc();
        calendar
            .declare(Declared {
                start: date(2026, 3, 3),
                weeks: Some(10),
                title: None,
            })
            .unwrap();
        calendar
    }

    #[test]
    fn arcs_follow_back_to_back_and_number_their_own_weeks() {
        let calendar = arc();
        // The Tuesday after arc 1's last Friday is arc 2's week 1.
        let week = calendar.week_of(date(2026, 2, 10)).unwrap();
        assert_eq!(week, 28);
        assert_eq!(calendar.local(week), (2, 1));
        assert_eq!(calendar.local(27), (1, 27));
        assert_eq!(calendar.local(54), (2, 27));
        assert_eq!(calendar.local(55), (3, 1));
        assert_eq!(calendar.season(2).unwrap().start, date(2026, 2, 10));
        assert_eq!(calendar.slot_date(28, Kind::Bulletin), date(2026, 2, 13));
    }

    #[test]
    fn a_declared_arc_after_a_break() {
        let calendar = with_break();
        assert_eq!(calendar.place(date(2026, 2, 17)), Place::Break(1, 2));
        assert_eq!(calendar.place(date(2026, 3, 2)), Place::Break(1, 2));
        assert_eq!(calendar.week_of(date(2026, 3, 3)), Some(28));
        assert_eq!(calendar.local(28), (2, 1));
        assert_eq!(calendar.slot_date(28, Kind::Essay), date(2026, 3, 3));
        assert_eq!(calendar.slot_date(37, Kind::Bulletin), date(2026, 5, 8));
        // Arc 3 follows arc 2 back to back, 27 weeks long.
        assert_eq!(calendar.local(38), (3, 1));
        assert_eq!(calendar.slot_date(38, Kind::Essay), date(2026, 5, 12));
        assert_eq!(calendar.week_of(date(2026, 5, 12)), Some(38));
        assert_eq!(calendar.season(3).unwrap().weeks, 27);
        assert_eq!(calendar.season_of(64).number, 3);
        assert_eq!(calendar.season_of(65).number, 4);
    }

    #[test]
    fn overlapping_arcs_and_odd_starts_are_refused() {
        let mut calendar = arc();
        let (message, help) = calendar
            .declare(Declared {
                start: date(2026, 2, 3),
                weeks: None,
                title: None,
            })
            .unwrap_err();
        assert!(message.contains("before arc 1 ends"), "{message}");
        assert!(help.contains("2026-02-10"), "{help}");
        let (message, help) = calendar
            .declare(Declared {
                start: date(2026, 3, 4),
                weeks: None,
                title: None,
            })
            .unwrap_err();
        assert!(message.contains("not a tuesday"), "{message}");
        assert!(help.contains("2026-03-03"), "{help}");
    }

    #[test]
    fn the_calendar_of_many_arcs_ends_without_a_panic() {
        let calendar = with_break();
        for kind in Kind::ALL {
            let last = calendar.last_week(kind);
            assert!(calendar.slot_date(last, kind) <= last_date());
            assert!(calendar.slot_date(last + 1, kind) > last_date());
        }
        assert_eq!(calendar.season_of(u32::MAX).weeks, 27);
    }
}

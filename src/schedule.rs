//! When a text goes live (the publish hour of its date, in the site's zone), and which dates lie
//! implausibly far ahead. "Now" is read once by the command layer and passed down as a value.

use std::path::PathBuf;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

use crate::arc::Calendar;
use crate::diagnostics::Diagnostic;

/// "Now" as the command line gave it; a local time is read in the site's zone once the site is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    At(DateTime<Utc>),
    /// `--now YYYY-MM-DDTHH:MM`, in the site's time zone.
    Local(NaiveDateTime),
}

impl Now {
    /// `--now` when given, else `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention), else the clock.
    pub fn read(arg: Option<&str>) -> Result<Now, String> {
        if let Some(arg) = arg {
            return Now::parse(arg);
        }
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) if !value.trim().is_empty() => value
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| DateTime::from_timestamp(s, 0))
                .filter(|t| datable(t.date_naive()))
                .map(Now::At)
                .ok_or_else(|| {
                    format!("SOURCE_DATE_EPOCH=`{value}` is not a number of seconds since 1970 in the years 0 to 9999")
                }),
            _ => Ok(Now::At(Utc::now())),
        }
    }

    /// The day "now" falls on, in the site's zone.
    pub fn date_in(self, zone: Tz) -> NaiveDate {
        match self {
            Now::At(t) => t.with_timezone(&zone).date_naive(),
            Now::Local(t) => t.date(),
        }
    }

    /// `YYYY-MM-DDTHH:MM` (or with a space, or a bare date meaning its midnight), in the site's zone.
    pub fn parse(text: &str) -> Result<Now, String> {
        let text = text.trim();
        let parsed = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .or_else(|| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()
                    .map(|d| d.and_time(NaiveTime::MIN))
            });
        match parsed {
            Some(t) if datable(t.date()) => return Ok(Now::Local(t)),
            Some(_) => {
                return Err(format!(
                    "`{text}` is outside the years 0 to 9999, the dates a text can carry"
                ))
            }
            None => {}
        }
        Err(format!(
            "`{text}` is not a time: write it as YYYY-MM-DDTHH:MM, e.g. 2026-02-03T07:00, in the site's time zone"
        ))
    }
}

/// The IANA zone name `name` was probably meant to be: the same name in another case or with spaces
/// for underscores (`america/sao_paulo`), a near spelling (`America/Sao_Paolo`), or the one zone
/// whose city it names (`sao paulo`).
pub fn zone_like(name: &str) -> Option<&'static str> {
    let fold = |s: &str| s.trim().replace(' ', "_").to_lowercase();
    let wanted = fold(name);
    let names: Vec<&'static str> = chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()).collect();
    if let Some(same) = names.iter().find(|n| fold(n) == wanted) {
        return Some(same);
    }
    let folded: Vec<String> = names.iter().map(|n| fold(n)).collect();
    let options: Vec<&str> = folded.iter().map(String::as_str).collect();
    if let Some(near) = crate::diagnostics::nearest(&wanted, &options) {
        return options.iter().position(|o| *o == near).map(|i| names[i]);
    }
    let mut cities = names.iter().filter(|n| {
        n.rsplit('/')
            .next()
            .is_some_and(|city| fold(city) == wanted)
    });
    match (cities.next(), cities.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Whether `date` is one a site can be looked at from: a four-digit year, as texts are dated.
fn datable(date: NaiveDate) -> bool {
    (0..=9999).contains(&date.year())
}

/// The publishing hour of the site, in its zone.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub zone: Tz,
    pub time: NaiveTime,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            zone: Tz::UTC,
            time: NaiveTime::MIN,
        }
    }
}

/// Where a text stands: out, live, or waiting for its hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Published,
    Scheduled,
    Draft,
}

/// The schedule and the moment a run looks at it from.
#[derive(Debug, Clone, Copy)]
pub struct Publishing {
    pub schedule: Schedule,
    pub now: DateTime<Utc>,
}

impl Publishing {
    pub fn status(&self, date: NaiveDate, draft: bool) -> Status {
        self.schedule.status(date, draft, self.now)
    }
}

impl Schedule {
    /// Reads `timezone` (an IANA name) and `time` ("HH:MM"); the error names the key, the problem and the fix.
    pub fn new(timezone: &str, time: &str) -> Result<Schedule, (&'static str, String, String)> {
        let zone: Tz = timezone.parse().map_err(|_| {
            let help = match zone_like(timezone) {
                Some(name) => format!("did you mean `{name}`? Write `timezone = \"{name}\"`"),
                None => "write an IANA time zone name, e.g. `America/Sao_Paulo` or `UTC`".into(),
            };
            ("timezone", format!("`{timezone}` is not a time zone"), help)
        })?;
        let time = NaiveTime::parse_from_str(time, "%H:%M").map_err(|_| {
            // "07:00:00" or "7:00" in quotes: the hour as it should be written.
            let hour = NaiveTime::parse_from_str(time.trim(), "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H:%M"))
                .map_or_else(|_| "07:00".to_string(), |t| t.format("%H:%M").to_string());
            (
                "time",
                format!("`{time}` is not an hour of the day"),
                format!("write the publishing hour as HH:MM: `time = \"{hour}\"`"),
            )
        })?;
        Ok(Schedule { zone, time })
    }

    /// The instant `now` names: a local `--now` is read in the site's zone.
    pub fn instant(&self, now: Now) -> DateTime<Utc> {
        match now {
            Now::At(t) => t,
            Now::Local(t) => self.local(t).with_timezone(&Utc),
        }
    }

    /// When a text dated `date` goes live.
    pub fn goes_live(&self, date: NaiveDate) -> DateTime<Tz> {
        self.local(date.and_time(self.time))
    }

    /// A text's status at `now`.
    pub fn status(&self, date: NaiveDate, draft: bool, now: DateTime<Utc>) -> Status {
        if draft {
            Status::Draft
        } else if self.goes_live(date).with_timezone(&Utc) > now {
            Status::Scheduled
        } else {
            Status::Published
        }
    }

    /// A wall-clock time in the site's zone; in a daylight-saving gap, the first valid moment after it,
    /// and in an overlap, the earlier one.
    fn local(&self, t: NaiveDateTime) -> DateTime<Tz> {
        let mut t = t;
        for _ in 0..=180 {
            if let Some(d) = self.zone.from_local_datetime(&t).earliest() {
                return d;
            }
            t += chrono::Duration::minutes(1);
        }
        self.zone.from_utc_datetime(&t)
    }
}

/// How far (in weeks) a text may be dated past the arc's end, today and the texts before it before
/// its date looks like a slip of the year.
pub const FAR_AHEAD_WEEKS: u64 = 52;

/// Warnings for texts dated implausibly far ahead (`dates`: date, its line, file): more than
/// `FAR_AHEAD_WEEKS` past the latest of the arc's end, `today` and every earlier text that is not
/// itself that far. A writer who takes a long break and comes back is never warned: the dates
/// before today never are.
pub fn far_ahead(
    mut dates: Vec<(NaiveDate, usize, PathBuf)>,
    arc: &Calendar,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    dates.sort();
    let arc_end = arc
        .start
        .checked_add_days(Days::new(7 * u64::from(arc.weeks)))
        .unwrap_or(NaiveDate::MAX);
    let mut horizon = arc_end.max(today);
    let mut newest: Option<NaiveDate> = None;
    let mut out = Vec::new();
    for (date, line, path) in dates {
        let limit = horizon
            .checked_add_days(Days::new(7 * FAR_AHEAD_WEEKS))
            .unwrap_or(NaiveDate::MAX);
        if date <= limit {
            horizon = horizon.max(date);
            newest = Some(newest.map_or(date, |n| n.max(date)));
            continue;
        }
        let before = newest.map_or_else(String::new, |n| format!(" (the newest is dated {n})"));
        out.push(
            Diagnostic::warning(
                &path,
                format!("{date} is more than a year after the arc's end, today and every text before it{before}: is the year right?"),
            )
            .at(line, 1)
            .help(format!(
                "texts are dated within a year of the arc, today or the text before them; fix the year in `date`, or leave it if the text is truly meant for {}",
                date.year()
            )),
        );
    }
    out
}

/// The last year a publishing moment may fall in, in UTC: ISO 8601 and RFC 3339, which feeds and
/// the sending service read, write years in four digits (chrono writes `+10000-…` past it).
pub const LAST_YEAR: i32 = 9999;

/// Errors for texts that would go live after [`LAST_YEAR`] in UTC (`dates`: date, its line, file):
/// `9999-12-31` in a zone behind UTC is already year 10000 there.
pub fn past_last_year(
    dates: &[(NaiveDate, usize, PathBuf)],
    schedule: &Schedule,
) -> Vec<Diagnostic> {
    dates
        .iter()
        .filter(|(date, _, _)| {
            date.year() > LAST_YEAR
                || schedule.goes_live(*date).with_timezone(&Utc).year() > LAST_YEAR
        })
        .map(|(date, line, path)| {
            Diagnostic::error(
                path,
                format!("{date} at the publishing hour is in the year {} in UTC: no feed or sending service can carry a year past {LAST_YEAR}", LAST_YEAR + 1),
            )
            .at(*line, 1)
            .help("fix the year in `date`: a text is dated in the years it can be published")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sao_paulo() -> Schedule {
        Schedule::new("America/Sao_Paulo", "07:00").unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_text_goes_live_at_its_hour_in_the_zone() {
        let s = sao_paulo();
        let tuesday = date("2026-02-03");
        // 07:00 in São Paulo (UTC−3) is 10:00 UTC.
        assert_eq!(
            s.goes_live(tuesday).with_timezone(&Utc).to_rfc3339(),
            "2026-02-03T10:00:00+00:00"
        );
        let before = s.instant(Now::parse("2026-02-03T06:59").unwrap());
        let at = s.instant(Now::parse("2026-02-03T07:00").unwrap());
        assert_eq!(s.status(tuesday, false, before), Status::Scheduled);
        assert_eq!(s.status(tuesday, false, at), Status::Published);
        assert_eq!(s.status(tuesday, true, at), Status::Draft);
    }

    #[test]
    fn zone_names_are_found_in_any_case_and_spelling() {
        assert_eq!(zone_like("america/sao_paulo"), Some("America/Sao_Paulo"));
        assert_eq!(zone_like("America/Sao_Paolo"), Some("America/Sao_Paulo"));
        assert_eq!(zone_like("Sao Paulo"), Some("America/Sao_Paulo"));
        assert_eq!(zone_like("utc"), Some("UTC"));
        assert_eq!(zone_like("Mars/Olympus"), None);
        let (_, _, help) = Schedule::new("UTC", "07:00:00").unwrap_err();
        assert_eq!(
            help,
            "write the publishing hour as HH:MM: `time = \"07:00\"`"
        );
        assert!(Now::parse("10000-01-01").is_err());
    }

    #[test]
    fn bad_settings_name_their_key() {
        assert_eq!(
            Schedule::new("Mars/Olympus", "07:00").unwrap_err().0,
            "timezone"
        );
        assert_eq!(Schedule::new("UTC", "7h").unwrap_err().0, "time");
        assert!(Now::parse("amanhã").is_err());
        assert_eq!(
            Now::parse("2026-02-03").unwrap(),
            Now::Local(date("2026-02-03").and_time(NaiveTime::MIN))
        );
    }

    #[test]
    fn a_daylight_saving_gap_moves_forward() {
        // New York skipped 02:00–03:00 on 2026-03-08.
        let s = Schedule::new("America/New_York", "02:30").unwrap();
        let live = s.goes_live(date("2026-03-08"));
        assert_eq!(live.to_rfc3339(), "2026-03-08T03:00:00-04:00");
    }
}

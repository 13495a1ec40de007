//! The publish workflow's daily run against `[publish]`: a text goes live at its hour only when a
//! build runs soon after it, so `.github/workflows/publish.yml`'s cron must follow `site.toml`.

use std::path::Path;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};

use crate::arc::Calendar;
use crate::diagnostics::Diagnostic;
use crate::schedule::Schedule;

/// The workflow `site init` writes, which publishes the site.
pub const PUBLISH_WORKFLOW: &str = ".github/workflows/publish.yml";
/// How late after a text's hour a run may start: GitHub starts scheduled runs some minutes late, and
/// one cron line serves both offsets of a zone with daylight saving (an hour apart).
const SLACK_MINUTES: i64 = 90;
/// How long after the hour the suggested run starts.
const AFTER_MINUTES: u32 = 15;

/// A warning when the workflow at `root` runs no build soon after the publishing hour of each kind's
/// day, in winter and in summer; nothing when the site has no such workflow.
pub fn schedule_problems(root: &Path, schedule: &Schedule, arc: &Calendar) -> Vec<Diagnostic> {
    let Ok(text) = std::fs::read_to_string(root.join(PUBLISH_WORKFLOW)) else {
        return Vec::new();
    };
    // (line, column, expression) of every `- cron: "…"`.
    let crons: Vec<(usize, usize, String)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let value = line.trim().trim_start_matches('-').trim();
            let value = value.strip_prefix("cron:")?.trim();
            let column = line
                .find(value)
                .map_or(1, |c| line[..c].chars().count() + 1);
            Some((i + 1, column, value.trim_matches(['"', '\'']).to_string()))
        })
        .collect();
    let lives = live_instants(schedule, arc);
    let parsed: Vec<Cron> = crons
        .iter()
        .filter_map(|(_, _, c)| Cron::parse(c))
        .collect();
    let followed = lives.iter().all(|live| {
        (0..=SLACK_MINUTES).any(|m| {
            let at = *live + Duration::minutes(m);
            parsed.iter().any(|cron| cron.matches(at))
        })
    });
    if followed {
        return Vec::new();
    }
    let at = suggested_at(&lives);
    let line = cron_line(at);
    let hour = schedule.time.format("%H:%M");
    let zone = schedule.zone.name();
    let help = format!(
        "write `- cron: \"{line}\"`: every day at {:02}:{:02} UTC, shortly after {hour} in {zone} (the later of its UTC offsets, when it has two)",
        at / 60,
        at % 60,
    );
    let path = Path::new(PUBLISH_WORKFLOW);
    let diagnostic = match crons.first() {
        Some((line, column, cron)) => Diagnostic::warning(
            path,
            format!("the workflow runs at `{cron}` (UTC), not soon after {hour} in {zone}, the publishing hour of site.toml's [publish]: a scheduled text would go live late"),
        )
        .at_line_of(&text, *line, *column),
        None => Diagnostic::warning(
            path,
            "the workflow has no daily schedule: a text scheduled ahead goes live only with the next push",
        ),
    };
    vec![diagnostic.help(help)]
}

/// When a text of each kind goes live, in UTC, on a day of winter and one of summer (either
/// hemisphere's daylight saving is in one of them).
fn live_instants(schedule: &Schedule, arc: &Calendar) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    for month in [1, 7] {
        for day in [arc.essay_weekday, arc.bulletin_weekday] {
            let date = NaiveDate::from_weekday_of_month_opt(2026, month, day, 1)
                .expect("every weekday is in a month");
            out.push(schedule.goes_live(date).with_timezone(&Utc));
        }
    }
    out
}

/// A minute of the day (UTC) a few minutes after the later of the live hours.
fn suggested_at(lives: &[DateTime<Utc>]) -> u32 {
    let minutes: Vec<u32> = lives.iter().map(|t| t.hour() * 60 + t.minute()).collect();
    // The latest of them, on a clock that may cross midnight: the one the others are at most a few
    // hours before.
    let latest = minutes
        .iter()
        .copied()
        .find(|&m| minutes.iter().all(|&o| (m + 1440 - o) % 1440 <= 180))
        .unwrap_or(minutes[0]);
    (latest + AFTER_MINUTES) % 1440
}

/// The daily cron line at minute `at` of the day.
fn cron_line(at: u32) -> String {
    format!("{} {} * * *", at % 60, at / 60)
}

/// A cron expression's five fields, each as the values it allows.
struct Cron {
    minutes: Vec<u32>,
    hours: Vec<u32>,
    days: Vec<u32>,
    months: Vec<u32>,
    weekdays: Vec<u32>,
    /// Day of month and weekday both restricted: either may match (cron's rule).
    either_day: bool,
}

impl Cron {
    fn parse(text: &str) -> Option<Cron> {
        let fields: Vec<&str> = text.split_whitespace().collect();
        let [minute, hour, day, month, weekday] = fields.as_slice() else {
            return None;
        };
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        const DAYS: [&str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
        let mut weekdays = field(weekday, 0, 7, &DAYS, 0)?;
        // 7 is Sunday too.
        weekdays.iter_mut().for_each(|d| *d %= 7);
        Some(Cron {
            minutes: field(minute, 0, 59, &[], 0)?,
            hours: field(hour, 0, 23, &[], 0)?,
            days: field(day, 1, 31, &[], 1)?,
            months: field(month, 1, 12, &MONTHS, 1)?,
            weekdays,
            either_day: *day != "*" && *weekday != "*",
        })
    }

    fn matches(&self, at: DateTime<Utc>) -> bool {
        let day = self.days.contains(&at.day());
        let weekday = self.weekdays.contains(&at.weekday().num_days_from_sunday());
        let day_ok = match self.either_day {
            true => day || weekday,
            false => day && weekday,
        };
        self.minutes.contains(&at.minute())
            && self.hours.contains(&at.hour())
            && self.months.contains(&at.month())
            && day_ok
    }
}

/// The values of one cron field: `*`, numbers or names, ranges, steps and lists. `names[i]` is
/// the value `first_name + i`.
fn field(text: &str, low: u32, high: u32, names: &[&str], first_name: u32) -> Option<Vec<u32>> {
    let value = |s: &str| -> Option<u32> {
        let lower = s.to_ascii_lowercase();
        match names.iter().position(|n| *n == lower) {
            Some(i) => Some(first_name + i as u32),
            None => s.parse().ok().filter(|v| (low..=high).contains(v)),
        }
    };
    let mut out = Vec::new();
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (r, s.parse::<u32>().ok().filter(|s| *s > 0)?),
            None => (part, 1),
        };
        let (from, to) = match range {
            "*" => (low, high),
            r => match r.split_once('-') {
                Some((a, b)) => (value(a)?, value(b)?),
                None => {
                    let v = value(r)?;
                    (v, if part.contains('/') { high } else { v })
                }
            },
        };
        out.extend((from..=to).step_by(step as usize));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::arc::sample as arc;

    fn suggested(lives: &[DateTime<Utc>]) -> String {
        cron_line(suggested_at(lives))
    }

    #[test]
    fn cron_fields_expand() {
        assert_eq!(field("15", 0, 59, &[], 0).unwrap(), [15]);
        assert_eq!(field("*/20", 0, 59, &[], 0).unwrap(), [0, 20, 40]);
        assert_eq!(field("1-3,9", 0, 23, &[], 0).unwrap(), [1, 2, 3, 9]);
        assert_eq!(
            field("mon-wed", 0, 7, &["sun", "mon", "tue", "wed"], 0).unwrap(),
            [1, 2, 3]
        );
        assert!(field("61", 0, 59, &[], 0).is_none());
        assert!(Cron::parse("15 10 * *").is_none());
    }

    #[test]
    fn the_suggested_line_follows_the_later_offset() {
        let lisbon = Schedule::new("Europe/Lisbon", "18:00").unwrap();
        // 18:00 is 18:00 UTC in winter and 17:00 UTC in summer.
        assert_eq!(suggested(&live_instants(&lisbon, &arc())), "15 18 * * *");
        let sao_paulo = Schedule::new("America/Sao_Paulo", "07:00").unwrap();
        assert_eq!(suggested(&live_instants(&sao_paulo, &arc())), "15 10 * * *");
        // Past midnight in UTC.
        let la = Schedule::new("America/Los_Angeles", "17:00").unwrap();
        assert_eq!(suggested(&live_instants(&la, &arc())), "15 1 * * *");
    }
}

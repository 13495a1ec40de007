//! The publish workflow's daily run against `[publish]`: a text goes live at its hour only when a
//! build runs soon after it, so `.github/workflows/publish.yml`'s cron must follow `site.toml`.

use std::path::Path;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};

use crate::arc::Calendar;
use crate::diagnostics::Diagnostic;
use crate::schedule::Schedule;

/// The workflow `site init` writes, which publishes the site.
pub const PUBLISH_WORKFLOW: &str = ".github/workflows/publish.yml";
/// How late after a text's hour a run may start: GitHub starts scheduled runs some minutes late.
/// A zone with daylight saving needs a run after the hour at each of its offsets.
const SLACK_MINUTES: i64 = 45;
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
    let words = in_words(schedule, &lives);
    if followed {
        return stale_comment(&text, crons.first().map(|c| c.0), schedule, &words)
            .into_iter()
            .collect();
    }
    let line = cron_line(&suggested_at(&lives));
    let hour = schedule.time.format("%H:%M");
    let zone = schedule.zone.name();
    let help = format!("write `- cron: \"{line}\"`: {words}");
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

/// A warning when the comment just above the first cron line (line `cron_line`) does not name the
/// hour and zone of [publish]: it would tell the next reader of the workflow something untrue.
fn stale_comment(
    text: &str,
    cron_line: Option<usize>,
    schedule: &Schedule,
    words: &str,
) -> Option<Diagnostic> {
    let cron_line = cron_line?;
    let lines: Vec<&str> = text.lines().collect();
    let above: Vec<(usize, &str)> = (0..cron_line - 1)
        .rev()
        .map(|i| (i, lines[i].trim()))
        .take_while(|(_, l)| l.starts_with('#'))
        .collect();
    let (first, _) = *above.last()?;
    let names = format!(
        "{} in {}",
        schedule.time.format("%H:%M"),
        schedule.zone.name()
    );
    // Only a comment that names an hour in a zone can be out of date ("# daily" is not).
    let hour_in_zone = regex::Regex::new(r"\b\d{2}:\d{2} in [A-Za-z_]+(/[A-Za-z_+-]+)*")
        .expect("the pattern is valid");
    let comment: String = above.iter().map(|(_, l)| format!("{l} ")).collect();
    if comment.contains(&names) || !hour_in_zone.is_match(&comment) {
        return None;
    }
    Some(
        Diagnostic::warning(
            Path::new(PUBLISH_WORKFLOW),
            format!("the comment above the cron line does not name {names}, the publishing hour of site.toml's [publish]"),
        )
        .at_line_of(text, first + 1, 1)
        .help(format!("write `# Runs {words}.` there")),
    )
}

/// The comment above the cron line and the line itself, as `site init` writes them and
/// `site check` asks for: a run shortly after the hour at each UTC offset of the zone.
pub fn suggestion(schedule: &Schedule, arc: &Calendar) -> (String, String) {
    let lives = live_instants(schedule, arc);
    (in_words(schedule, &lives), cron_line(&suggested_at(&lives)))
}

/// "every day at 05:15 and 06:15 UTC, shortly after 07:00 in Europe/Madrid (05:00 UTC in summer
/// time, 06:00 UTC in winter)".
fn in_words(schedule: &Schedule, lives: &[DateTime<Utc>]) -> String {
    let runs: Vec<String> = suggested_at(lives)
        .iter()
        .map(|m| format!("{:02}:{:02}", m / 60, m % 60))
        .collect();
    let hour = schedule.time.format("%H:%M");
    let zone = schedule.zone.name();
    let hours = live_minutes(lives);
    let offsets = match hours.as_slice() {
        [one] => format!("{:02}:{:02} UTC all year", one / 60, one % 60),
        _ => {
            // The offsets of January and July: which is summer depends on the hemisphere.
            let at = |i: usize| {
                let m = lives[i].hour() * 60 + lives[i].minute();
                format!("{:02}:{:02} UTC", m / 60, m % 60)
            };
            format!("{} in January, {} in July", at(0), at(lives.len() / 2))
        }
    };
    format!(
        "every day at {} UTC, shortly after {hour} in {zone} ({offsets})",
        runs.join(" and ")
    )
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

/// The distinct minutes of the day (UTC) the texts go live at: one, or two in a zone with
/// daylight saving.
fn live_minutes(lives: &[DateTime<Utc>]) -> Vec<u32> {
    let mut minutes: Vec<u32> = lives.iter().map(|t| t.hour() * 60 + t.minute()).collect();
    minutes.sort_unstable();
    minutes.dedup();
    minutes
}

/// The minutes of the day (UTC) a run should start at: a few minutes after each live hour.
fn suggested_at(lives: &[DateTime<Utc>]) -> Vec<u32> {
    live_minutes(lives)
        .into_iter()
        .map(|m| (m + AFTER_MINUTES) % 1440)
        .collect()
}

/// The daily cron expression for runs at minutes `at` of the day: one line (`15 5,6 * * *`) when
/// they share their minute, else each run's own (`0 5 * * *` and `30 6 * * *`, joined by `|`).
fn cron_line(at: &[u32]) -> String {
    let mut at = at.to_vec();
    at.sort_unstable();
    let minute = at[0] % 60;
    if at.iter().all(|m| m % 60 == minute) {
        let hours: Vec<String> = at.iter().map(|m| (m / 60).to_string()).collect();
        format!("{minute} {} * * *", hours.join(","))
    } else {
        at.iter()
            .map(|m| format!("{} {} * * *", m % 60, m / 60))
            .collect::<Vec<_>>()
            .join("\" and \"")
    }
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
        cron_line(&suggested_at(lives))
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
    fn the_suggested_runs_follow_the_hour_at_both_offsets() {
        let cases = [
            // Summer time from March to October: 07:00 is 05:00 or 06:00 UTC.
            ("Europe/Madrid", "07:00", "15 5,6 * * *"),
            ("America/New_York", "07:00", "15 11,12 * * *"),
            // Southern hemisphere: summer time from October to April.
            ("Australia/Sydney", "07:00", "15 20,21 * * *"),
            // No daylight saving.
            ("America/Sao_Paulo", "07:00", "15 10 * * *"),
            // Past midnight in UTC.
            ("America/Los_Angeles", "17:00", "15 0,1 * * *"),
        ];
        for (zone, hour, line) in cases {
            let schedule = Schedule::new(zone, hour).unwrap();
            let lives = live_instants(&schedule, &arc());
            assert_eq!(suggested(&lives), line, "{zone}");
            // Every text's hour, summer and winter, is followed by a run within the slack.
            let cron = Cron::parse(line).unwrap();
            for live in &lives {
                assert!(
                    (0..=SLACK_MINUTES).any(|m| cron.matches(*live + Duration::minutes(m))),
                    "{zone} {live}"
                );
            }
        }
        let madrid = Schedule::new("Europe/Madrid", "07:00").unwrap();
        assert_eq!(
            suggestion(&madrid, &arc()).0,
            "every day at 05:15 and 06:15 UTC, shortly after 07:00 in Europe/Madrid (06:00 UTC in January, 05:00 UTC in July)"
        );
    }
}

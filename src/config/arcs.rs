//! The arcs as `site.toml` declares them (`[arc]`, then `[[arcs]]`), read into the site's calendar:
//! dates and weekdays parsed, each arc checked against the one before it.

use chrono::{Datelike, Weekday};
use serde::Deserialize;

use super::{date_of, Config, PerLanguage};
use crate::arc::{Calendar, Declared, MAX_ARC_WEEKS};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArcConfig {
    pub start: toml::value::Datetime,
    pub weeks: u32,
    pub essay_weekday: String,
    pub bulletin_weekday: String,
    /// The first arc's title: one text, or one per language code.
    #[serde(default)]
    pub title: Option<PerLanguage>,
}

/// An arc after the first (`[[arcs]]`): its week 1, and optionally its length and title.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextArc {
    pub start: toml::value::Datetime,
    #[serde(default)]
    pub weeks: Option<u32>,
    #[serde(default)]
    pub title: Option<PerLanguage>,
}

impl Config {
    /// The calendar of arcs with their dates and weekdays parsed; the error names the key, the
    /// problem and the fix.
    pub fn arc(&self) -> Result<Calendar, (&'static str, String, String)> {
        let start = date_of(&self.arc.start).ok_or((
            "start",
            format!("`start = {}` is not a date", self.arc.start),
            format!(
                "write the {} of week 1 as a TOML date, e.g. `start = 2025-08-05`",
                self.arc.essay_weekday
            ),
        ))?;
        let weekday = |key: &'static str, value: &str| {
            value.parse::<Weekday>().map_err(|_| {
                (
                    key,
                    format!("`{value}` is not a weekday"),
                    "write an English weekday name, e.g. `tuesday`".to_string(),
                )
            })
        };
        let essay_weekday = weekday("essay_weekday", &self.arc.essay_weekday)?;
        let bulletin_weekday = weekday("bulletin_weekday", &self.arc.bulletin_weekday)?;
        let mut arc = Calendar::new(start, self.arc.weeks, essay_weekday, bulletin_weekday)
            .with_title(self.titles(self.arc.title.as_ref()));
        if start.weekday() != essay_weekday {
            let nearest = arc.nearest_slot(start, crate::kind::Kind::Essay);
            return Err((
                "start",
                format!(
                    "the arc starts on {start}, which is not a {}",
                    crate::arc::weekday_name(essay_weekday)
                ),
                format!("`start` is the date of week 1's essay, on `essay_weekday`: the nearest is `start = {nearest}`"),
            ));
        }
        if self.arc.weeks == 0 {
            return Err((
                "weeks",
                "the arc has no weeks".into(),
                "set `weeks` to 1 or more, e.g. `weeks = 27`".into(),
            ));
        }
        if self.arc.weeks > MAX_ARC_WEEKS {
            return Err((
                "weeks",
                format!("an arc of {} weeks is longer than a hundred years", self.arc.weeks),
                format!("set `weeks` to the arc's length, at most {MAX_ARC_WEEKS}: texts after the arc's last week still build"),
            ));
        }
        let last = crate::kind::Kind::ALL
            .map(|k| arc.last_week(k))
            .into_iter()
            .min()
            .unwrap_or(0);
        if self.arc.weeks > last {
            let help = if last == 0 {
                "start the arc earlier".to_string()
            } else {
                format!("set `weeks` to {last} or fewer, or start the arc earlier")
            };
            return Err((
                "weeks",
                format!(
                    "the arc's last week would be dated after {}, the last date a text can carry",
                    crate::arc::last_date()
                ),
                help,
            ));
        }
        for (i, next) in self.arcs.iter().enumerate() {
            let number = i + 2;
            let start = date_of(&next.start).ok_or((
                "arcs",
                format!("arc {number}: `start = {}` is not a date", next.start),
                "write the date of its week 1's essay as a TOML date, e.g. `start = 2026-03-03`"
                    .to_string(),
            ))?;
            if let Some(weeks) = next.weeks.filter(|w| *w == 0 || *w > MAX_ARC_WEEKS) {
                return Err((
                    "arcs",
                    format!("arc {number} has {weeks} weeks"),
                    format!(
                        "set its `weeks` between 1 and {MAX_ARC_WEEKS}, or leave it out for {}",
                        self.arc.weeks
                    ),
                ));
            }
            if start > crate::arc::last_date() {
                return Err((
                    "arcs",
                    format!("arc {number} starts after {}", crate::arc::last_date()),
                    "start it earlier".to_string(),
                ));
            }
            arc.declare(Declared {
                start,
                weeks: next.weeks,
                title: self.titles(next.title.as_ref()),
            })
            .map_err(|(message, help)| ("arcs", message, help))?;
        }
        Ok(arc)
    }

    /// A title per language code: one given for all, or each language's own.
    fn titles(
        &self,
        title: Option<&PerLanguage>,
    ) -> Option<std::collections::BTreeMap<String, String>> {
        let title = title?;
        Some(
            self.languages
                .iter()
                .filter_map(|l| title.get(&l.code).map(|t| (l.code.clone(), t.to_string())))
                .collect(),
        )
    }
}

//! The slot a new text takes: the next free one of its kind, or the arc and week the writer names,
//! checked as typed; and the flags that name a slot back to the writer.

use std::path::Path;

use chrono::NaiveDate;

use crate::arc;
use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::site::desk::{self as status, Slot};
use crate::site::Site;

/// The flags that name `slot` to `site new`: its week alone in today's arc, with `--arc` in another.
pub fn slot_flags(site: &Site, slot: &Slot) -> String {
    let today = site.arc.season_of(site.arc.week_from(site.today())).number;
    if slot.arc == today {
        format!("--week {}", slot.arc_week)
    } else {
        format!("--arc {} --week {}", slot.arc, slot.arc_week)
    }
}

/// The slot a new text takes. With neither `arc` nor `week`: the next free one on or after today.
/// `week` is a week of arc `arc` (default: today's arc, or the next one during a break); `arc`
/// alone takes that arc's first free slot, past or not. Both are checked as typed.
pub fn slot_for(
    site: &Site,
    kind: Kind,
    arc: Option<i64>,
    week: Option<i64>,
) -> Result<Slot, Diagnostic> {
    let today = site.today();
    let calendar = &site.arc;
    let current = calendar.week_from(today);
    if arc.is_none() && week.is_none() {
        return status::next_free(site, kind, today, current).ok_or_else(|| {
            Diagnostic::error(
                Path::new("--now"),
                format!(
                    "{} has no free slot on or after {today}",
                    kind.with_article()
                ),
            )
            .help(format!(
                "texts are dated up to {}: give an arc and a week with `--arc N --week N`",
                arc::last_date()
            ))
        });
    }
    let last_arc = calendar.season_of(calendar.last_week(kind)).number;
    let season = match arc {
        None => calendar.season_of(current),
        Some(n) => match u32::try_from(n) {
            Ok(n) if (1..=last_arc).contains(&n) => calendar.season_of_number(n),
            _ => {
                return Err(Diagnostic::error(
                    Path::new("--arc"),
                    format!("there is no arc {n} a text can be dated in"),
                )
                .help(format!(
                    "give an arc from 1 to {last_arc}; today is in arc {}",
                    calendar.season_of(current).number
                )))
            }
        },
    };
    let Some(week) = week else {
        // The arc's first free slot, from its first week.
        return status::next_free(site, kind, NaiveDate::MIN, season.first)
            .filter(|slot| slot.arc == season.number)
            .ok_or_else(|| {
                Diagnostic::error(
                    Path::new("--arc"),
                    format!(
                        "arc {} has {} in every week",
                        season.number,
                        kind.with_article()
                    ),
                )
                .help(match status::next_free(site, kind, today, current) {
                    Some(free) => format!(
                        "the next free week from today is {} ({}): `site new {} {}`",
                        status::slot_name(&free),
                        free.date,
                        kind.name(),
                        slot_flags(site, &free)
                    ),
                    None => "every later week is taken too".to_string(),
                })
            });
    };
    // The weeks of this arc a text of this kind can be dated in (the last arc a date can hold may
    // end early).
    let last = season
        .weeks
        .min(calendar.last_week(kind).saturating_sub(season.first) + 1);
    let range = format!(
        "give a week from 1 to {last} of arc {} (its {} is on {})",
        season.number,
        kind.name(),
        calendar.slot_date(season.first + last - 1, kind),
    );
    let week = match u32::try_from(week) {
        Ok(w) if (1..=last).contains(&w) => season.first + w - 1,
        _ if week < 1 => {
            return Err(Diagnostic::error(
                Path::new("--week"),
                format!("there is no week {week}: weeks are counted from 1 in every arc"),
            )
            .help(range))
        }
        _ if last < season.weeks => {
            return Err(Diagnostic::error(
                Path::new("--week"),
                format!(
                    "week {week} of arc {} would be dated after {}, the last date a text's front matter can hold",
                    season.number,
                    arc::last_date()
                ),
            )
            .help(range))
        }
        _ => {
            let after = calendar.season(season.number + 1).map_or(String::new(), |next| {
                format!("; the next arc, {}, begins on {}", next.number, next.start)
            });
            return Err(Diagnostic::error(
                Path::new("--week"),
                format!("arc {} has {} weeks, not {week}", season.number, season.weeks),
            )
            .help(format!("{range}{after}")));
        }
    };
    let Some(i) = site.text_in_slot(week, kind) else {
        let (arc_number, arc_week) = calendar.local(week);
        return Ok(Slot {
            week,
            arc: arc_number,
            arc_week,
            kind,
            date: calendar.slot_date(week, kind),
        });
    };
    let text = &site.texts[i];
    let holder = site.version(text, 0);
    let taken = status::slot_name(&Slot {
        week,
        arc: season.number,
        arc_week: week - season.first + 1,
        kind,
        date: calendar.slot_date(week, kind),
    });
    let free = status::next_free(site, kind, NaiveDate::MIN, week);
    let mut help = match &free {
        Some(free) => format!(
            "the next free week for {} is {} ({}): `site new {} {}`",
            kind.with_article(),
            status::slot_name(free),
            free.date,
            kind.name(),
            slot_flags(site, free)
        ),
        None => format!("every later week has {} already", kind.with_article()),
    };
    if let Some(later) = status::next_free(site, kind, today, current) {
        if free.map(|f| f.week) != Some(later.week) {
            help.push_str(&format!(
                "; the next one from today is {} ({})",
                status::slot_name(&later),
                later.date
            ));
        }
    }
    Err(Diagnostic::error(
        &holder.source.path,
        format!(
            "{taken} already has {}: {} (“{}”)",
            kind.with_article(),
            holder.source.path.display(),
            holder.front.title
        ),
    )
    .help(help))
}

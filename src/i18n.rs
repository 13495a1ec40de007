//! Fluent bundles (one per language, built once), with fallback to the default language,
//! locale-formatted numbers and dates in each language's own words.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::concurrent::IntlLangMemoizer;
use intl_memoizer::Memoizable;
use unic_langid::LanguageIdentifier;

use crate::config::Config;
use crate::diagnostics::{line_col, Diagnostic};

mod references;
pub mod shipped;
pub mod site_terms;

pub struct I18n {
    codes: Vec<String>,
    bundles: Vec<FluentBundle<FluentResource>>,
    files: Vec<std::path::PathBuf>,
    decimals: Vec<Option<Decimal>>,
    /// (language, key) pairs that fell back to the default language; each is warned about once.
    fallbacks: Mutex<BTreeSet<(usize, String)>>,
    /// Each file's text and the line of each of its messages, for errors found in formatting.
    sources: Vec<String>,
    lines: Vec<HashMap<String, usize>>,
    /// For each language the tool does not ship, the messages still in English.
    untranslated: Vec<Vec<String>>,
    /// Messages that could not be formatted, by (language, key): the problem and its fix.
    unformatted: Mutex<BTreeMap<(usize, String), (String, String)>>,
}

/// Why a message could not be produced.
#[derive(Debug)]
pub struct MissingKey(pub String);

impl I18n {
    /// The interface words of every site language: the tool's file for it (English for a language
    /// it does not ship), with the site's own `i18n/LANG.ftl`, when there is one, laid over it key
    /// by key, and the site's words from `site.toml` over both.
    pub fn load(root: &Path, config: &Config) -> Result<I18n, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut bundles = Vec::new();
        let mut files = Vec::new();
        let mut sources = Vec::new();
        let mut lines = Vec::new();
        let mut untranslated = Vec::new();
        for (index, language) in config.languages.iter().enumerate() {
            let rel = Path::new("i18n").join(format!("{}.ftl", language.code));
            let text = match std::fs::read_to_string(root.join(&rel)) {
                Ok(t) => Some(t),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    problems.push(
                        Diagnostic::error(
                            &rel,
                            format!("cannot read the translations of {}: {e}", language.code),
                        )
                        .help("make the file readable, or remove it to use the tool's words"),
                    );
                    continue;
                }
            };
            // A byte order mark, as some editors save, is no part of the first message.
            let text = text.map(|text| match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            });
            let resource = text
                .as_ref()
                .map(|text| match FluentResource::try_new(text.clone()) {
                    Ok(r) => r,
                    Err((r, errors)) => {
                        for e in errors {
                            let (line, column) = line_col(text, e.pos.start);
                            problems.push(
                            Diagnostic::error(&rel, format!("Fluent syntax error: {}", e.kind))
                                .at_line_of(text, line, column)
                                .help("see https://projectfluent.org/fluent/guide/ for the syntax"),
                        );
                        }
                        r
                    }
                });
            let own = match FluentResource::try_new(site_terms::resource(config, index)) {
                Ok(own) => own,
                Err((own, errors)) => {
                    problems.push(
                        Diagnostic::error(
                            Path::new("site.toml"),
                            format!("the site's words do not make Fluent entries: {errors:?}"),
                        )
                        .help("this is a bug of `site`: please report it with your site.toml"),
                    );
                    own
                }
            };
            let (shipped, base_text) = match shipped::for_code(&language.code) {
                Some((_, text)) => (true, text),
                None => (false, shipped::fallback()),
            };
            let base = FluentResource::try_new(base_text.to_string()).unwrap_or_else(|(r, _)| r);
            if let Some(resource) = &resource {
                problems.extend(references::check(&rel, resource, &[&base, &own]));
            }
            // A language the tool does not ship reads in English until its file says otherwise.
            untranslated.push(if shipped {
                Vec::new()
            } else {
                shipped::untranslated(&base, text.as_deref())
            });
            lines.push(resource.as_ref().map(references::lines).unwrap_or_default());
            sources.push(text.unwrap_or_default());
            let lang_id: LanguageIdentifier = language.code.parse().unwrap_or_default();
            let mut bundle = FluentBundle::new_concurrent(vec![lang_id]);
            // Bidi isolation marks would end up inside attributes and URLs.
            bundle.set_use_isolating(false);
            bundle.set_formatter(Some(format_number));
            bundle.add_resource_overriding(base);
            if let Some(resource) = resource {
                problems.extend(references::duplicates(&rel, &resource));
                bundle.add_resource_overriding(resource);
            }
            // The site's own words (site.toml) over the interface's neutral ones.
            bundle.add_resource_overriding(own);
            bundles.push(bundle);
            files.push(rel);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(I18n {
            codes: config.languages.iter().map(|l| l.code.clone()).collect(),
            decimals: bundles
                .iter()
                .map(|b| {
                    b.locales
                        .first()
                        .and_then(|l| Decimal::construct(l.clone(), ()).ok())
                })
                .collect(),
            bundles,
            files,
            fallbacks: Mutex::new(BTreeSet::new()),
            sources,
            lines,
            untranslated,
            unformatted: Mutex::new(BTreeMap::new()),
        })
    }

    /// Warnings for the languages the tool does not ship: the messages still in English, listed
    /// once per file.
    pub fn untranslated_warnings(&self) -> Vec<Diagnostic> {
        self.untranslated
            .iter()
            .enumerate()
            .filter(|(_, keys)| !keys.is_empty())
            .map(|(lang, keys)| {
                let shown: Vec<&str> = keys.iter().take(12).map(String::as_str).collect();
                let more = keys.len().saturating_sub(shown.len());
                Diagnostic::warning(
                    &self.files[lang],
                    format!(
                        "{} interface messages of `{}` are still in English: {}{}",
                        keys.len(),
                        self.codes[lang],
                        shown.join(", "),
                        if more > 0 { format!(" and {more} more") } else { String::new() }
                    ),
                )
                .help(format!(
                    "translate them in {} (`site init` writes each there, marked `{}`); a message you write replaces the English one",
                    self.files[lang].display(),
                    shipped::TO_TRANSLATE
                ))
            })
            .collect()
    }

    /// How many languages, and each one's code and file (`i18n/CODE.ftl`, written or not).
    pub fn languages(&self) -> usize {
        self.codes.len()
    }

    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    pub fn file(&self, lang: usize) -> &Path {
        &self.files[lang]
    }

    /// Whether language `lang` has message `key` (`id` or `id.attribute`) of its own.
    pub fn has(&self, lang: usize, key: &str) -> bool {
        let (id, attribute) = key
            .split_once('.')
            .map_or((key, None), |(i, a)| (i, Some(a)));
        self.bundles[lang].get_message(id).is_some_and(|m| {
            attribute.map_or(m.value().is_some(), |a| m.get_attribute(a).is_some())
        })
    }

    pub fn language_index(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c == code)
    }

    /// The message `key` in language `lang`, else in the default language (remembered for a warning).
    pub fn message(
        &self,
        lang: usize,
        key: &str,
        args: Option<&FluentArgs>,
    ) -> Result<String, MissingKey> {
        if let Some(text) = self.format(lang, key, args) {
            return Ok(text);
        }
        if let Some(text) = self.format(0, key, args) {
            if let Ok(mut set) = self.fallbacks.lock() {
                set.insert((lang, key.to_string()));
            }
            return Ok(text);
        }
        Err(MissingKey(format!(
            "the Fluent key `{key}` is in none of the languages' files ({})",
            self.files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }

    fn format(&self, lang: usize, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = self.bundles.get(lang)?;
        let (id, attribute) = match key.split_once('.') {
            Some((id, attr)) => (id, Some(attr)),
            None => (key, None),
        };
        let message = bundle.get_message(id)?;
        let pattern = match attribute {
            Some(a) => message.get_attribute(a)?.value(),
            None => message.value()?,
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if let (Some(error), Ok(mut unformatted)) = (errors.first(), self.unformatted.lock()) {
            unformatted
                .entry((lang, key.to_string()))
                .or_insert_with(|| unformatted_problem(key, error, args));
        }
        Some(text.into_owned())
    }

    /// Errors for the messages that could not be formatted as asked (a variable they are not
    /// given, a cycle), each at its message's line. The text was made anyway, with the reference
    /// in braces: these errors keep it from being published.
    pub fn format_errors(&self) -> Vec<Diagnostic> {
        let unformatted = self
            .unformatted
            .lock()
            .map(|u| u.clone())
            .unwrap_or_default();
        unformatted
            .into_iter()
            .map(|((lang, key), (message, help))| {
                let id = key.split('.').next().unwrap_or(&key);
                let line = self.lines[lang].get(id).copied().unwrap_or(0);
                Diagnostic::error(&self.files[lang], message)
                    .at_line_of(&self.sources[lang], line, 1)
                    .help(help)
            })
            .collect()
    }

    /// Warnings for keys that fell back to the default language.
    pub fn fallback_warnings(&self) -> Vec<Diagnostic> {
        let set = self.fallbacks.lock().map(|s| s.clone()).unwrap_or_default();
        set.into_iter()
            .map(|(lang, key)| {
                Diagnostic::warning(
                    &self.files[lang],
                    format!(
                        "`{key}` is missing; the {} text is used instead",
                        self.codes[0]
                    ),
                )
                .help(format!("add `{key} = …` to {}", self.files[lang].display()))
            })
            .collect()
    }

    /// A number with the locale's digit grouping (3.800 / 3,800).
    pub fn number(&self, lang: usize, n: u64) -> String {
        match self.decimals.get(lang) {
            Some(Some(d)) => d.format(n),
            _ => n.to_string(),
        }
    }

    /// A date in words: `date-long` with `month-N` from the language's file.
    pub fn date_long(&self, lang: usize, date: NaiveDate) -> String {
        self.date_with(lang, "date-long", date)
    }

    /// A date and an hour, e.g. "3 de fevereiro de 2026, 07:00" (`date-time`).
    pub fn date_time(&self, lang: usize, date: NaiveDate, time: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("date", self.date_long(lang, date));
        args.set("time", time.to_string());
        self.message(lang, "date-time", Some(&args))
            .unwrap_or_else(|_| format!("{date} {time}"))
    }

    /// A short date, e.g. "5 fev" / "Feb 5".
    pub fn date_short(&self, lang: usize, date: NaiveDate) -> String {
        self.date_with(lang, "date-short", date)
    }

    fn date_with(&self, lang: usize, key: &str, date: NaiveDate) -> String {
        let mut args = FluentArgs::new();
        args.set("day", date.day().to_string());
        args.set("year", date.year().to_string());
        let month = self.message(lang, &format!("month-{}", date.month()), None);
        let month_short = self.message(lang, &format!("month-short-{}", date.month()), None);
        args.set("month", month.unwrap_or_else(|_| date.month().to_string()));
        args.set(
            "month_short",
            month_short.unwrap_or_else(|_| date.month().to_string()),
        );
        self.message(lang, key, Some(&args))
            .unwrap_or_else(|_| date.to_string())
    }

    /// A range of days such as "2–6 de fevereiro de 2026" / "February 2–6, 2026".
    pub fn date_range(&self, lang: usize, start: NaiveDate, end: NaiveDate) -> String {
        // Across a new year each end names its own year.
        if start.year() != end.year() {
            return format!(
                "{} – {}",
                self.date_long(lang, start),
                self.date_long(lang, end)
            );
        }
        let mut args = FluentArgs::new();
        args.set("start", self.date_short(lang, start));
        args.set("end", self.date_short(lang, end));
        args.set("start_day", start.day().to_string());
        args.set("end_day", end.day().to_string());
        args.set("year", end.year().to_string());
        let month = self.message(lang, &format!("month-{}", start.month()), None);
        args.set("month", month.unwrap_or_default());
        let key = if start.month() == end.month() {
            "date-range-same-month"
        } else {
            "date-range"
        };
        self.message(lang, key, Some(&args))
            .unwrap_or_else(|_| format!("{start} – {end}"))
    }
}

/// What is wrong with message `key`, formatted with `args`, and what to do: (message, help).
fn unformatted_problem(
    key: &str,
    error: &fluent_bundle::FluentError,
    args: Option<&FluentArgs>,
) -> (String, String) {
    use fluent_bundle::resolver::errors::ReferenceKind;
    use fluent_bundle::resolver::ResolverError;
    match error {
        fluent_bundle::FluentError::ResolverError(ResolverError::Reference(
            ReferenceKind::Variable { id },
        )) => {
            let given: Vec<String> = args
                .into_iter()
                .flat_map(|a| a.iter().map(|(name, _)| format!("`{{ ${name} }}`")))
                .collect();
            let help = match given.is_empty() {
                true => format!("`{key}` is given no variables where it is used: remove `{{ ${id} }}`"),
                false => format!(
                    "`{key}` is given {} where it is used: write one of them, or remove `{{ ${id} }}`",
                    given.join(", ")
                ),
            };
            (
                format!("`{key}` uses the variable `${id}`, which it is not given"),
                help,
            )
        }
        fluent_bundle::FluentError::ResolverError(ResolverError::Cyclic) => (
            format!("`{key}` refers back to itself"),
            "break the loop: one of the messages it refers to must be written out".to_string(),
        ),
        other => (
            format!("`{key}` cannot be formatted: {other}"),
            "see https://projectfluent.org/fluent/guide/ for the syntax".to_string(),
        ),
    }
}

/// ICU's decimal formatter, memoized per bundle by intl-memoizer.
struct Decimal(icu_decimal::DecimalFormatter);

impl Decimal {
    fn format(&self, n: u64) -> String {
        self.0
            .format(&icu_decimal::input::Decimal::from(n))
            .to_string()
    }
}

impl Memoizable for Decimal {
    type Args = ();
    type Error = ();
    fn construct(lang: LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let locale: icu_locale_core::Locale = lang.to_string().parse().map_err(|_| ())?;
        icu_decimal::DecimalFormatter::try_new((&locale).into(), Default::default())
            .map(Decimal)
            .map_err(|_| ())
    }
}

/// Fluent's own number formatting has no digit grouping; whole numbers go through ICU instead.
fn format_number(value: &FluentValue, intls: &IntlLangMemoizer) -> Option<String> {
    match value {
        FluentValue::Number(n)
            if n.value.fract() == 0.0
                && n.value >= 0.0
                && n.options.minimum_fraction_digits.is_none() =>
        {
            intls
                .with_try_get::<Decimal, _, _>((), |d| d.format(n.value as u64))
                .ok()
        }
        _ => None,
    }
}

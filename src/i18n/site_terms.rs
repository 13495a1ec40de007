//! The site's own words as Fluent entries: `site.toml`'s title, its description, motto, footer and
//! readers' name per language, and its weekdays, laid over the interface's neutral `.ftl` file.
//!
//! The `.ftl` files hold what every site shares and refer to the site through terms: `{ -site }`
//! (with `.gender` for sentences that need an article), `{ -readers }`, `{ -essay-day }`,
//! `{ -essay-every }`, `{ -essay-on }` and the bulletin's three. The messages `site-description`,
//! `site-motto` and `site-footer` are neutral defaults there, replaced by the site's own words.

use chrono::Weekday;

use crate::config::{Config, Gender};

/// A Fluent resource (as text) for language `lang` of `config`: added over the language's `.ftl`
/// file, so each entry it holds replaces the file's.
pub fn resource(config: &Config, lang: usize) -> String {
    let language = &config.languages[lang];
    let gender = match language.title_gender {
        Some(Gender::Masculine) => "masculine",
        Some(Gender::Feminine) => "feminine",
        None => "other",
    };
    let mut out = format!(
        "-site = {}\n    .gender = {gender}\n",
        literal(&config.title)
    );
    let own = [
        ("-readers", &language.readers_noun),
        ("site-description", &language.description),
        ("site-motto", &language.motto),
        ("site-footer", &language.footer),
    ];
    for (id, value) in own {
        if let Some(value) = value {
            out.push_str(&format!("{id} = {}\n", literal(value)));
        }
    }
    for (kind, day) in [
        ("essay", &config.arc.essay_weekday),
        ("bulletin", &config.arc.bulletin_weekday),
    ] {
        // A weekday that does not parse is reported by the configuration's own check.
        let Ok(day) = day.parse::<Weekday>() else {
            continue;
        };
        let message = format!("weekday-{}", crate::arc::weekday_name(day));
        out.push_str(&format!("-{kind}-day = {{ {message} }}\n"));
        out.push_str(&format!("-{kind}-every = {{ {message}.every }}\n"));
        out.push_str(&format!("-{kind}-on = {{ {message}.on }}\n"));
    }
    out
}

/// `text` as a Fluent string literal (`{ "…" }`): whatever it holds is text, never syntax.
fn literal(text: &str) -> String {
    let mut out = String::from("{ \"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push_str("\" }");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_hold_any_text() {
        assert_eq!(literal("Durante"), r#"{ "Durante" }"#);
        assert_eq!(literal(r#"a "b" \ {c}"#), r#"{ "a \"b\" \\ {c}" }"#);
        assert_eq!(literal("a\nb"), r#"{ "a\u000Ab" }"#);
        let resource = format!("m = {}\n", literal("a \"{ $x }\"\n\\ -t *[x]"));
        let parsed = fluent_bundle::FluentResource::try_new(resource);
        assert!(parsed.is_ok(), "{parsed:?}");
    }
}

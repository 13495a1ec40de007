//! The site's Tera templates, compiled once: every template under `templates/`, the one `t`
//! function that reaches the Fluent bundles, the HTML escaper, and errors that name the template.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use tera::{Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::i18n::I18n;

pub mod ids;
mod keys;
mod loops;

/// Templates every site needs; a missing one is an error before anything renders.
pub const REQUIRED: [&str; 7] = [
    "home.html",
    FEED_ITEM,
    "post.html",
    "arc.html",
    "subscribe.html",
    "404.html",
    "robots.txt",
];

/// The content of one feed item: the body, sources and sign-off.
pub const FEED_ITEM: &str = "feed_item.html";

/// The drawing of the social cards, from the site's root; a site without it has none.
pub const CARD: &str = "templates/card.svg";

pub struct Templates {
    tera: Tera,
    /// The fixed ids the templates use: headings of texts take others.
    reserved_ids: HashSet<String>,
}

impl Templates {
    /// Compiles every template of `ROOT/templates/`, with `t()` bound to `i18n`.
    pub fn load(root: &Path, i18n: Arc<I18n>) -> Result<Templates, Vec<Diagnostic>> {
        // Text a template writes as it is never meets the escaper: report what no page can hold.
        let unwritable = unwritable(root);
        if !unwritable.is_empty() {
            return Err(unwritable);
        }
        let glob = format!("{}/**/*", root.join("templates").display());
        let mut tera = Tera::new(&glob).map_err(|e| vec![error(Path::new("templates"), &e)])?;
        let missing: Vec<Diagnostic> = REQUIRED
            .iter()
            .filter(|name| !tera.get_template_names().any(|n| n == **name))
            .map(|name| {
                Diagnostic::error(
                    &Path::new("templates").join(name),
                    format!("the template {name} is missing"),
                )
                .help("restore it from the repository; every site needs it")
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        // A loop would overflow the stack at the first render: refused while nothing has rendered.
        let loops = loops::find(&tera, root);
        if !loops.is_empty() {
            return Err(loops);
        }
        // Every message the templates name, in every language, before a page renders.
        let missing = keys::missing(&i18n, &keys::used(root, i18n.codes()));
        if !missing.is_empty() {
            return Err(missing);
        }
        tera.register_function("t", translate(i18n));
        tera.set_escape_fn(crate::escape::html);
        // The book's pages and package are XML too.
        tera.autoescape_on(vec![".html", ".htm", ".xml", ".xhtml", ".opf", ".ncx"]);
        // A name at a sentence's start: its first letter upper case, the rest as written (Tera's
        // `capitalize` lowers the rest: "Portugiesisch (portugal)").
        tera.register_filter(
            "upper_first",
            |value: &Value, _: &HashMap<String, Value>| -> tera::Result<Value> {
                let text = value.as_str().unwrap_or_default();
                let mut chars = text.chars();
                Ok(Value::String(match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                }))
            },
        );
        // For plain-text templates (the email's text part): lines wrapped to a mail reader's width.
        tera.register_filter(
            "wrap",
            |value: &Value, _: &HashMap<String, Value>| -> tera::Result<Value> {
                let text = value.as_str().unwrap_or_default();
                Ok(Value::String(crate::wrap::wrap_text(text)))
            },
        );
        let reserved_ids = ids::reserved(root);
        Ok(Templates { tera, reserved_ids })
    }

    /// Template `name` over `context`, into `out` (a file, as the build writes, or memory).
    pub fn render_to(
        &self,
        name: &str,
        context: &tera::Context,
        out: &mut dyn Write,
    ) -> Result<(), Diagnostic> {
        self.tera
            .render_to(name, context, out)
            .map_err(|e| error(&Path::new("templates").join(name), &e))
    }

    /// Template `name` over `context`, as text.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| error(&Path::new("templates").join(name), &e))
    }

    /// The fixed ids the templates give their own elements.
    pub fn reserved_ids(&self) -> &HashSet<String> {
        &self.reserved_ids
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}

/// The characters no page can hold in the templates' own text, at their lines.
fn unwritable(root: &Path) -> Vec<Diagnostic> {
    let (files, _) = crate::files::under(root, Path::new("templates"));
    files
        .iter()
        .filter_map(|rel| Some((rel, std::fs::read_to_string(root.join(rel)).ok()?)))
        .flat_map(|(rel, text)| crate::chars::check(rel, &text))
        .collect()
}

/// The one Tera function for UI text: `t(key="…", lang=lang, name=value…)`.
fn translate(i18n: Arc<I18n>) -> impl tera::Function {
    move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs key=\"…\""))?;
        let lang_code = args
            .get("lang")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg(format!("t(key=\"{key}\") needs lang=…")))?;
        let lang = i18n
            .language_index(lang_code)
            .ok_or_else(|| tera::Error::msg(format!("`{lang_code}` is not a site language")))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            if name == "key" || name == "lang" {
                continue;
            }
            let value = match value {
                Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                Value::String(s) => FluentValue::from(s.clone()),
                other => FluentValue::from(other.to_string()),
            };
            fluent_args.set(name.clone(), value);
        }
        i18n.message(lang, key, Some(&fluent_args))
            .map(Value::String)
            .map_err(|missing| tera::Error::msg(missing.0))
    }
}

/// A Tera error with its whole cause chain, which holds the template line and the reason.
pub fn error(path: &Path, error: &tera::Error) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    let message = message
        .trim()
        .trim_start_matches("* ")
        .replace("\n* ", "\n");
    Diagnostic::error(path, message)
        .help("fix the template; Tera's syntax is at https://keats.github.io/tera/docs/")
}

//! Loading what every card shares: the template, the title box and the fonts, with every problem
//! reported as a diagnostic.

use std::fs;
use std::path::{Path, PathBuf};

use resvg::usvg::fontdb;
use tera::Tera;

use super::layout::{Measure, TitleBox};
use super::{RENDERER_VERSION, TEMPLATE};
use crate::diagnostics::Diagnostic;

const TITLE_BOX: &str = "templates/card.toml";
const FONTS: &str = "static/fonts";

pub(super) struct Loaded {
    pub tera: Tera,
    pub title_box: TitleBox,
    pub fontdb: fontdb::Database,
    /// The title's face, to measure with.
    pub measure: Measure,
    /// A hash of the renderer version, template, title box and fonts.
    pub inputs: [u8; 20],
}

pub(super) fn load(root: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let template = read_text(root, TEMPLATE, &mut problems);
    let title_box = read_text(root, TITLE_BOX, &mut problems).and_then(|text| {
        let parsed = toml::from_str::<TitleBox>(&text)
            .map_err(|e| Diagnostic::from_toml(Path::new(TITLE_BOX), &text, 0, &e))
            .and_then(|b| match b.problem() {
                Some(p) => Err(Diagnostic::error(Path::new(TITLE_BOX), p)),
                None => Ok(b),
            });
        parsed.map(|b| (text, b)).map_err(|d| problems.push(d)).ok()
    });
    let fonts = load_fonts(root).map_err(|d| problems.push(d)).ok();

    let mut tera = Tera::default();
    // The card's strings are text, never markup: escape them as in HTML (valid in XML too), leaving
    // out what no XML may hold, so the drawing always parses.
    tera.autoescape_on(vec![".svg"]);
    tera.set_escape_fn(crate::escape::html);
    if let Some(text) = &template {
        if let Err(e) = tera.add_raw_template("card.svg", text) {
            problems.push(template_error(&e));
        }
    }
    let (Some(template), Some((box_text, title_box)), Some(fonts)) = (template, title_box, fonts)
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut db = fontdb::Database::new();
    let mut hash = sha1_smol::Sha1::new();
    hash.update(&RENDERER_VERSION.to_le_bytes());
    for part in [template.as_bytes(), box_text.as_bytes()] {
        hash.update(&(part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    for (name, data) in fonts {
        hash.update(name.as_bytes());
        hash.update(&(data.len() as u64).to_le_bytes());
        hash.update(&data);
        db.load_font_data(data);
    }
    // Generic names in the template resolve to the title's family, never to a system font.
    db.set_serif_family(title_box.family.clone());
    db.set_sans_serif_family(title_box.family.clone());

    let measure = title_face(&db, &title_box).map_err(|d| vec![d])?;
    Ok(Loaded {
        tera,
        title_box,
        fontdb: db,
        measure,
        inputs: hash.digest().bytes(),
    })
}

/// The face usvg will pick for the title, as the template names it.
fn title_face(db: &fontdb::Database, title_box: &TitleBox) -> Result<Measure, Diagnostic> {
    let query = fontdb::Query {
        families: &[fontdb::Family::Name(&title_box.family)],
        weight: fontdb::Weight(title_box.weight),
        ..Default::default()
    };
    let face = db
        .query(&query)
        .and_then(|id| db.with_face_data(id, |data, index| Measure::new(data.to_vec(), index)));
    match face {
        Some(Ok(m)) => Ok(m),
        Some(Err(e)) => Err(Diagnostic::error(
            Path::new(FONTS),
            format!("cannot read the title's font: {e}"),
        )),
        None => {
            let mut families: Vec<String> = db
                .faces()
                .flat_map(|f| f.families.iter().map(|(n, _)| n.clone()))
                .collect();
            families.sort();
            families.dedup();
            Err(Diagnostic::error(
                Path::new(TITLE_BOX),
                format!("no font in {FONTS}/ has the family `{}`", title_box.family),
            )
            .help(format!("set `family` to one of: {}", families.join(", "))))
        }
    }
}

/// The text of `rel` under `root`, or a diagnostic in `problems`.
fn read_text(root: &Path, rel: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
    fs::read_to_string(root.join(rel))
        .map_err(|e| {
            problems.push(Diagnostic::error(
                Path::new(rel),
                format!("cannot read the social card's {rel}: {e}"),
            ))
        })
        .ok()
}

/// Every `.ttf` and `.otf` in `static/fonts/`, sorted by name: (file name, bytes).
fn load_fonts(root: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let dir = root.join(FONTS);
    let error = |message: String| {
        Diagnostic::error(Path::new(FONTS), message)
            .help("add the TTF or OTF files of the card's font to static/fonts/")
    };
    let entries = fs::read_dir(&dir).map_err(|e| error(format!("cannot read {FONTS}/: {e}")))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| x.eq_ignore_ascii_case("ttf") || x.eq_ignore_ascii_case("otf"))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(error(format!(
            "{FONTS}/ has no TTF or OTF font for the social cards"
        )));
    }
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            fs::read(&p)
                .map(|data| (name.clone(), data))
                .map_err(|e| error(format!("cannot read {FONTS}/{name}: {e}")))
        })
        .collect()
}

/// A Tera error in the card's template, as every template error is reported.
pub(super) fn template_error(error: &tera::Error) -> Diagnostic {
    crate::templates::error(Path::new(TEMPLATE), error)
}

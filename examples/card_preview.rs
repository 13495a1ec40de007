//! Draws a few sample social cards into a folder, to look at while changing templates/card.svg:
//! `cargo run --release --example card_preview -- /tmp/cards` (default: `target/card-preview/`).

use std::path::{Path, PathBuf};

use fieldnotes::cards::{Card, CardRenderer};

const SAMPLES: [(&str, &str, &str, &str); 6] = [
    ("short-pt", "pt-BR", "Ensaio de terça · Semana 5", "Consertar também é construir"),
    ("long-pt", "pt-BR", "Boletim de sexta · Semana 7", "Semana 7: o ajudante aprendeu a citar as notas, as fontes e até as exceções à regra"),
    ("en", "en", "Tuesday essay · Week 4", "Week 4: the search index learns to read accents"),
    ("overlong", "pt-BR", "Ensaio de terça · Semana 12", "Sobre a arte de não terminar nada: anotações, rascunhos, versões abandonadas, promessas de refatoração e a estranha satisfação de começar de novo toda segunda-feira de manhã"),
    ("home-pt", "pt-BR", "", "Notas de campo de uma oficina de software pessoal"),
    ("accents", "pt-BR", "Boletim de sexta · Semana 3", "Ação, coração, pôr-do-sol: é às três que ê e õ"),
];

fn main() {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/card-preview"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let renderer = match CardRenderer::new(root) {
        Ok(r) => r,
        Err(problems) => {
            for p in problems {
                eprintln!("{}", p.render(false));
            }
            std::process::exit(1);
        }
    };
    std::fs::create_dir_all(&out).expect("cannot create the output folder");
    for (name, lang, kicker, title) in SAMPLES {
        let card = Card {
            lang,
            kicker,
            title,
            site_name: "Durante",
            footer: "durante.example",
        };
        match renderer.render(&card, None) {
            Ok(rendered) => {
                let path = out.join(format!("{name}.png"));
                std::fs::write(&path, &rendered.png).expect("cannot write a card");
                println!("{} ({} bytes)", path.display(), rendered.png.len());
                for w in rendered.warnings {
                    eprint!("{}", w.to_diagnostic(Path::new(name)).render(false));
                }
            }
            Err(d) => eprint!("{}", d.render(false)),
        }
    }
}

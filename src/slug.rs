//! Slugs, one rule for every address made from words: lowercase words joined by hyphens. A text's
//! file and URL and a tag's page fold them to ASCII (`Manutenção` → `manutencao`), so the address
//! reads the same in every keyboard and tool; a heading's id keeps its letters (`#manutenção`), as
//! an id may hold any letter and a reader sees it in the address bar.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The slug of `text`; empty when `text` has no letter or digit that folds to ASCII.
pub fn slug(text: &str) -> String {
    // NFD splits a letter from its accents (ç → c + ◌̧); the marks are dropped.
    let letters = text.nfd().filter(|c| !is_combining_mark(*c));
    join_words(letters.flat_map(char::to_lowercase), |c, out| {
        match fold(c) {
            Some(ascii) => {
                out.push_str(ascii);
                true
            }
            None if c.is_ascii_alphanumeric() => {
                out.push(c);
                true
            }
            None => false,
        }
    })
}

/// The id of a heading titled `text`: its words, lowercase, joined by hyphens, letters kept.
pub fn anchor(text: &str) -> String {
    join_words(text.chars().flat_map(char::to_lowercase), |c, out| {
        c.is_alphanumeric() && {
            out.push(c);
            true
        }
    })
}

/// The rule both share: `keep` writes a character of a word (and says so); every run of other
/// characters between words is one hyphen.
fn join_words(
    chars: impl Iterator<Item = char>,
    mut keep: impl FnMut(char, &mut String) -> bool,
) -> String {
    let mut out = String::new();
    for c in chars {
        if !keep(c, &mut out) && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    out
}

/// The longest slug the desk makes or takes: an address stays readable, and the file's name (with
/// its language and `.md`) fits every file system.
pub const MAX_LEN: usize = 60;

/// The slug of `text`, cut at the last hyphen that keeps it within `max` bytes (a word is cut only
/// when one word alone is longer).
pub fn slug_within(text: &str, max: usize) -> String {
    shorten(&slug(text), max)
}

/// `slug` cut to at most `max` bytes: at the last hyphen that fits, or inside a single word longer
/// than that.
pub fn shorten(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    let cut = match slug[..=max].rfind('-') {
        Some(hyphen) if hyphen > 0 => &slug[..hyphen],
        _ => &slug[..max],
    };
    cut.trim_end_matches('-').to_string()
}

/// Whether `s` is already a slug: what `slug` makes of it is itself.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slug(s) == s
}

/// Letters that do not decompose into a base letter and marks, as the letters they are written
/// with in ASCII.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'ĸ' => "k",
        'ŀ' | 'ł' => "l",
        'ŋ' => "n",
        'ŧ' => "t",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_and_words_join() {
        assert_eq!(slug("Manutenção"), "manutencao");
        assert_eq!(slug("  Busca & índice: SQLite 3!"), "busca-indice-sqlite-3");
        assert_eq!(
            slug("Über Straße, Ørsted & Œuvre!!"),
            "uber-strasse-orsted-oeuvre"
        );
        assert_eq!(
            slug("Ação à vista: o preço é justo?"),
            "acao-a-vista-o-preco-e-justo"
        );
        assert_eq!(slug("Semana 12 — “aspas”"), "semana-12-aspas");
        assert_eq!(slug("Ðiário Þing ǎção"), "diario-thing-acao");
        assert_eq!(slug("???"), "");
        assert_eq!(slug("日本"), "");
    }

    #[test]
    fn anchors_keep_their_letters() {
        assert_eq!(
            anchor("Por que a gente não apaga?"),
            "por-que-a-gente-não-apaga"
        );
        assert_eq!(anchor("  Antes, à mão  "), "antes-à-mão");
        assert_eq!(anchor("???"), "");
    }

    #[test]
    fn long_slugs_are_cut_between_words() {
        assert_eq!(slug_within("um dois tres quatro", 12), "um-dois-tres");
        assert_eq!(slug_within("um dois tres quatro", 11), "um-dois");
        assert_eq!(slug_within("um dois", 12), "um-dois");
        assert_eq!(slug_within("abcdefghijklmnop", 5), "abcde");
        assert!(slug_within(&"palavra ".repeat(300), 80).len() <= 80);
    }

    #[test]
    fn slugs_are_their_own_slug() {
        assert!(is_slug("o-custo-de-uma-dependencia"));
        assert!(!is_slug("Nomes") && !is_slug("a--b") && !is_slug("-a") && !is_slug(""));
    }
}

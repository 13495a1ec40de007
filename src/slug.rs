//! Slugs, one rule for every address made from words (a text's file and URL, a tag's page, a
//! heading's id): lowercase ASCII letters and digits joined by hyphens, accents folded
//! (`Manutenção` → `manutencao`), so an address reads the same in every keyboard and tool.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The slug of `text`; empty when `text` has no letter or digit that folds to ASCII.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    // NFD splits a letter from its accents (ç → c + ◌̧); the marks are dropped.
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = c.to_lowercase().next().unwrap_or(c);
        match fold(c) {
            Some(letters) => out.push_str(letters),
            None if c.is_ascii_alphanumeric() => out.push(c),
            None => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The slug of `text`, cut at the last hyphen that keeps it within `max` bytes (a word is cut only
/// when one word alone is longer): file names have a length limit, and long addresses read badly.
pub fn slug_within(text: &str, max: usize) -> String {
    let full = slug(text);
    if full.len() <= max {
        return full;
    }
    let cut = &full[..max];
    match cut.rfind('-') {
        Some(at) if at > 0 => cut[..at].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
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
    fn long_slugs_are_cut_between_words() {
        assert_eq!(slug_within("um dois tres quatro", 12), "um-dois");
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

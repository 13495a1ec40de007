//! Slugs for URLs made from words: lowercase ASCII letters and digits joined by hyphens, accents folded
//! (`Manutenção` → `manutencao`), so an address reads the same in every keyboard and tool.

/// The slug of `text`; empty when `text` has no letter or digit.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            continue;
        }
        out.push_str(folded);
    }
    out.trim_end_matches('-').to_string()
}

/// A lowercase letter or digit as ASCII; "" for anything that separates words.
fn fold(c: char) -> &'static str {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ţťŧ", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
    ];
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_lowercase() || c.is_ascii_digit() {
        return &ASCII[ASCII.find(c).unwrap_or(0)..][..1];
    }
    match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => TABLE
            .iter()
            .find(|(from, _)| from.contains(c))
            .map_or("", |(_, to)| to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_and_words_join() {
        assert_eq!(slug("Manutenção"), "manutencao");
        assert_eq!(slug("  Busca & índice: SQLite 3!"), "busca-indice-sqlite-3");
        assert_eq!(slug("Über Straße"), "uber-strasse");
        assert_eq!(slug("???"), "");
    }
}

//! A record's words as Pagefind 1.6 reads them (its `fossick` step, without the word segmenting
//! of its "extended" build, which the tool does not use): the text a result shows, and each word
//! normalized and stemmed for the index, with its position, weight and the form it was written
//! in. The rules are Pagefind's and so are the crates behind them (its stemmers, `convert_case`,
//! `emojis`, Unicode normalization), so that a part indexed here reads as one Pagefind indexed;
//! `index/tests.rs` holds the two side by side.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use regex::Regex;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::record::Record;

/// Characters that count as part of a word besides letters and digits (Unicode's connector
/// punctuation): Pagefind's default, and what its entry file lists as `include_characters`.
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// Weights are kept as a byte: the weight times 24, at most 10.
const WEIGHT_SCALE: f32 = 24.0;
const WEIGHT_MAX: f32 = 10.0;
/// The longest dotted tail indexed, and the longest katakana suffix, in characters.
const MAX_TAIL_CHARS: usize = 64;
const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;

const WEIGHT: &str = "___PAGEFIND_WEIGHT___";
const AUTO_WEIGHT: &str = "___PAGEFIND_AUTO_WEIGHT___";
const END_WEIGHT: &str = "___END_PAGEFIND_WEIGHT___";
const ANCHOR: &str = "___PAGEFIND_ANCHOR___";

static EMOJI: LazyLock<Regex> = LazyLock::new(|| Regex::new("\\p{Emoji}").expect("valid"));
static PRIVATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("___PAGEFIND_[\\S]+\\s?").expect("valid"));

/// Where a word is in the page's text, how much it weighs there, and how it was written when
/// that differs from the indexed form (accents).
#[derive(Debug, Clone)]
pub struct Located {
    pub position: u32,
    pub weight: u8,
    pub original: Option<String>,
}

/// Where a word is in a metadata field (`field` numbers the page's fields in name order).
#[derive(Debug, Clone)]
pub struct MetaLocated {
    pub field: u16,
    pub position: u32,
    pub original: Option<String>,
}

/// What a page gives the index.
pub struct PageWords {
    /// The text a result's excerpt is cut from.
    pub content: String,
    pub word_count: usize,
    /// Every indexed word, with its places.
    pub words: FxHashMap<String, Vec<Located>>,
    pub meta: BTreeMap<String, String>,
    pub meta_words: FxHashMap<String, Vec<MetaLocated>>,
}

/// Reads the records of one language. Texts repeat their words, so the forms to index of each
/// word as written are worked out once (stemming them again was most of reading a page).
pub struct Reader {
    stemmer: Option<Stemmer>,
    seen: FxHashMap<String, Vec<Indexable>>,
}

impl Reader {
    pub fn new(language: &str) -> Reader {
        Reader {
            stemmer: stemmer(language),
            seen: FxHashMap::default(),
        }
    }

    /// The words of `record`; `None` when it holds what only Pagefind follows (an anchor marker).
    pub fn read(&mut self, record: &Record) -> Option<PageWords> {
        let mut content = String::with_capacity(record.digest.len());
        let mut words: FxHashMap<String, Vec<Located>> = FxHashMap::default();
        let mut weights: Vec<u8> = vec![WEIGHT_SCALE as u8];
        let (mut index, mut last_index) = (0u32, 0u32);
        for word in record.digest.split_whitespace() {
            if word.starts_with('_') {
                if word.starts_with(ANCHOR) {
                    return None;
                }
                if word.starts_with(WEIGHT) {
                    let weight = marked_weight(word, WEIGHT);
                    weights.push(if weight <= 0.0 {
                        0
                    } else {
                        ((weight.clamp(0.0, WEIGHT_MAX) * WEIGHT_SCALE) as u8).max(1)
                    });
                    continue;
                }
                // A heading's weight holds only outside an explicitly weighted block.
                if word.starts_with(AUTO_WEIGHT) {
                    if weights.len() == 1 {
                        let weight = marked_weight(word, AUTO_WEIGHT);
                        weights.push((weight.clamp(0.0, WEIGHT_MAX) * WEIGHT_SCALE) as u8);
                    } else {
                        weights.push(weights.last().copied().unwrap_or_default());
                    }
                    continue;
                }
                if word.starts_with(END_WEIGHT) {
                    weights.pop();
                    continue;
                }
            }
            let base: Cow<str> = if word.contains('\u{200B}') {
                Cow::Owned(word.replace('\u{200B}', ""))
            } else {
                Cow::Borrowed(word)
            };
            if base.is_empty() {
                continue;
            }
            content.push_str(&base);
            content.push(' ');
            let weight = *weights.last().unwrap_or(&1);
            let forms = self.forms(&base);
            let compound = forms.iter().filter(|w| w.compound).count();
            let partial = if compound > 0 && weight > 0 {
                (weight / u8::try_from(compound).unwrap_or(u8::MAX)).max(1)
            } else {
                0
            };
            for w in forms {
                let place = Located {
                    position: index,
                    weight: if w.compound { partial } else { weight },
                    original: w.original.clone(),
                };
                match words.get_mut(&w.stemmed) {
                    Some(places) => places.push(place),
                    None => {
                        words.insert(w.stemmed.clone(), vec![place]);
                    }
                }
            }
            last_index = index;
            index += 1;
        }
        if content.ends_with(' ') {
            content.pop();
        }
        let meta: BTreeMap<String, String> = record
            .meta
            .iter()
            .map(|(k, v)| (k.clone(), PRIVATE.replace_all(v, "").into_owned()))
            .collect();
        let mut meta_words: FxHashMap<String, Vec<MetaLocated>> = FxHashMap::default();
        for (field, value) in meta.values().enumerate() {
            for (position, word) in value.split_whitespace().enumerate() {
                for w in indexable_words(word, self.stemmer.as_ref()) {
                    meta_words.entry(w.stemmed).or_default().push(MetaLocated {
                        field: field as u16,
                        position: position as u32,
                        original: w.original,
                    });
                }
            }
        }
        Some(PageWords {
            content,
            word_count: last_index as usize + 1,
            words,
            meta,
            meta_words,
        })
    }

    /// The forms to index of `word` in a page's text, with the tails after its dots.
    fn forms(&mut self, word: &str) -> &[Indexable] {
        if !self.seen.contains_key(word) {
            let mut forms = indexable_words(word, self.stemmer.as_ref());
            let tails = dotted_tails(word, self.stemmer.as_ref(), &forms);
            forms.extend(tails);
            self.seen.insert(word.to_string(), forms);
        }
        &self.seen[word]
    }
}

/// The weight a marker token gives (`___PAGEFIND_WEIGHT___2.5`): 1 when it does not parse.
fn marked_weight(word: &str, marker: &str) -> f32 {
    word.replace(marker, "").parse().unwrap_or(1.0)
}

/// A form of a word to index.
#[derive(Debug)]
struct Indexable {
    stemmed: String,
    /// A part of a compound word (it shares the word's weight with the other parts).
    compound: bool,
    /// The word before its accents were folded, where that differs.
    original: Option<String>,
}

/// The forms to index for `raw`: the word normalized and stemmed, the suffixes of a katakana
/// word, the parts of a compound (hyphens, camel case, punctuation) and its emoji.
fn indexable_words(raw: &str, stemmer: Option<&Stemmer>) -> Vec<Indexable> {
    let mut out = Vec::new();
    let normalized = normalize(raw);
    if !normalized.is_empty() {
        out.push(stem(&normalized, stemmer, false));
    }
    // Suffixes are folded but not stemmed.
    out.extend(
        katakana_suffixes(raw)
            .into_iter()
            .map(|suffix| stem(suffix, None, true)),
    );
    if !maybe_compound(raw) {
        return out;
    }
    let parts = raw
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !normalized.is_empty()
        && (parts.contains(char::is_whitespace) || !normalized.starts_with(&parts))
    {
        for part in parts.split_whitespace().filter(|w| w.len() > 1) {
            out.push(stem(part, stemmer, true));
        }
    }
    if EMOJI.is_match(raw) {
        for cluster in raw.graphemes(true) {
            if emojis::get(cluster).is_some() {
                out.push(Indexable {
                    stemmed: cluster.to_string(),
                    original: None,
                    compound: false,
                });
            }
        }
    }
    out
}

/// The compound tails after each dot of `raw` (`is_python_build` in `sysconfig.is_python_build`)
/// that `existing` does not already index.
fn dotted_tails(raw: &str, stemmer: Option<&Stemmer>, existing: &[Indexable]) -> Vec<Indexable> {
    let mut tails = Vec::new();
    if !raw.contains('.') {
        return tails;
    }
    let seen: HashSet<&str> = existing.iter().map(|w| w.stemmed.as_str()).collect();
    let mut seen_tails: HashSet<String> = HashSet::new();
    for (i, _) in raw.match_indices('.') {
        let rest = &raw[i + 1..];
        let tail = match rest.char_indices().nth(MAX_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        // A plain tail is already indexed, as the compound's last part.
        if !maybe_compound(tail) {
            continue;
        }
        let normalized = normalize(tail);
        if normalized.chars().count() < 2 {
            continue;
        }
        let word = stem(&normalized, stemmer, true);
        if !seen.contains(word.stemmed.as_str()) && seen_tails.insert(word.stemmed.clone()) {
            tails.push(word);
        }
    }
    tails
}

/// Whether `word` may be made of parts: it has punctuation, or a capital after its first letter.
fn maybe_compound(word: &str) -> bool {
    word.chars().any(|c| !c.is_alphanumeric()) || word.chars().skip(1).any(char::is_uppercase)
}

/// `raw`'s letters, digits and word symbols, lower-cased.
fn normalize(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for mut c in raw.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// `word` with its accents folded and stemmed (by `stemmer`, where there is one), and how it was
/// written when folding changed it.
fn stem(word: &str, stemmer: Option<&Stemmer>, compound: bool) -> Indexable {
    let folded = fold_diacritics(word);
    let plain = folded.as_deref().unwrap_or(word);
    let stemmed = match stemmer {
        Some(s) => s.stem(plain).into_owned(),
        None => plain.to_string(),
    };
    Indexable {
        stemmed,
        original: folded.map(|_| word.to_string()),
        compound,
    }
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

/// Every suffix of a katakana word of three characters or more (at most 16 characters each),
/// so that a search for a part of it finds it by prefix.
fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            out.push(suffix);
        }
    }
    out
}

/// `word` without its accents (café → cafe), where it has any. The kana sound marks stay: they
/// tell words apart.
fn fold_diacritics(word: &str) -> Option<String> {
    let decomposes = |c: char| {
        let mut other = false;
        decompose_canonical(c, |part| other = other || part != c);
        is_combining_mark(c) || other
    };
    if word.is_ascii() || !word.chars().any(decomposes) {
        return None;
    }
    let kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c) || kana_mark(c))
        .collect();
    let folded = if stripped.chars().any(kana_mark) {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (folded != word).then_some(folded)
}

/// Pagefind's stemmer for a language code (its first subtag), where it has one.
fn stemmer(lang: &str) -> Option<Stemmer> {
    let algorithm = match lang.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

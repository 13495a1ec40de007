//! A readable diff of two Markdown texts by paragraph: kept, added, removed or changed, and in a changed paragraph the words that changed.
//!
//! Myers' diff (the `similar` crate) over paragraphs (blank-line separated, compared with their
//! spacing folded, so a paragraph wrapped anew is the same paragraph), then over the words of each
//! paragraph removed and added in the same place, to pair them as one changed paragraph. The
//! whole comparison has a time budget: a text rewritten throughout is shown coarser (more
//! paragraphs removed and added, fewer paired), never slowly.

use std::hash::BuildHasher;
use std::time::{Duration, Instant};

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

/// One paragraph of the comparison; `line` is where it starts in its own text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paragraph<'a> {
    Kept {
        text: &'a str,
        line: usize,
    },
    Added {
        text: &'a str,
        line: usize,
    },
    Removed {
        text: &'a str,
        line: usize,
    },
    /// `line` in the new text; `words` the two versions interleaved.
    Changed {
        line: usize,
        words: Vec<Word<'a>>,
    },
}

/// A run of words in a changed paragraph, spaced as single spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word<'a> {
    Same(Vec<&'a str>),
    Removed(Vec<&'a str>),
    Added(Vec<&'a str>),
}

/// How alike two paragraphs must be (shared words over all words) to be shown as one changed.
const ALIKE: f64 = 0.5;
/// How long a comparison may take before it settles for what it has: past it, Myers' diff gives
/// its best split so far and no more paragraphs are paired. Ordinary texts take milliseconds.
const BUDGET: Duration = Duration::from_millis(400);

/// The paragraphs of `old` and `new` in the order a reader meets them.
pub fn paragraphs<'a>(old: &'a str, new: &'a str) -> Vec<Paragraph<'a>> {
    let deadline = Instant::now() + BUDGET;
    let (a, b) = (split(old), split(new));
    let folded = |ps: &[(&str, usize)]| -> Vec<String> {
        ps.iter()
            .map(|(p, _)| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let mut out = Vec::new();
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for step in steps(&folded(&a), &folded(&b), deadline) {
        match step {
            Step::Same(j) => {
                flush(&mut removed, &mut added, &mut out, deadline);
                out.push(Paragraph::Kept {
                    text: b[j].0,
                    line: b[j].1,
                });
            }
            Step::Old(i) => removed.push(a[i]),
            Step::New(j) => added.push(b[j]),
        }
    }
    flush(&mut removed, &mut added, &mut out, deadline);
    out
}

/// Paragraphs removed and added between two kept ones: each removed one is paired, in order,
/// with the next added one like it.
fn flush<'a>(
    removed: &mut Vec<(&'a str, usize)>,
    added: &mut Vec<(&'a str, usize)>,
    out: &mut Vec<Paragraph<'a>>,
    deadline: Instant,
) {
    let candidates: Vec<Words> = added.iter().map(|(p, _)| Words::of(p)).collect();
    let mut next = 0;
    for &(old, old_line) in removed.iter() {
        let mine = Words::of(old);
        let pair = (next..added.len()).find(|&k| alike(&mine, &candidates[k], deadline));
        match pair {
            Some(k) => {
                for &(text, line) in &added[next..k] {
                    out.push(Paragraph::Added { text, line });
                }
                let (new, line) = added[k];
                out.push(Paragraph::Changed {
                    line,
                    words: words_by(old, new, deadline),
                });
                next = k + 1;
            }
            None => out.push(Paragraph::Removed {
                text: old,
                line: old_line,
            }),
        }
    }
    for &(text, line) in &added[next..] {
        out.push(Paragraph::Added { text, line });
    }
    removed.clear();
    added.clear();
}

/// A paragraph's words, and the same words' hashes sorted: how many words two paragraphs share
/// at most is counted on these in linear time, before their order is compared.
struct Words<'a> {
    words: Vec<&'a str>,
    sorted: Vec<u64>,
}

impl<'a> Words<'a> {
    fn of(paragraph: &'a str) -> Self {
        let words: Vec<&str> = paragraph.split_whitespace().collect();
        let hasher = rustc_hash::FxBuildHasher;
        let mut sorted: Vec<u64> = words.iter().map(|w| hasher.hash_one(w)).collect();
        sorted.sort_unstable();
        Words { words, sorted }
    }

    /// How many words the two have in common, order aside (at least as many as in order).
    fn shared(&self, other: &Words) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        let (a, b) = (&self.sorted, &other.sorted);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }
}

/// Whether two paragraphs share enough words, in order, to be one paragraph changed.
fn alike(a: &Words, b: &Words, deadline: Instant) -> bool {
    let total = a.words.len() + b.words.len();
    let enough = |same: usize| total > 0 && (2 * same) as f64 / total as f64 >= ALIKE;
    // Past the budget nothing more is paired: a text rewritten throughout has as many pairs to
    // try as paragraphs removed times paragraphs added.
    if !enough(a.words.len().min(b.words.len())) || Instant::now() > deadline {
        return false;
    }
    // Most pairs of such a text fail on their words alone, in linear time.
    if !enough(a.shared(b)) {
        return false;
    }
    let same = capture_diff_slices_deadline(Algorithm::Myers, &a.words, &b.words, Some(deadline))
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    enough(same)
}

/// The words of two versions of a paragraph, the runs that stayed, went and came.
pub fn words<'a>(old: &'a str, new: &'a str) -> Vec<Word<'a>> {
    words_by(old, new, Instant::now() + BUDGET)
}

fn words_by<'a>(old: &'a str, new: &'a str, deadline: Instant) -> Vec<Word<'a>> {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_whitespace().collect(),
        new.split_whitespace().collect(),
    );
    let mut out: Vec<Word<'a>> = Vec::new();
    for step in steps(&a, &b, deadline) {
        let (word, same) = match step {
            Step::Same(j) => (b[j], Word::Same(Vec::new())),
            Step::Old(i) => (a[i], Word::Removed(Vec::new())),
            Step::New(j) => (b[j], Word::Added(Vec::new())),
        };
        match (out.last_mut(), same) {
            (Some(Word::Same(v)), Word::Same(_))
            | (Some(Word::Removed(v)), Word::Removed(_))
            | (Some(Word::Added(v)), Word::Added(_)) => v.push(word),
            (_, mut fresh) => {
                match &mut fresh {
                    Word::Same(v) | Word::Removed(v) | Word::Added(v) => v.push(word),
                }
                out.push(fresh);
            }
        }
    }
    out
}

/// Paragraphs of a Markdown text and the line each starts on.
fn split(text: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte offset, line)
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some((offset, i + 1)),
            (true, Some((from, at))) => {
                out.push((text[from..offset].trim_end(), at));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((from, at)) = start {
        out.push((text[from..].trim_end(), at));
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// The same item, at this index of the new sequence.
    Same(usize),
    Old(usize),
    New(usize),
}

/// The steps that walk `a` and `b` in order, keeping the items Myers' diff finds in common; in a
/// run replaced, the old items come first.
fn steps<T: Eq + std::hash::Hash>(a: &[T], b: &[T], deadline: Instant) -> Vec<Step> {
    let mut steps = Vec::with_capacity(a.len().max(b.len()));
    for op in capture_diff_slices_deadline(Algorithm::Myers, a, b, Some(deadline)) {
        let (old, new) = (op.old_range(), op.new_range());
        if let DiffOp::Equal { .. } = op {
            steps.extend(new.map(Step::Same));
        } else {
            steps.extend(old.map(Step::Old));
            steps.extend(new.map(Step::New));
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_kept_added_removed_and_changed() {
        let old = "First one.\n\nSecond paragraph,\nwrapped.\n\nThird one goes.\n\nFourth stays the same way here.\n";
        let new = "First one.\n\nSecond paragraph, wrapped.\n\nBrand new.\n\nFourth stays the very same way here.\n";
        let diff = paragraphs(old, new);
        assert!(matches!(diff[0], Paragraph::Kept { line: 1, .. }));
        assert!(
            matches!(diff[1], Paragraph::Kept { line: 3, .. }),
            "rewrapped is the same"
        );
        assert_eq!(
            diff[2],
            Paragraph::Removed {
                text: "Third one goes.",
                line: 6
            }
        );
        assert_eq!(
            diff[3],
            Paragraph::Added {
                text: "Brand new.",
                line: 5
            }
        );
        let Paragraph::Changed { line: 7, words } = &diff[4] else {
            panic!("{diff:?}")
        };
        assert_eq!(
            words,
            &vec![
                Word::Same(vec!["Fourth", "stays", "the"]),
                Word::Added(vec!["very"]),
                Word::Same(vec!["same", "way", "here."]),
            ]
        );
        assert_eq!(diff.len(), 5);
    }

    #[test]
    fn nothing_and_everything() {
        assert!(paragraphs("", "").is_empty());
        assert_eq!(
            paragraphs("", "A.\n"),
            vec![Paragraph::Added {
                text: "A.",
                line: 1
            }]
        );
        assert_eq!(
            paragraphs("A.\n", "\n"),
            vec![Paragraph::Removed {
                text: "A.",
                line: 1
            }]
        );
    }
}

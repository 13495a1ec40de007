//! A readable diff of two Markdown texts by paragraph: kept, added, removed or changed, and in a changed paragraph the words that changed.
//!
//! An LCS over paragraphs (blank-line separated, compared with their spacing folded, so a
//! paragraph wrapped anew is the same paragraph), then an LCS over the words of each paragraph
//! removed and added in the same place, to pair them as one changed paragraph.

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
/// The largest table an LCS fills (old × new items); past it, two paragraphs are not compared word
/// by word and two texts are shown as all removed and all added.
const MAX_CELLS: usize = 4_000_000;

/// The paragraphs of `old` and `new` in the order a reader meets them.
pub fn paragraphs<'a>(old: &'a str, new: &'a str) -> Vec<Paragraph<'a>> {
    let (a, b) = (split(old), split(new));
    let folded = |ps: &[(&str, usize)]| -> Vec<String> {
        ps.iter()
            .map(|(p, _)| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let mut out = Vec::new();
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for step in lcs(&folded(&a), &folded(&b)) {
        match step {
            Step::Same(j) => {
                flush(&mut removed, &mut added, &mut out);
                out.push(Paragraph::Kept {
                    text: b[j].0,
                    line: b[j].1,
                });
            }
            Step::Old(i) => removed.push(a[i]),
            Step::New(j) => added.push(b[j]),
        }
    }
    flush(&mut removed, &mut added, &mut out);
    out
}

/// Paragraphs removed and added between two kept ones: each removed one is paired, in order,
/// with the next added one like it.
fn flush<'a>(
    removed: &mut Vec<(&'a str, usize)>,
    added: &mut Vec<(&'a str, usize)>,
    out: &mut Vec<Paragraph<'a>>,
) {
    let mut next = 0;
    for &(old, old_line) in removed.iter() {
        let pair = (next..added.len()).find(|&k| alike(old, added[k].0));
        match pair {
            Some(k) => {
                for &(text, line) in &added[next..k] {
                    out.push(Paragraph::Added { text, line });
                }
                let (new, line) = added[k];
                out.push(Paragraph::Changed {
                    line,
                    words: words(old, new),
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

fn alike(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let total = a.len() + b.len();
    if total == 0 || a.len() * b.len() > MAX_CELLS {
        return false;
    }
    let same = lcs(&a, &b)
        .iter()
        .filter(|s| matches!(s, Step::Same(..)))
        .count();
    (2 * same) as f64 / total as f64 >= ALIKE
}

/// The words of two versions of a paragraph, the runs that stayed, went and came.
pub fn words<'a>(old: &'a str, new: &'a str) -> Vec<Word<'a>> {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_whitespace().collect(),
        new.split_whitespace().collect(),
    );
    let mut out: Vec<Word<'a>> = Vec::new();
    for step in lcs(&a, &b) {
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

/// The longest common subsequence of `a` and `b`, as the steps that walk both in order.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Step> {
    let (n, m) = (a.len(), b.len());
    if n * m > MAX_CELLS {
        return (0..n).map(Step::Old).chain((0..m).map(Step::New)).collect();
    }
    // Lengths of the LCS of every pair of suffixes, so the walk below goes front to back.
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j, mut steps) = (0, 0, Vec::with_capacity(n + m));
    while i < n && j < m {
        if a[i] == b[j] {
            steps.push(Step::Same(j));
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            steps.push(Step::Old(i));
            i += 1;
        } else {
            steps.push(Step::New(j));
            j += 1;
        }
    }
    steps.extend((i..n).map(Step::Old));
    steps.extend((j..m).map(Step::New));
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

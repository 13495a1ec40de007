//! The collected editions the model holds: which finished arcs have a book in which language, and
//! the texts of an arc in a book's order.

use super::Site;
use crate::arc::Season;
use crate::kind::Kind;
use crate::schedule::Status;

impl Site {
    /// (language, arc) for every finished arc and every language at least one of its live texts
    /// is written in: the books a build makes.
    pub fn editions(&self) -> Vec<(usize, u32)> {
        let languages = self.config.languages.len();
        self.arc_numbers()
            .into_iter()
            .flat_map(|n| (0..languages).map(move |lang| (lang, n)))
            .filter(|&(lang, n)| self.has_edition(lang, n))
            .collect()
    }

    /// Whether arc `arc` has ended and has a live text written in language `lang`.
    pub fn has_edition(&self, lang: usize, arc: u32) -> bool {
        let season = self.arc.season_of_number(arc);
        self.today() >= season.end()
            && self
                .arc_texts(&season)
                .iter()
                .any(|&i| self.written_in(i, lang))
    }

    /// The indexes into `texts` of arc `season`'s texts, in a book's order: week, then essay
    /// before bulletin.
    pub fn arc_texts(&self, season: &Season) -> Vec<usize> {
        let from = self.texts.partition_point(|t| t.week < season.first);
        let to = self.texts.partition_point(|t| t.week <= season.last());
        let mut order: Vec<usize> = (from..to).collect();
        order.sort_by_key(|&i| (self.texts[i].week, self.texts[i].kind == Kind::Bulletin));
        order
    }

    /// Whether text `i` is live and written in language `lang` (not shown there from another).
    pub fn written_in(&self, i: usize, lang: usize) -> bool {
        self.texts[i].versions[lang].is_some_and(|p| {
            let post = &self.posts[p];
            post.status == Status::Published && !post.front.draft
        })
    }

    /// The first language the site lists that text `i` is live in, other than `lang`.
    pub fn written_elsewhere(&self, i: usize, lang: usize) -> Option<usize> {
        (0..self.config.languages.len()).find(|&l| l != lang && self.written_in(i, l))
    }
}

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
        let today = self.today();
        let mut out = Vec::new();
        for number in self.arc_numbers() {
            let season = self.arc.season_of_number(number);
            if today < season.end() {
                continue;
            }
            let texts = self.arc_texts(&season);
            for lang in 0..self.config.languages.len() {
                if texts.iter().any(|&i| self.written_in(i, lang)) {
                    out.push((lang, number));
                }
            }
        }
        out
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

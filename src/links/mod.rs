//! Every link the site makes lands somewhere: the links and images written in the texts, checked
//! against the plan at their lines (`texts`), and the links of rendered pages, checked against the
//! output (`pages`).

pub mod pages;
pub mod texts;

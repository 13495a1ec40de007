//! What an `.ftl` file's messages refer to, checked when it is read: every message, attribute and
//! term a placeable names must exist, and no function is called (`site` provides none). Fluent
//! itself would only print the reference as text (`{nomsg}`) on every page. Variables are left to
//! formatting: which ones a message is given depends on the template or code that asks for it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use crate::diagnostics::{line_col, nearest, Diagnostic};

/// The messages (whether they have a value, and their attributes) and terms (their attributes) a
/// reference may name.
#[derive(Default)]
struct Known<'a> {
    messages: HashMap<&'a str, (bool, HashSet<&'a str>)>,
    terms: HashMap<&'a str, HashSet<&'a str>>,
}

impl<'a> Known<'a> {
    fn add(&mut self, resource: &'a FluentResource) {
        for entry in resource.entries() {
            match entry {
                ast::Entry::Message(m) => {
                    let attributes = m.attributes.iter().map(|a| a.id.name).collect();
                    self.messages
                        .insert(m.id.name, (m.value.is_some(), attributes));
                }
                ast::Entry::Term(t) => {
                    let attributes = t.attributes.iter().map(|a| a.id.name).collect();
                    self.terms.insert(t.id.name, attributes);
                }
                _ => {}
            }
        }
    }
}

/// The problems of the references in `resource` (the file `rel`), against its own entries and
/// those it is laid over or under (`under`: the tool's file for its language, the words of
/// site.toml).
pub fn check(rel: &Path, resource: &FluentResource, under: &[&FluentResource]) -> Vec<Diagnostic> {
    let mut known = Known::default();
    known.add(resource);
    for other in under {
        known.add(other);
    }
    let mut walk = Walk {
        rel,
        source: resource.source(),
        known: &known,
        problems: Vec::new(),
    };
    for entry in resource.entries() {
        let (value, attributes) = match entry {
            ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
            _ => continue,
        };
        for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
            walk.pattern(pattern);
        }
    }
    walk.problems
}

/// The line of each message of `resource`, by id.
pub fn lines(resource: &FluentResource) -> HashMap<String, usize> {
    let source = resource.source();
    resource
        .entries()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => Some((m.id.name.to_string(), at(source, m.id.name).0)),
            _ => None,
        })
        .collect()
}

/// Line and column of `part`, a slice of `source` (the parser's identifiers are).
fn at(source: &str, part: &str) -> (usize, usize) {
    let offset = (part.as_ptr() as usize)
        .checked_sub(source.as_ptr() as usize)
        .filter(|o| *o <= source.len())
        .unwrap_or(0);
    line_col(source, offset)
}

struct Walk<'a> {
    rel: &'a Path,
    source: &'a str,
    known: &'a Known<'a>,
    problems: Vec<Diagnostic>,
}

impl Walk<'_> {
    fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                self.expression(expression);
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::MessageReference { id, attribute } => {
                let name = id.name;
                let problem = match (self.known.messages.get(name), attribute) {
                    (None, _) => {
                        let ids: Vec<&str> = self.known.messages.keys().copied().collect();
                        Some((
                            id.name,
                            format!("`{{ {name} }}` names no message"),
                            match nearest(name, &ids) {
                                Some(best) => format!("did you mean `{{ {best} }}`?"),
                                None => format!(
                                    "add `{name} = …` to this file, or remove the reference"
                                ),
                            },
                        ))
                    }
                    (Some((_, attributes)), Some(a)) if !attributes.contains(a.name) => Some((
                        a.name,
                        format!("the message `{name}` has no attribute `.{}`", a.name),
                        format!(
                            "add `.{} = …` under `{name}`, or remove the reference",
                            a.name
                        ),
                    )),
                    (Some((false, _)), None) => Some((
                        id.name,
                        format!("the message `{name}` has no value, only attributes"),
                        format!("name one of its attributes, e.g. `{{ {name}.ATTRIBUTE }}`"),
                    )),
                    _ => None,
                };
                if let Some((part, message, help)) = problem {
                    self.problem(part, message, help);
                }
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                let name = id.name;
                match (self.known.terms.get(name), attribute) {
                    (None, _) => {
                        let ids: Vec<&str> = self.known.terms.keys().copied().collect();
                        let help = match nearest(name, &ids) {
                            Some(best) => format!("did you mean `{{ -{best} }}`?"),
                            None => {
                                let mut all = ids;
                                all.sort();
                                format!(
                                    "define `-{name} = …` in this file, or use a term there is: {}",
                                    all.iter()
                                        .map(|t| format!("-{t}"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                )
                            }
                        };
                        self.problem(id.name, format!("`{{ -{name} }}` names no term"), help);
                    }
                    (Some(attributes), Some(a)) if !attributes.contains(a.name) => {
                        self.problem(
                            a.name,
                            format!("the term `-{name}` has no attribute `.{}`", a.name),
                            format!(
                                "add `.{} = …` under `-{name}`, or remove the reference",
                                a.name
                            ),
                        );
                    }
                    _ => {}
                }
                if let Some(arguments) = arguments {
                    self.arguments(arguments);
                }
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                self.problem(
                    id.name,
                    format!("`{}()` is not a function `site` provides", id.name),
                    "write the text without calling a function; a variable goes in as `{ $name }`",
                );
                self.arguments(arguments);
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            ast::InlineExpression::StringLiteral { .. }
            | ast::InlineExpression::NumberLiteral { .. }
            | ast::InlineExpression::VariableReference { .. } => {}
        }
    }

    fn arguments(&mut self, arguments: &ast::CallArguments<&str>) {
        for value in arguments
            .positional
            .iter()
            .chain(arguments.named.iter().map(|n| &n.value))
        {
            self.inline(value);
        }
    }

    fn problem(&mut self, part: &str, message: String, help: impl Into<String>) {
        let (line, column) = at(self.source, part);
        self.problems.push(
            Diagnostic::error(self.rel, message)
                .at_line_of(self.source, line, column)
                .help(help),
        );
    }
}

/// A message or term written twice in `resource` (the file `rel`): the second is an error at its line.
pub fn duplicates(rel: &Path, resource: &FluentResource) -> Vec<Diagnostic> {
    let source = resource.source();
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    for entry in resource.entries() {
        let id = match entry {
            ast::Entry::Message(m) => m.id.name,
            ast::Entry::Term(t) => t.id.name,
            _ => continue,
        };
        if !seen.insert(id) {
            let at = id.as_ptr() as usize - source.as_ptr() as usize;
            let (line, column) = line_col(source, at);
            problems.push(
                Diagnostic::error(rel, format!("`{id}` is written twice"))
                    .at_line_of(source, line, column)
                    .help("each message id must be unique: keep one of them"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(ftl: &str) -> Vec<String> {
        let resource = FluentResource::try_new(ftl.to_string()).unwrap();
        let site = FluentResource::try_new("-site = S\n    .gender = other\n".into()).unwrap();
        check(Path::new("i18n/en.ftl"), &resource, &[&site])
            .into_iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn references_must_name_what_there_is() {
        let ftl = "a = A\n    .title = T\nb = { a } { a.title } { -site } { $n } { -site.gender ->\n    [x] X\n   *[other] { a }\n}\n";
        assert_eq!(problems(ftl), Vec::<String>::new());
        assert_eq!(
            problems("a = A\nnav-arc = The { nomsg } arc\n"),
            ["2:17 `{ nomsg }` names no message"]
        );
        assert_eq!(
            problems("nav = The { -noterm } arc\n"),
            ["1:14 `{ -noterm }` names no term"]
        );
        assert_eq!(
            problems("nav = The { FOO() } arc\n"),
            ["1:13 `FOO()` is not a function `site` provides"]
        );
        assert_eq!(
            problems("a = A\nb = { a.nope }\nc =\n    .x = X\nd = { c }\n"),
            [
                "2:9 the message `a` has no attribute `.nope`",
                "5:7 the message `c` has no value, only attributes"
            ]
        );
        // Inside a selector's variants too.
        assert_eq!(
            problems("b = { $n ->\n   *[other] { nomsg }\n}\n"),
            ["2:15 `{ nomsg }` names no message"]
        );
    }
}

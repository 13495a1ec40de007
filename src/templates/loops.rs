//! Templates that never finish: an include, extends or import loop (`a.html` includes `b.html`,
//! which includes `a.html`) or a macro that calls itself, directly or through others. Tera renders
//! both with no depth limit and overflows the stack, so they are found in the parsed templates
//! before anything renders, and named with the line that closes the loop.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use tera::ast::{Expr, ExprVal, Node};
use tera::{Template, Tera};

use crate::diagnostics::Diagnostic;

/// A place rendering can go: a whole template, or one macro of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Template(String),
    Macro(String, String),
}

impl Step {
    fn file(&self) -> &str {
        match self {
            Step::Template(t) | Step::Macro(t, _) => t,
        }
    }

    fn describe(&self) -> String {
        match self {
            Step::Template(t) => t.clone(),
            Step::Macro(t, m) => format!("the macro `{m}` of {t}"),
        }
    }
}

/// One way from a step to another, and what to look for on its line.
#[derive(Debug, Clone)]
struct Edge {
    to: Step,
    /// Words that are on the line where the template goes there (`include`, the name).
    words: Vec<String>,
}

/// Every loop among the templates of `tera`, one error each.
pub fn find(tera: &Tera, root: &Path) -> Vec<Diagnostic> {
    let graph = graph(tera);
    let mut state: BTreeMap<&Step, u8> = BTreeMap::new(); // 1: on the path, 2: done
    let mut problems = Vec::new();
    let mut seen: BTreeSet<Vec<Step>> = BTreeSet::new();
    for start in graph.keys() {
        let mut path: Vec<(&Step, usize)> = Vec::new();
        if state.contains_key(start) {
            continue;
        }
        // Depth-first without recursion: a template tree can be as deep as it likes.
        state.insert(start, 1);
        path.push((start, 0));
        while let Some((step, next)) = path.last().copied() {
            let edges = &graph[step];
            if next == edges.len() {
                state.insert(step, 2);
                path.pop();
                continue;
            }
            path.last_mut().unwrap_or_else(|| unreachable!()).1 += 1;
            let edge = &edges[next];
            let Some((to, _)) = graph.get_key_value(&edge.to) else {
                continue;
            };
            match state.get(to) {
                Some(1) => {
                    let from = path.iter().position(|(s, _)| *s == to).unwrap_or(0);
                    let cycle: Vec<Step> = path[from..].iter().map(|(s, _)| (*s).clone()).collect();
                    let mut key = cycle.clone();
                    key.sort();
                    if seen.insert(key) {
                        problems.push(report(tera, root, &graph, &cycle));
                    }
                }
                Some(_) => {}
                None => {
                    state.insert(to, 1);
                    path.push((to, 0));
                }
            }
        }
    }
    problems
}

/// The error for one loop, at the line of its last step, which leads back to the first.
fn report(
    tera: &Tera,
    root: &Path,
    graph: &BTreeMap<Step, Vec<Edge>>,
    cycle: &[Step],
) -> Diagnostic {
    let last = &cycle[cycle.len() - 1];
    let first = &cycle[0];
    let file = Path::new("templates").join(last.file());
    let mut chain: Vec<String> = cycle.iter().map(Step::describe).collect();
    chain.push(first.describe());
    let chain = chain.join(" → ");
    let macros = cycle.iter().all(|s| matches!(s, Step::Macro(..)));
    let message = match (cycle.len(), macros) {
        (1, true) => format!("{} calls itself", last.describe()),
        (_, true) => format!("these macros call one another in a loop: {chain}"),
        (1, false) => format!("{} includes itself: {chain}", last.describe()),
        _ => format!("these templates lead to one another in a loop: {chain}"),
    };
    let mut problem = Diagnostic::error(&file, message).help(
        "Tera follows includes, extends, imports and macro calls with no limit, so the loop \
         never ends: remove the step that leads back, or write a repeated part with `{% for %}`",
    );
    let words = graph[last]
        .iter()
        .find(|e| e.to == *first)
        .map(|e| e.words.clone())
        .unwrap_or_default();
    let source = tera
        .get_template(last.file())
        .ok()
        .and_then(|t| t.path.clone())
        .map_or_else(|| root.join(&file), Into::into);
    if let Ok(text) = std::fs::read_to_string(source) {
        // Inside a macro, the line is looked for after the macro's own opening.
        let skip = match last {
            Step::Macro(_, m) => text
                .lines()
                .position(|l| l.contains("macro") && l.contains(&format!("{m}(")))
                .unwrap_or(0),
            Step::Template(_) => 0,
        };
        let found = text
            .lines()
            .enumerate()
            .skip(skip)
            .find(|(_, l)| words.iter().all(|w| l.contains(w.as_str())));
        if let Some((i, line)) = found {
            let column = line.find(words[0].as_str()).map_or(1, |c| c + 1);
            problem = problem.at_line_of(&text, i + 1, column);
        }
    }
    problem
}

/// Every step and where it can lead.
fn graph(tera: &Tera) -> BTreeMap<Step, Vec<Edge>> {
    let templates: HashMap<&str, &Template> = tera
        .get_template_names()
        .filter_map(|n| Some((n, tera.get_template(n).ok()?)))
        .collect();
    let mut graph = BTreeMap::new();
    for (name, template) in &templates {
        let mut edges = Vec::new();
        if let Some(parent) = &template.parent {
            edges.push(Edge {
                to: Step::Template(parent.clone()),
                words: vec!["extends".into(), parent.clone()],
            });
        }
        for (file, _) in &template.imported_macro_files {
            edges.push(Edge {
                to: Step::Template(file.clone()),
                words: vec!["import".into(), file.clone()],
            });
        }
        nodes(&templates, name, &template.ast, &mut edges);
        graph.insert(Step::Template(name.to_string()), edges);
        for (macro_name, definition) in &template.macros {
            let mut edges = Vec::new();
            nodes(&templates, name, &definition.body, &mut edges);
            graph.insert(Step::Macro(name.to_string(), macro_name.clone()), edges);
        }
    }
    graph
}

/// The includes and macro calls of `ast`, written in template `file` (macro definitions are
/// steps of their own).
fn nodes(templates: &HashMap<&str, &Template>, file: &str, ast: &[Node], edges: &mut Vec<Edge>) {
    for node in ast {
        match node {
            Node::Include(_, names, _) => {
                // Tera renders the first of the names that exists.
                if let Some(name) = names.iter().find(|n| templates.contains_key(n.as_str())) {
                    edges.push(Edge {
                        to: Step::Template(name.clone()),
                        words: vec!["include".into(), name.clone()],
                    });
                }
            }
            Node::VariableBlock(_, e) => expr(templates, file, e, edges),
            Node::Set(_, set) => expr(templates, file, &set.value, edges),
            Node::FilterSection(_, section, _) => {
                for e in section.filter.args.values() {
                    expr(templates, file, e, edges);
                }
                nodes(templates, file, &section.body, edges);
            }
            Node::Block(_, block, _) => nodes(templates, file, &block.body, edges),
            Node::Forloop(_, forloop, _) => {
                expr(templates, file, &forloop.container, edges);
                nodes(templates, file, &forloop.body, edges);
                if let Some(body) = &forloop.empty_body {
                    nodes(templates, file, body, edges);
                }
            }
            Node::If(branches, _) => {
                for (_, condition, body) in &branches.conditions {
                    expr(templates, file, condition, edges);
                    nodes(templates, file, body, edges);
                }
                if let Some((_, body)) = &branches.otherwise {
                    nodes(templates, file, body, edges);
                }
            }
            _ => {}
        }
    }
}

/// The macro calls of one expression, with the file each one's namespace names.
fn expr(templates: &HashMap<&str, &Template>, file: &str, e: &Expr, edges: &mut Vec<Edge>) {
    for filter in &e.filters {
        for arg in filter.args.values() {
            expr(templates, file, arg, edges);
        }
    }
    match &e.val {
        ExprVal::MacroCall(call) => {
            if let Some(target) = namespace(templates, file, &call.namespace) {
                edges.push(Edge {
                    to: Step::Macro(target, call.name.clone()),
                    words: vec![format!("{}::{}", call.namespace, call.name)],
                });
            }
            for arg in call.args.values() {
                expr(templates, file, arg, edges);
            }
        }
        ExprVal::FunctionCall(call) => {
            for arg in call.args.values() {
                expr(templates, file, arg, edges);
            }
        }
        ExprVal::Math(m) => {
            expr(templates, file, &m.lhs, edges);
            expr(templates, file, &m.rhs, edges);
        }
        ExprVal::Logic(l) => {
            expr(templates, file, &l.lhs, edges);
            expr(templates, file, &l.rhs, edges);
        }
        ExprVal::In(i) => {
            expr(templates, file, &i.lhs, edges);
            expr(templates, file, &i.rhs, edges);
        }
        ExprVal::Test(t) => {
            for arg in &t.args {
                expr(templates, file, arg, edges);
            }
        }
        ExprVal::Array(items) => {
            for item in items {
                expr(templates, file, item, edges);
            }
        }
        ExprVal::StringConcat(concat) => {
            for value in &concat.values {
                let e = Expr::new(value.clone());
                expr(templates, file, &e, edges);
            }
        }
        _ => {}
    }
}

/// The template a macro namespace names in `file`: `self`, or an import of the file, of its
/// parents, or of what those import (as Tera looks macros up).
fn namespace(templates: &HashMap<&str, &Template>, file: &str, ns: &str) -> Option<String> {
    if ns == "self" {
        return Some(file.to_string());
    }
    let mut queue: Vec<&str> = vec![file];
    if let Some(t) = templates.get(file) {
        queue.extend(t.parents.iter().map(String::as_str));
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = queue.first().copied() {
        queue.remove(0);
        if !seen.insert(name) {
            continue;
        }
        let Some(t) = templates.get(name) else {
            continue;
        };
        if let Some((f, _)) = t.imported_macro_files.iter().find(|(_, n)| n == ns) {
            return Some(f.clone());
        }
        queue.extend(t.imported_macro_files.iter().map(|(f, _)| f.as_str()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loops(files: &[(&str, &str)]) -> Vec<String> {
        let mut tera = Tera::default();
        tera.add_raw_templates(files.to_vec()).unwrap();
        find(&tera, Path::new("/nowhere"))
            .into_iter()
            .map(|d| d.render(false))
            .collect()
    }

    #[test]
    fn an_include_loop_is_found_once() {
        let found = loops(&[
            ("a.html", "A {% include \"b.html\" %}"),
            ("b.html", "B\n{% if x %}{% include \"a.html\" %}{% endif %}"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("a.html → b.html → a.html")
                || found[0].contains("b.html → a.html → b.html"),
            "{found:?}"
        );
        assert_eq!(loops(&[("a.html", "{% include \"a.html\" %}")]).len(), 1);
    }

    #[test]
    fn a_macro_calling_itself_directly_or_through_another_is_found() {
        let found = loops(&[("m.html", "{% macro m(n) %}{{ self::m(n=n) }}{% endmacro %}")]);
        assert!(
            found[0].contains("the macro `m` of m.html calls itself"),
            "{found:?}"
        );
        let found = loops(&[
            ("m.html", "{% macro a() %}{% for x in [1] %}{{ self::b() }}{% endfor %}{% endmacro %}{% macro b() %}{{ 1 + self::a() | length }}{% endmacro %}"),
            ("p.html", "{% import \"m.html\" as m %}{{ m::a() }}"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("call one another"), "{found:?}");
    }

    #[test]
    fn includes_and_macros_without_loops_pass() {
        assert!(loops(&[
            ("base.html", "{% import \"m.html\" as m %}{% block b %}{% endblock %}{% include \"p.html\" %}"),
            ("post.html", "{% extends \"base.html\" %}{% block b %}{{ m::a() }}{% include \"p.html\" %}{% endblock %}"),
            ("p.html", "P"),
            ("m.html", "{% macro a() %}{{ self::b() }}{% endmacro %}{% macro b() %}b{% endmacro %}"),
        ])
        .is_empty());
    }
}

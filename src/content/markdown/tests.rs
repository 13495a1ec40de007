use super::*;

fn rendered_for(body: &str, target: Target) -> Result<Rendered, Vec<Diagnostic>> {
    let highlighter = Highlighter::default();
    let files = [Asset {
        rel: "fig.png".into(),
        source: "content/essays/t/fig.png".into(),
        size: Some((40, 30)),
    }];
    let env = Env {
        highlighter: &highlighter,
        base_path: "/repo",
        base_url: "https://s.example/repo/",
        assets: &files,
        reserved_ids: &["content".to_string()].into_iter().collect(),
    };
    render(Path::new("t.md"), body, 1, &env, target)
}

fn rendered(body: &str) -> Result<Rendered, Vec<Diagnostic>> {
    rendered_for(body, Target::Page)
}

/// The page HTML of `body`, as `Rendered` with `html` filled in.
fn html(body: &str) -> Result<Page, Vec<Diagnostic>> {
    rendered(body).map(|r| Page {
        html: r.html.unwrap_or_default(),
    })
}

#[derive(Debug)]
struct Page {
    html: String,
}

#[test]
fn blocks_wrap_their_content() {
    let r = html("Intro\n::: signal Em uma frase\nO *sinal*.\n:::\nDepois").unwrap();
    assert!(
        r.html
            .contains("<aside class=\"block-signal\">\n<p class=\"block-title\">Em uma frase</p>"),
        "{}",
        r.html
    );
    assert!(
        r.html.contains("<p>O <em>sinal</em>.</p>\n</aside>"),
        "{}",
        r.html
    );
}

#[test]
fn frame_headings_start_columns() {
    let r = html("::: frame Dois lados\n### A\n- um\n### B\n- dois\n:::\n").unwrap();
    assert_eq!(
        r.html.matches("<div class=\"frame-column\">").count(),
        2,
        "{}",
        r.html
    );
}

#[test]
fn block_errors_name_the_line() {
    let e = html("a\n\n::: quote X\n").unwrap_err();
    assert_eq!(
        (e[0].line, e[0].message.as_str()),
        (3, "unknown block `quote`")
    );
    let e = html("a\n::: signal X\nb\n").unwrap_err();
    assert_eq!(e[0].line, 2);
    assert!(e[0].message.contains("never closed"));
}

#[test]
fn markers_inside_code_are_text() {
    let r = html("```\n::: signal X\n```\n").unwrap();
    assert!(r.html.contains("::: signal X"));
}

#[test]
fn headings_get_unique_self_links() {
    let r = html("## Olá mundo\n\n## Olá mundo\n").unwrap();
    assert!(
        r.html
            .contains("<h2 id=\"olá-mundo\"><a class=\"heading-link\" href=\"#ol%C3%A1-mundo\">"),
        "{}",
        r.html
    );
    assert!(r.html.contains("id=\"olá-mundo-1\""));
}

#[test]
fn links_are_collected_at_their_file_lines() {
    let body = "Um [link](#a).\n\n::: signal S\nVeja ![fig](fig.png \"t\")\n:::\n\n## A\n\n- [raiz](/arco/) [fora](https://x.example/) [casa](https://s.example/repo/en/)\n";
    let r = rendered_for(body, Target::Outline).unwrap();
    assert!(r.html.is_none(), "an outline renders no HTML");
    assert_eq!(r.words, 9);
    assert_eq!(r.ids, vec!["a"]);
    let found: Vec<(&str, usize, usize, bool)> = r
        .links
        .iter()
        .map(|l| (l.url.as_str(), l.line, l.column, l.image))
        .collect();
    assert_eq!(
        found,
        vec![
            ("#a", 1, 11, false),
            ("fig.png", 4, 13, true),
            ("/repo/arco/", 9, 10, false),
            ("https://s.example/repo/en/", 9, 52, false)
        ]
    );
}

#[test]
fn feeds_and_email_have_no_self_links_and_email_blocks_are_tables() {
    let body = "## Título\n\n::: frame F\n### A\n- a\n### B\n- b\n:::\n::: signal S\nx\n:::\n";
    let feed = rendered_for(body, Target::Feed).unwrap().html.unwrap();
    assert!(feed.contains("<h2 id=\"título\">Título</h2>"), "{feed}");
    let email = rendered_for(body, Target::Email).unwrap().html.unwrap();
    assert!(
        !email.contains("heading-link") && !email.contains("<aside") && !email.contains("<figure")
    );
    assert_eq!(
        email.matches("<table role=\"presentation\"").count(),
        2,
        "{email}"
    );
    assert_eq!(email.matches("</table>").count(), 2, "{email}");
    assert_eq!(
        email.matches("class=\"frame-column\"").count(),
        2,
        "{email}"
    );
}

#[test]
fn images_beside_the_text_get_their_size_and_missing_files_their_line() {
    let words = "palavra ".repeat(120);
    let r = rendered(&format!(
        "![Uma figura](fig.png)\n\n{words}\n\n![De novo *aqui*](./fig.png \"t\")\n"
    ))
    .unwrap();
    let html = r.html.unwrap();
    assert!(
        html.contains(r#"<img src="fig.png" alt="Uma figura" width="40" height="30">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<img src="./fig.png" alt="De novo aqui" title="t" width="40" height="30" loading="lazy">"#),
        "below the first screen: {html}"
    );
    let e = rendered("Texto.\n\nVeja ![a figura](fog.png) e [o anexo](notas.pdf).\n").unwrap_err();
    assert_eq!(e.len(), 2);
    assert_eq!((e[0].line, e[0].column), (3, 18));
    assert_eq!(e[0].message, "`fog.png` is not in the text's folder t/");
    assert_eq!(e[0].help.as_deref(), Some("did you mean `fig.png`?"));
    assert_eq!(
        e[0].source_line.as_deref(),
        Some("Veja ![a figura](fog.png) e [o anexo](notas.pdf).")
    );
    assert_eq!(e[1].column, 39);
}

#[test]
fn a_heading_never_takes_an_id_the_templates_use() {
    let out = rendered("## Content\n\n## Content\n\n## Outro {#content}\n").unwrap();
    assert_eq!(out.ids, ["content-1", "content-2", "content-3"]);
}

//! The edition's dark scheme is a `<style>` block kept beside the inlined styles. Its rules must
//! beat those inline styles, so every declaration in it is `!important`.

/// `css` (plain rules, no nesting) with comments dropped, whitespace collapsed and every
/// declaration marked `!important`: the code colours of the dark scheme, as small as they can be.
pub fn important(css: &str) -> String {
    let text = crate::highlight::without_comments(css);
    let mut out = String::new();
    for (selector, body) in text.split('}').filter_map(|rule| rule.split_once('{')) {
        let declarations: Vec<String> = body
            .split(';')
            .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|d| !d.is_empty())
            .map(|d| {
                if d.ends_with("!important") {
                    d
                } else {
                    format!("{d} !important")
                }
            })
            .collect();
        if declarations.is_empty() {
            continue;
        }
        let selector = selector.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push_str(&format!("{selector}{{{}}}\n", declarations.join(";")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declaration_becomes_important_and_comments_go() {
        let css = "/* generated\n by syntect */\npre.code {\n color: #d0c8c6;\n background-color: #3b3228;\n}\n\n.hl-keyword, .hl-storage   .hl-type {\n color: #bb9584;\nfont-weight: bold;\n}\n.hl-empty {\n}\n.hl-x { color: red !important; }\n";
        assert_eq!(
            important(css),
            "pre.code{color: #d0c8c6 !important;background-color: #3b3228 !important}\n\
             .hl-keyword, .hl-storage .hl-type{color: #bb9584 !important;font-weight: bold !important}\n\
             .hl-x{color: red !important}\n"
        );
    }
}

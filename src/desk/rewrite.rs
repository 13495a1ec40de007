//! A translation's `[translation]` record written into its front matter, every other byte of the file kept.

/// `file` with its `[translation]` table holding `values` (each `key = "value"` line replaced in
/// place, a missing one added after the table's last key), or the table added at the end of the
/// front matter; every other byte as it was. `Err((line, message))` for a record not written as
/// a table of its own.
pub fn rewrite(file: &str, values: &[(&str, &str)]) -> Result<String, (usize, String)> {
    let lines: Vec<&str> = file.split_inclusive('\n').collect();
    let eol = if lines.first().is_some_and(|l| l.ends_with("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    let fence =
        |l: &str| l.trim_end() == "+++" || l.trim_start_matches('\u{feff}').trim_end() == "+++";
    let close = (1..lines.len())
        .find(|&i| fence(lines[i]))
        .ok_or((1, "the front matter is never closed".to_string()))?;
    let table_name = |l: &str| {
        let t = l.trim();
        t.starts_with('[').then(|| {
            let end = t.find(']').unwrap_or(t.len());
            t[..end].trim_matches(['[', ' ']).to_string()
        })
    };
    let header = (1..close).find(|&i| table_name(lines[i]).as_deref() == Some("translation"));
    let key_of = |l: &str| {
        let t = l.trim_start();
        let key = t.split(['=', ' ', '\t']).next().unwrap_or("");
        t[key.len()..]
            .trim_start()
            .starts_with('=')
            .then(|| key.trim_matches('"').to_string())
    };
    if header.is_none() {
        if let Some(i) = (1..close).find(|&i| {
            let l = lines[i].trim_start();
            l.starts_with("translation.") || key_of(l).as_deref() == Some("translation")
        }) {
            return Err((
                i + 1,
                "`site translated` rewrites only a record written as a `[translation]` table"
                    .into(),
            ));
        }
    }
    let line = |key: &str, value: &str| format!("{key} = \"{value}\"{eol}");
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 5);
    match header {
        Some(h) => {
            let end = (h + 1..close)
                .find(|&i| table_name(lines[i]).is_some())
                .unwrap_or(close);
            let mut last_key = h;
            let mut done = vec![false; values.len()];
            let mut body: Vec<String> = Vec::new();
            for (i, l) in lines.iter().enumerate().take(end).skip(h + 1) {
                let key = key_of(l);
                match values.iter().position(|(k, _)| Some(*k) == key.as_deref()) {
                    Some(v) => {
                        let indent = &l[..l.len() - l.trim_start().len()];
                        let ending = if l.ends_with('\n') {
                            &l[l.trim_end_matches(['\r', '\n']).len()..]
                        } else {
                            eol
                        };
                        body.push(format!(
                            "{indent}{} = \"{}\"{ending}",
                            values[v].0, values[v].1
                        ));
                        done[v] = true;
                        last_key = i;
                    }
                    None => {
                        if key.is_some() {
                            last_key = i;
                        }
                        body.push((*l).to_string());
                    }
                }
            }
            out.extend(lines[..=h].iter().map(|l| l.to_string()));
            let missing: Vec<String> = values
                .iter()
                .zip(&done)
                .filter(|(_, d)| !**d)
                .map(|((k, v), _)| line(k, v))
                .collect();
            // The missing keys go after the table's last key line, before any blank or comment.
            let split = last_key - h;
            out.extend(body[..split].iter().cloned());
            out.extend(missing);
            out.extend(body[split..].iter().cloned());
            out.extend(lines[end..].iter().map(|l| l.to_string()));
        }
        None => {
            out.extend(lines[..close].iter().map(|l| l.to_string()));
            if close > 1 && !lines[close - 1].trim().is_empty() {
                out.push(eol.to_string());
            }
            out.push(format!("[translation]{eol}"));
            out.extend(values.iter().map(|(k, v)| line(k, v)));
            out.extend(lines[close..].iter().map(|l| l.to_string()));
        }
    }
    Ok(out.concat())
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    const V: &[(&str, &str)] = &[
        ("from", "pt-BR"),
        ("hash", "0123456789abcdef"),
        ("blob", "b"),
    ];

    #[test]
    fn adds_a_record_at_the_end_of_the_front_matter() {
        let file = "+++\ntitle = \"A\"\n\n[[sources]]\ntitle = \"S\"\nurl = \"u\"\n+++\n\nBody.\n";
        assert_eq!(
            rewrite(file, V).unwrap(),
            "+++\ntitle = \"A\"\n\n[[sources]]\ntitle = \"S\"\nurl = \"u\"\n\n[translation]\nfrom = \"pt-BR\"\nhash = \"0123456789abcdef\"\nblob = \"b\"\n+++\n\nBody.\n"
        );
    }

    #[test]
    fn rewrites_the_values_in_place_keeping_the_rest() {
        let file = "+++\r\ntitle = \"A\"\r\n[translation]\r\n# kept\r\nfrom = \"en\"\r\n  hash = \"x\"\r\n\r\n[[sources]]\r\ntitle = \"S\"\r\n+++\r\nBody.";
        assert_eq!(
            rewrite(file, V).unwrap(),
            "+++\r\ntitle = \"A\"\r\n[translation]\r\n# kept\r\nfrom = \"pt-BR\"\r\n  hash = \"0123456789abcdef\"\r\nblob = \"b\"\r\n\r\n[[sources]]\r\ntitle = \"S\"\r\n+++\r\nBody."
        );
    }

    #[test]
    fn refuses_a_record_in_another_form() {
        let file = "+++\ntitle = \"A\"\ntranslation = { from = \"en\" }\n+++\n";
        assert_eq!(rewrite(file, V).unwrap_err().0, 3);
    }
}

//! What a translation is compared by: a digest of a text's translatable content, and the git blob id of its file.

use super::front_matter::FrontMatter;

/// The digest of what a translator translates: the title, the summary, the sources (title and
/// address: a source added to the original belongs in the translation too) and the Markdown
/// body. Not the date, tags, `draft` or `updated` (publishing the original, or dating an update,
/// asks nothing of its translations), nor a record of its own. Line endings are read as `\n` and
/// the body's leading and trailing blank space is ignored, so saving the file in another editor
/// changes nothing.
pub fn digest(front: &FrontMatter, body: &str) -> String {
    let mut hasher = sha1_smol::Sha1::new();
    let mut part = |name: &str, value: &str| {
        let value = value.replace("\r\n", "\n");
        // Each part named and measured, so no two contents run together into the same bytes.
        hasher.update(format!("{name} {}\n", value.len()).as_bytes());
        hasher.update(value.as_bytes());
        hasher.update(b"\n");
    };
    part("title", &front.title);
    part("summary", &front.summary);
    for source in &front.sources {
        part("source-title", &source.title);
        part("source-url", &source.url);
    }
    part("body", body.trim());
    let mut hex = hasher.digest().to_string();
    hex.truncate(super::front_matter::HASH_LEN);
    hex
}

/// The id git gives a file's bytes (`git hash-object`): SHA-1 of `blob LEN\0` and the bytes.
pub fn blob_id(bytes: &[u8]) -> String {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hasher.digest().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse, split};
    use std::path::Path;

    fn of(text: &str) -> String {
        let s = split(Path::new("t.md"), text).unwrap();
        digest(&parse(Path::new("t.md"), s.front, 2).unwrap(), s.body)
    }

    #[test]
    fn blob_ids_are_gits() {
        // `printf 'hello\n' | git hash-object --stdin`
        assert_eq!(
            blob_id(b"hello\n"),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(blob_id(b""), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
    }

    #[test]
    fn the_digest_follows_the_words_only() {
        let a = of("+++\ntitle = \"A\"\ndate = 2026-02-06\nsummary = \"s\"\n+++\n\nBody.\n");
        let published = of(
            "+++\ntitle = \"A\"\ndate = 2026-02-06\nsummary = \"s\"\ndraft = false\nupdated = 2026-02-07\ntags = [\"x\"]\n+++\nBody.",
        );
        let crlf = of(
            "+++\r\ntitle = \"A\"\r\ndate = 2026-02-06\r\nsummary = \"s\"\r\n+++\r\n\r\nBody.\r\n",
        );
        assert_eq!(a, published);
        assert_eq!(a, crlf);
        assert_eq!(a.len(), 16);
        let edited = of("+++\ntitle = \"A\"\ndate = 2026-02-06\nsummary = \"s\"\n+++\n\nBody!\n");
        let retitled = of("+++\ntitle = \"B\"\ndate = 2026-02-06\nsummary = \"s\"\n+++\n\nBody.\n");
        assert_ne!(a, edited);
        assert_ne!(a, retitled);
    }
}

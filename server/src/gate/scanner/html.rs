//! The visible text of rendered HTML, so the gate can scan what a reader of a page
//! actually sees (the rendered Markdown of updates) as well as its source.

use super::normalise::decode_references;

/// The text a reader sees in rendered HTML: tags, comments, scripts and styles removed,
/// block elements turned into line breaks, character references decoded. The portal scans
/// this too (the rendered Markdown of updates). Attribute values (link targets, image
/// sources) are not visible text and are not included: the Markdown source, where they
/// appear, is scanned as well.
pub fn visible_text_of_html(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "dd",
        "dt",
        "dl",
        "figcaption",
        "caption",
        "nav",
        "aside",
        "main",
        "address",
    ];
    let mut text = String::with_capacity(html.len());
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let b = html.as_bytes();
    while i < b.len() {
        if b[i] != b'<' {
            let next = html[i..].find('<').map(|o| i + o).unwrap_or(b.len());
            text.push_str(&html[i..next]);
            i = next;
            continue;
        }
        let rest = &lower[i..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map(|o| i + o + 3).unwrap_or(b.len());
            continue;
        }
        let tag_start = i + 1;
        let closing = b.get(tag_start) == Some(&b'/');
        let name_start = if closing { tag_start + 1 } else { tag_start };
        let name_end =
            lower[name_start..].find(|c: char| !c.is_ascii_alphanumeric()).map(|o| name_start + o).unwrap_or(b.len());
        let name = &lower[name_start..name_end];
        let starts_tag = !name.is_empty() && name.as_bytes()[0].is_ascii_alphabetic()
            || b.get(tag_start).is_some_and(|&c| c == b'!' || c == b'?');
        if !starts_tag {
            text.push('<');
            i += 1;
            continue;
        }
        // The end of the tag, skipping quoted attribute values.
        let mut j = name_end;
        let mut quote = 0u8;
        while j < b.len() {
            let c = b[j];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                break;
            }
            j += 1;
        }
        i = (j + 1).min(b.len());
        if !closing && (name == "script" || name == "style") {
            let end_tag = format!("</{name}");
            i = lower[i..].find(&end_tag).map(|o| i + o).unwrap_or(b.len());
            continue;
        }
        if BLOCKS.contains(&name) {
            text.push('\n');
        } else if name == "td" || name == "th" {
            text.push(' ');
        }
    }
    decode_references(&text)
}

#[cfg(test)]
mod tests {
    use super::super::Scanner;
    use super::*;
    use crate::gate::policy::Policy;

    #[test]
    fn visible_text_of_html_strips_tags_and_decodes_references() {
        let html = "<p>The server is at 10&#46;20&#46;4&#46;17</p><script>var x = '10.0.0.1';</script>\
                    <!-- a comment --><ul><li>door code <b>4821</b></li></ul><p>Tom &amp; Jerry &lt;3</p>";
        let text = visible_text_of_html(html);
        assert!(text.contains("The server is at 10.20.4.17"), "{text:?}");
        assert!(!text.contains("var x"), "{text:?}");
        assert!(!text.contains("comment"), "{text:?}");
        assert!(text.contains("door code 4821"), "{text:?}");
        assert!(text.contains("Tom & Jerry <3"), "{text:?}");
        assert!(!text.contains('<') || text.contains("<3"));
        let p = Policy::missouri();
        let rules: Vec<&str> = Scanner::new(&p).scan("body", &text).into_iter().map(|f| f.rule).collect();
        assert!(rules.contains(&"ipv4") && rules.contains(&"access-code"), "{rules:?}");
        assert_eq!(visible_text_of_html("a < b and <a href=\"x>y\">link</a>"), "a < b and link");
    }
}

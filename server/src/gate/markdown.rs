//! Markdown for official updates, rendered once at publication and sanitised by
//! construction: raw HTML is shown as text, and links and images may only point at
//! http(s), mailto or site-relative addresses.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return true;
    }
    // Relative addresses and fragments, but nothing with a scheme (javascript:, data:…):
    // a colon is harmless only after the path, query or fragment has begun.
    match (lower.find(':'), lower.find(['/', '?', '#'])) {
        (None, _) => true,
        (Some(colon), Some(start)) => start < colon,
        (Some(_), None) => false,
    }
}

pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let dest_url = if safe_url(&dest_url) { dest_url } else { CowStr::from("#") };
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        }
        // Images would be third-party requests: show their description as text.
        Event::Start(Tag::Image { title, .. }) => Event::Text(title),
        Event::End(pulldown_cmark::TagEnd::Image) => Event::Text(CowStr::from("")),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        let html = render("# Title\n\nSome **bold** text and [a link](https://example.gov/x).");
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<strong>bold</strong>"));
        assert!(html.contains(r#"<a href="https://example.gov/x">"#));
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = render("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn dangerous_links_are_neutralised() {
        let html = render("[click](javascript:alert(1)) [data](data:text/html,hi) [ok](/audits)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains(r#"href="/audits""#));
    }

    #[test]
    fn images_become_text() {
        let html = render("![a tracking pixel](https://tracker.example/p.gif)");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("tracker.example"), "{html}");
    }

    mod properties {
        use super::super::render;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            /// Whatever an official types, the rendered body has no element the
            /// renderer did not make, no script, no event handler and no
            /// dangerous link, and rendering never panics.
            #[test]
            fn rendering_is_safe_for_any_text(text in "(\\PC|[<>&\"'()\\[\\]!#*_`\n:/=])*") {
                let html = render(&text);
                let lower = html.to_ascii_lowercase();
                prop_assert!(!lower.contains("<script"), "{}", html);
                prop_assert!(!lower.contains("<img"), "{}", html);
                prop_assert!(!lower.contains("<iframe"), "{}", html);
                prop_assert!(!lower.contains("href=\"javascript:"), "{}", html);
                prop_assert!(!lower.contains("href=\"data:"), "{}", html);
                prop_assert!(!lower.contains(" onerror="), "{}", html);
            }

            #[test]
            fn links_point_only_at_safe_addresses(scheme in "[a-zA-Z]{1,10}", rest in "[a-z0-9/:.]{0,20}") {
                let html = render(&format!("[x]({scheme}:{rest})"));
                let lower = scheme.to_ascii_lowercase();
                if !["http", "https", "mailto"].contains(&lower.as_str()) {
                    prop_assert!(!html.contains(&format!("href=\"{scheme}:")), "{}", html);
                }
            }
        }
    }
}

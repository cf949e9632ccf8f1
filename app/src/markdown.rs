//! What people write (idea bodies, challenge statements) is Markdown. It is
//! rendered with pulldown-cmark and then sanitised with ammonia, so whatever
//! HTML or script someone types comes out as harmless text or not at all.
//! Both are widely used, maintained crates; neither runs in the browser.

use std::sync::LazyLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Tags a text may produce: structure and emphasis, links, no images (an
/// image from elsewhere would tell another site who reads the page), no
/// headings above h3 (the page has its own h1 and h2).
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["img", "h1", "h2"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow noopener noreferrer ugc"));
    builder
});

/// The smaller set a comment may use: paragraphs, emphasis, links, lists,
/// quotes and code. No headings or tables: a comment is a conversation,
/// not a page.
static COMMENT_SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(
            [
                "p",
                "br",
                "em",
                "strong",
                "del",
                "a",
                "ul",
                "ol",
                "li",
                "blockquote",
                "code",
                "pre",
            ]
            .into_iter()
            .collect(),
        )
        .tag_attributes(
            [("a", ["href"].into_iter().collect())]
                .into_iter()
                .collect(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow noopener noreferrer ugc"));
    builder
});

/// A comment's Markdown to safe HTML, in the comment subset: a heading
/// becomes plain text in a paragraph.
pub fn render_comment(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(flatten_heading);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    COMMENT_SANITISER.clean(&html).to_string()
}

fn flatten_heading(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Heading { .. }) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Paragraph),
        other => other,
    }
}

/// Markdown to safe HTML.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let events = Parser::new_ext(markdown, options).map(demote_heading);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    SANITISER.clean(&html).to_string()
}

/// `#` becomes h3, `##` h4 and so on, so a body never competes with the
/// page's own headings.
fn demote_heading(event: Event<'_>) -> Event<'_> {
    let demote = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::{render, render_comment};

    #[test]
    fn comments_keep_the_conversation_subset_only() {
        let html = render_comment(
            "# Overskrift\n\n*Enig*, se [kart](https://kart.example.no)\n\n| a | b |\n|---|---|\n\n<img src=x onerror=alert(1)><script>alert(1)</script>\n\n> sitat",
        );
        assert!(html.contains("<p>Overskrift</p>"), "{html}");
        assert!(html.contains("<em>Enig</em>"));
        assert!(html.contains(r#"href="https://kart.example.no""#));
        assert!(html.contains("ugc"));
        assert!(html.contains("<blockquote>"));
        assert!(!html.contains("<h"), "{html}");
        assert!(!html.contains("<table"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!render_comment("[x](javascript:alert(1))").contains("javascript"));
    }

    #[test]
    fn markdown_becomes_html() {
        let html = render("Hei **alle**\n\n- en\n- to\n\n[Bærum](https://www.baerum.kommune.no)");
        assert!(html.contains("<strong>alle</strong>"));
        assert!(html.contains("<li>en</li>"));
        assert!(html.contains(r#"href="https://www.baerum.kommune.no""#));
        assert!(html.contains("nofollow"));
    }

    #[test]
    fn scripts_and_tricks_do_not_survive() {
        for attack in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klikk](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<p onclick=\"alert(1)\">x</p>",
            "![bilde](https://tracker.example/pixel.png)",
        ] {
            let html = render(attack);
            for bad in [
                "<script",
                "onerror",
                "javascript:",
                "<iframe",
                "onclick",
                "<img",
            ] {
                assert!(!html.contains(bad), "{attack} gave {html}");
            }
        }
    }

    #[test]
    fn headings_stay_below_the_page_headings() {
        let html = render("# Stor\n\n## Mindre");
        assert!(html.contains("<h3>Stor</h3>"));
        assert!(html.contains("<h4>Mindre</h4>"));
    }
}

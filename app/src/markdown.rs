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

/// Markdown as plain text, for an email's text part and short excerpts:
/// the words, paragraphs and list items kept, a link's address after its
/// words, and any HTML someone typed left out (as the sanitiser leaves it
/// out of the page).
pub fn plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut out = String::with_capacity(markdown.len());
    let mut links: Vec<(String, usize)> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Rule => out.push_str("\n\n---\n\n"),
            Event::Start(Tag::List(first)) => {
                end_line(&mut out);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                out.push_str("\n\n");
            }
            Event::Start(Tag::Item) => {
                end_line(&mut out);
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(number)) => {
                        out.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                end_line(&mut out);
                out.push_str("> ");
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push((dest_url.to_string(), out.len()))
            }
            Event::End(TagEnd::Link) => {
                if let Some((href, start)) = links.pop() {
                    let shown = out.get(start..).unwrap_or_default();
                    let safe = ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|scheme| href.starts_with(scheme));
                    if safe && shown != href && !href.is_empty() {
                        out.push_str(&format!(" ({href})"));
                    }
                }
            }
            Event::End(TagEnd::TableCell) => out.push_str("  "),
            Event::End(TagEnd::TableHead | TagEnd::TableRow | TagEnd::Item) => end_line(&mut out),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::Table,
            ) => out.push_str("\n\n"),
            // Typed HTML, raw or inline, is not text.
            _ => {}
        }
    }
    tidy_lines(&out)
}

/// At most `max` characters of `text` on one line, cut after a whole word
/// and marked with "…" when something was left out.
pub fn excerpt(text: &str, max: usize) -> String {
    let line = crate::text::collapse_whitespace(text);
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max).collect();
    let words = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", words.trim_end_matches([',', '.', ';', ':']))
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// No trailing spaces, no more than one empty line in a row, no empty
/// lines at either end.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut empty_lines = 0;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            empty_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if empty_lines > 0 { "\n\n" } else { "\n" });
        }
        empty_lines = 0;
        out.push_str(line);
    }
    out
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
    use super::{excerpt, plain_text, render, render_comment};

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
    fn plain_text_keeps_the_words_and_drops_typed_html() {
        let text = plain_text(
            "Takk for **idéen**!\n\nVi gjør slik:\n\n- ser på stedet\n- snakker med [Ruter](https://ruter.no)\n\n<script>alert(1)</script>\n\nHilsen <b>Vei</b> og trafikk",
        );
        assert_eq!(
            text,
            "Takk for idéen!\n\nVi gjør slik:\n\n- ser på stedet\n- snakker med Ruter (https://ruter.no)\n\nHilsen Vei og trafikk"
        );
        assert!(!plain_text("[klikk](javascript:alert(1))").contains("javascript"));
        assert_eq!(plain_text("1. en\n2. to"), "1. en\n2. to");
    }

    #[test]
    fn an_excerpt_ends_after_a_whole_word() {
        assert_eq!(excerpt("Kort  svar.\n", 20), "Kort svar.");
        assert_eq!(
            excerpt("Vi ser på saken, og svarer snart.", 18),
            "Vi ser på saken…"
        );
        assert_eq!(excerpt(&"a".repeat(30), 10), format!("{}…", "a".repeat(10)));
    }

    #[test]
    fn headings_stay_below_the_page_headings() {
        let html = render("# Stor\n\n## Mindre");
        assert!(html.contains("<h3>Stor</h3>"));
        assert!(html.contains("<h4>Mindre</h4>"));
    }
}

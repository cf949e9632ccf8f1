//! The emails Samskap writes, in bokmål, nynorsk and English. The texts are
//! files under `app/templates/email/` (its README says how they are written),
//! compiled into the binary: a missing file fails the build, and the tests
//! below fail when the languages disagree on an email's placeholders.

use crate::i18n::Locale;

use super::message::OutgoingEmail;

/// An email and the values its text needs. Each variant's fields are exactly
/// its `{placeholders}`, so an email cannot be written with one missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailTemplate<'a> {
    /// Sent after registration; the link confirms the address is the resident's.
    VerifyEmail {
        name: &'a str,
        link: &'a str,
        hours: u32,
    },
    /// The link lets the resident choose a new password.
    ResetPassword {
        name: &'a str,
        link: &'a str,
        minutes: u32,
    },
    /// Sent to the old address after an account's address was changed, so the
    /// owner notices if someone else changed it.
    EmailChanged { name: &'a str, new_email: &'a str },
    /// One notification, sent at once (the person chose "immediately").
    Notification {
        name: &'a str,
        /// The sentence saying what happened.
        what: &'a str,
        /// The official response it carries (Markdown, whole): plain text
        /// in the text part, sanitised HTML in the HTML part.
        response: Option<&'a str>,
        link: &'a str,
        settings_link: &'a str,
        unsubscribe_link: &'a str,
    },
    /// A day's notifications in one email (the person chose "daily").
    Digest {
        name: &'a str,
        items: &'a [DigestItem],
        settings_link: &'a str,
        unsubscribe_link: &'a str,
    },
}

/// One line of the daily digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestItem {
    pub what: String,
    /// The official response it carries (Markdown, whole).
    pub response: Option<String>,
    pub link: String,
}

/// A placeholder's value as each part shows it: most values are plain text,
/// escaped for HTML; a list is written out for each part.
struct Value {
    text: String,
    html: String,
}

impl Value {
    fn plain(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            html: escape_html(&text),
            text,
        }
    }

    /// An official response under its label, or nothing: the text part
    /// gets it as plain text, the HTML part rendered and sanitised.
    fn response(markdown: Option<&str>, locale: Locale) -> Self {
        let Some(markdown) = markdown else {
            return Self::plain("");
        };
        let label = locale.messages().timeline_response;
        Self {
            text: format!("\n{label}:\n\n{}\n", crate::markdown::plain_text(markdown)),
            html: format!(
                "<p><strong>{}:</strong></p>\n<blockquote>{}</blockquote>\n",
                escape_html(label),
                crate::markdown::render(markdown)
            ),
        }
    }

    fn digest_items(items: &[DigestItem], locale: Locale) -> Self {
        let label = locale.messages().timeline_response;
        let text = items
            .iter()
            .map(|item| {
                let response = item
                    .response
                    .as_deref()
                    .map(|markdown| {
                        let indented =
                            crate::markdown::plain_text(markdown).replace('\n', "\n    ");
                        format!("\n  {label}:\n    {indented}")
                    })
                    .unwrap_or_default();
                format!("- {}{response}\n  {}", item.what, item.link)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let html = items
            .iter()
            .map(|item| {
                let response = item
                    .response
                    .as_deref()
                    .map(|markdown| {
                        format!(
                            "<p><strong>{}:</strong></p><blockquote>{}</blockquote>",
                            escape_html(label),
                            crate::markdown::render(markdown)
                        )
                    })
                    .unwrap_or_default();
                format!(
                    "<li><a href=\"{}\">{}</a>{response}</li>",
                    escape_html(&item.link),
                    escape_html(&item.what)
                )
            })
            .collect::<String>();
        Self {
            text,
            html: format!("<ul>{html}</ul>"),
        }
    }
}

impl EmailTemplate<'_> {
    /// The file name stem under `app/templates/email/`.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    fn kind(&self) -> Kind {
        match self {
            Self::VerifyEmail { .. } => Kind::VerifyEmail,
            Self::ResetPassword { .. } => Kind::ResetPassword,
            Self::EmailChanged { .. } => Kind::EmailChanged,
            Self::Notification { .. } => Kind::Notification,
            Self::Digest { .. } => Kind::Digest,
        }
    }

    fn values(&self, locale: Locale) -> Vec<(&'static str, Value)> {
        match *self {
            Self::VerifyEmail { name, link, hours } => vec![
                ("name", Value::plain(name)),
                ("link", Value::plain(link)),
                ("hours", Value::plain(hours.to_string())),
            ],
            Self::ResetPassword {
                name,
                link,
                minutes,
            } => vec![
                ("name", Value::plain(name)),
                ("link", Value::plain(link)),
                ("minutes", Value::plain(minutes.to_string())),
            ],
            Self::EmailChanged { name, new_email } => vec![
                ("name", Value::plain(name)),
                ("new_email", Value::plain(new_email)),
            ],
            Self::Notification {
                name,
                what,
                response,
                link,
                settings_link,
                unsubscribe_link,
            } => vec![
                ("name", Value::plain(name)),
                ("what", Value::plain(what)),
                ("response", Value::response(response, locale)),
                ("link", Value::plain(link)),
                ("settings_link", Value::plain(settings_link)),
                ("unsubscribe_link", Value::plain(unsubscribe_link)),
            ],
            Self::Digest {
                name,
                items,
                settings_link,
                unsubscribe_link,
            } => vec![
                ("name", Value::plain(name)),
                ("items", Value::digest_items(items, locale)),
                ("settings_link", Value::plain(settings_link)),
                ("unsubscribe_link", Value::plain(unsubscribe_link)),
            ],
        }
    }
}

/// Writes `template` in `locale` to `to`, ready for [`super::enqueue`].
pub fn render(template: EmailTemplate<'_>, locale: Locale, to: &str) -> OutgoingEmail {
    let files = template.kind().files(locale);
    let (subject, text) = split_subject(files.text);
    let values = template.values(locale);
    let text_values: Vec<(&str, String)> =
        values.iter().map(|(k, v)| (*k, v.text.clone())).collect();
    let html_values: Vec<(&str, String)> =
        values.iter().map(|(k, v)| (*k, v.html.clone())).collect();
    let content = fill(files.html, &html_values);
    let html = fill(
        LAYOUT,
        &[
            ("lang", locale.as_str().to_owned()),
            ("subject", escape_html(subject)),
            ("content", content.trim_end().to_owned()),
        ],
    );
    OutgoingEmail::new(
        to,
        template.name(),
        subject.to_owned(),
        fill(text, &text_values),
        html,
    )
    .with_header("Content-Language", locale.as_str())
}

const LAYOUT: &str = include_str!("../../../templates/email/layout.html");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    VerifyEmail,
    ResetPassword,
    EmailChanged,
    Notification,
    Digest,
}

struct Files {
    text: &'static str,
    html: &'static str,
}

/// The text and HTML files of one email in the three languages, in the
/// order of [`Locale::ALL`]. `include_str!` makes a missing file a build error.
macro_rules! files_of {
    ($name:literal) => {
        [
            files_of!(@one $name, "nb"),
            files_of!(@one $name, "nn"),
            files_of!(@one $name, "en"),
        ]
    };
    (@one $name:literal, $locale:literal) => {
        Files {
            text: include_str!(concat!("../../../templates/email/", $name, ".", $locale, ".txt")),
            html: include_str!(concat!("../../../templates/email/", $name, ".", $locale, ".html")),
        }
    };
}

const VERIFY_EMAIL: [Files; 3] = files_of!("verify_email");
const RESET_PASSWORD: [Files; 3] = files_of!("reset_password");
const EMAIL_CHANGED: [Files; 3] = files_of!("email_changed");
const NOTIFICATION: [Files; 3] = files_of!("notification");
const DIGEST: [Files; 3] = files_of!("digest");

impl Kind {
    #[cfg(test)]
    const ALL: [Kind; 5] = [
        Kind::VerifyEmail,
        Kind::ResetPassword,
        Kind::EmailChanged,
        Kind::Notification,
        Kind::Digest,
    ];

    fn name(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::EmailChanged => "email_changed",
            Self::Notification => "notification",
            Self::Digest => "digest",
        }
    }

    fn files(self, locale: Locale) -> &'static Files {
        let all = match self {
            Self::VerifyEmail => &VERIFY_EMAIL,
            Self::ResetPassword => &RESET_PASSWORD,
            Self::EmailChanged => &EMAIL_CHANGED,
            Self::Notification => &NOTIFICATION,
            Self::Digest => &DIGEST,
        };
        match locale {
            Locale::Nb => &all[0],
            Locale::Nn => &all[1],
            Locale::En => &all[2],
        }
    }
}

/// The `.txt` file starts with `Subject: ...` and a blank line.
fn split_subject(file: &'static str) -> (&'static str, &'static str) {
    let (first, rest) = file.split_once('\n').unwrap_or((file, ""));
    let subject = first.strip_prefix("Subject:").unwrap_or(first).trim();
    (subject, rest.trim_start_matches(['\r', '\n']))
}

/// Replaces every `{key}` with its value in one pass, so a value that itself
/// looks like a placeholder stays as it is. Unknown `{...}` stays too; the
/// tests make sure templates use only their own placeholders.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(name, _)| *name == key)
                .map(|(_, value)| (value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape_html(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Every `{identifier}` in a text.
    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(key, _)| key))
            .filter(|key| {
                !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
            .map(str::to_owned)
            .collect()
    }

    fn sample(kind: Kind) -> EmailTemplate<'static> {
        match kind {
            Kind::VerifyEmail => EmailTemplate::VerifyEmail {
                name: "Kari",
                link: "https://samskap.example.no/verify-email?token=abc",
                hours: 24,
            },
            Kind::ResetPassword => EmailTemplate::ResetPassword {
                name: "Kari",
                link: "https://samskap.example.no/reset-password?token=abc",
                minutes: 60,
            },
            Kind::EmailChanged => EmailTemplate::EmailChanged {
                name: "Kari",
                new_email: "kari@example.no",
            },
            Kind::Notification => EmailTemplate::Notification {
                name: "Kari",
                what: "Ola replied to your comment",
                response: None,
                link: "https://samskap.example.no/ideas/7#comment-3",
                settings_link: "https://samskap.example.no/notifications",
                unsubscribe_link: "https://samskap.example.no/unsubscribe?token=abc",
            },
            Kind::Digest => EmailTemplate::Digest {
                name: "Kari",
                items: SAMPLE_ITEMS.as_slice(),
                settings_link: "https://samskap.example.no/notifications",
                unsubscribe_link: "https://samskap.example.no/unsubscribe?token=abc",
            },
        }
    }

    static SAMPLE_ITEMS: std::sync::LazyLock<[DigestItem; 2]> = std::sync::LazyLock::new(|| {
        [
            DigestItem {
                what: "Ola replied to <your> comment".into(),
                response: None,
                link: "https://samskap.example.no/ideas/7#comment-3".into(),
            },
            DigestItem {
                what: "An idea you follow reached the support threshold".into(),
                response: None,
                link: "https://samskap.example.no/ideas/8".into(),
            },
        ]
    });

    #[test]
    fn a_digest_lists_every_item_in_both_parts() {
        let email = render(sample(Kind::Digest), Locale::En, "kari@example.no");
        assert!(email.text().contains(
            "- Ola replied to <your> comment\n  https://samskap.example.no/ideas/7#comment-3"
        ));
        assert!(email.html().contains("<li><a href=\"https://samskap.example.no/ideas/7#comment-3\">Ola replied to &lt;your&gt; comment</a></li>"));
        assert!(email.html().contains("https://samskap.example.no/ideas/8"));
    }

    #[test]
    fn every_language_has_the_same_placeholders_as_the_code_supplies() {
        for kind in Kind::ALL {
            let supplied: BTreeSet<String> = sample(kind)
                .values(Locale::Nb)
                .into_iter()
                .map(|(key, _)| key.to_owned())
                .collect();
            for locale in Locale::ALL {
                let files = kind.files(locale);
                let (subject, text) = split_subject(files.text);
                let where_ = format!("{}.{locale}", kind.name());
                assert!(
                    files.text.starts_with("Subject: ") && !subject.is_empty(),
                    "{where_}.txt must start with its subject line"
                );
                assert_eq!(placeholders(subject), BTreeSet::new(), "{where_}: subject");
                assert_eq!(placeholders(text), supplied, "{where_}.txt");
                assert_eq!(placeholders(files.html), supplied, "{where_}.html");
            }
        }
    }

    #[test]
    fn every_email_renders_completely_in_every_language() {
        for kind in Kind::ALL {
            for locale in Locale::ALL {
                let email = render(sample(kind), locale, "kari@example.no");
                let where_ = format!("{}.{locale}", kind.name());
                for part in [email.subject(), email.text(), email.html()] {
                    assert!(placeholders(part).is_empty(), "{where_}: {part}");
                }
                assert!(email.text().contains("Kari"), "{where_}");
                assert!(email.text().trim_end().ends_with("Samskap"), "{where_}");
                assert!(
                    email
                        .html()
                        .contains(&format!("<html lang=\"{}\">", locale.as_str())),
                    "{where_}"
                );
                assert!(
                    email
                        .html()
                        .contains(&format!("<title>{}</title>", email.subject())),
                    "{where_}"
                );
                assert!(!email.html().contains("<img"), "{where_}");
            }
        }
    }

    #[test]
    fn values_are_escaped_in_html_and_kept_in_text() {
        let email = render(
            EmailTemplate::EmailChanged {
                name: "Ola <b>& \"Kari\"</b>",
                new_email: "{link}@example.no",
            },
            Locale::Nn,
            "ola@example.no",
        );
        assert!(email.text().contains("Hei Ola <b>& \"Kari\"</b>,"));
        assert!(
            email
                .html()
                .contains("Hei Ola &lt;b&gt;&amp; &quot;Kari&quot;&lt;/b&gt;,")
        );
        // A value that looks like a placeholder is not filled in again.
        assert!(email.text().contains("{link}@example.no"));
    }

    #[test]
    fn the_link_reaches_both_parts_whole() {
        let link = "https://samskap.example.no/reset-password?token=a1&x=2";
        let email = render(
            EmailTemplate::ResetPassword {
                name: "Kari",
                link,
                minutes: 60,
            },
            Locale::En,
            "kari@example.no",
        );
        assert!(email.text().contains(&format!("\n{link}\n")));
        assert!(
            email
                .html()
                .contains("href=\"https://samskap.example.no/reset-password?token=a1&amp;x=2\"")
        );
        assert_eq!(email.subject(), "Reset your Samskap password");
        assert!(email.text().starts_with("Hi Kari,"));
    }

    #[test]
    fn an_official_response_reaches_the_text_as_text_and_the_html_sanitised() {
        let markdown = "Vi **bygger** benken.\n\n<script>alert(1)</script>\n\nSe [planen](https://example.no/plan).";
        let email = render(
            EmailTemplate::Notification {
                name: "Kari",
                what: "The municipality responded to the idea “Benker”.",
                response: Some(markdown),
                link: "https://samskap.example.no/ideas/7",
                settings_link: "https://samskap.example.no/notifications",
                unsubscribe_link: "https://samskap.example.no/unsubscribe?token=abc",
            },
            Locale::En,
            "kari@example.no",
        );
        assert!(
            email.text().contains(
                "“Benker”.\n\nThe municipality's response:\n\nVi bygger benken.\n\nSe planen (https://example.no/plan).\n\nSee more here:"
            ),
            "{}",
            email.text()
        );
        assert!(
            email.html().contains("<strong>bygger</strong>"),
            "{}",
            email.html()
        );
        for part in [email.text(), email.html()] {
            assert!(!part.contains("script"), "{part}");
        }
        let digest = render(
            EmailTemplate::Digest {
                name: "Kari",
                items: &[DigestItem {
                    what: "The idea “Benker” has a new status: Selected.".into(),
                    response: Some(markdown.into()),
                    link: "https://samskap.example.no/ideas/7".into(),
                }],
                settings_link: "https://samskap.example.no/notifications",
                unsubscribe_link: "https://samskap.example.no/unsubscribe?token=abc",
            },
            Locale::Nn,
            "kari@example.no",
        );
        assert!(
            digest
                .text()
                .contains("Svar frå kommunen:\n    Vi bygger benken."),
            "{}",
            digest.text()
        );
        assert!(digest.html().contains("<strong>bygger</strong>"));
        assert!(!digest.html().contains("script") && !digest.text().contains("script"));
    }

    #[test]
    fn filling_leaves_stray_braces_alone() {
        let values = [("a", "1".to_owned())];
        assert_eq!(fill("{a} {b} { {a", &values), "1 {b} { {a");
        assert_eq!(fill("}{a}{", &values), "}1{");
    }
}

//! The prose mask: which bytes of a document are prose.
//!
//! A mask is built as a byte buffer the same length as the text, where every
//! byte that is not prose is a space and every `\n` stays a `\n`. Bytes are
//! only ever kept or masked a whole character at a time, so the buffer is
//! valid UTF-8 and its character boundaries are the text's wherever bytes were
//! kept.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use regex::Regex;

/// A fully masked copy of `text`: spaces everywhere, newlines kept.
fn blank(text: &str) -> Vec<u8> {
    text.bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect()
}

/// Mask `range` of `buf` (spaces, newlines kept). The range is clamped to the
/// text and widened to whole characters of `text`.
pub(crate) fn mask_range(buf: &mut [u8], text: &str, range: Range<usize>) {
    let mut start = range.start.min(text.len());
    let mut end = range.end.min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    for b in &mut buf[start..end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

/// Copy `range` of `text` back into `buf`, if it lies on character
/// boundaries (a range that does not is left masked).
fn keep_range(buf: &mut [u8], text: &str, range: Range<usize>) {
    if range.start <= range.end
        && range.end <= text.len()
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end)
    {
        buf[range.clone()].copy_from_slice(&text.as_bytes()[range]);
    }
}

/// Turn a mask buffer into a `String`. The buffer is valid UTF-8 by
/// construction; should that ever fail, fall back to a full mask rather than
/// panic.
pub(crate) fn finish(buf: Vec<u8>, text: &str) -> String {
    String::from_utf8(buf).unwrap_or_else(|_| {
        debug_assert!(false, "prose mask is not valid UTF-8");
        // `blank` only produces ASCII.
        String::from_utf8(blank(text)).unwrap_or_default()
    })
}

fn url_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?i)\b(?:https?://|www\.)[^\s<>"'`)\]}\u{201C}\u{201D}\u{2018}\u{2019}\u{00AB}\u{00BB}]+"#,
        )
        .expect("URL regex compiles")
    })
}

fn email_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:mailto:)?[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
            .expect("email regex compiles")
    })
}

/// Byte ranges of URLs and email addresses in `text`. A URL runs up to
/// whitespace, a closing bracket or a quote; trailing `.,;:!?` are not part
/// of it.
pub fn link_like_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Every URL holds "://" or "www." (in any case): most texts need no scan of the regex.
    let urls = if may_hold_a_url(text.as_bytes()) {
        url_regex().find_iter(text).collect()
    } else {
        Vec::new()
    };
    for m in urls {
        let trimmed = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
        // A bare `www.` or `https://` with nothing after it is not a URL.
        let scheme_only = trimmed.eq_ignore_ascii_case("www")
            || trimmed.eq_ignore_ascii_case("http://")
            || trimmed.eq_ignore_ascii_case("https://");
        if !trimmed.is_empty() && !scheme_only {
            out.push(m.start()..m.start() + trimmed.len());
        }
    }
    // Every address holds an '@': most texts need no scan of the (prefix-less) regex.
    if memchr::memchr(b'@', text.as_bytes()).is_none() {
        return out;
    }
    for m in email_regex().find_iter(text) {
        let trimmed = m.as_str().trim_end_matches(['.', '-']);
        out.push(m.start()..m.start() + trimmed.len());
    }
    out
}

/// Whether `b` holds "://" or "www." in any case, as every match of
/// [`url_regex`] does: two searches for rare byte pairs, far quicker than the regex.
fn may_hold_a_url(b: &[u8]) -> bool {
    let www_before = |at: usize| {
        at >= 2 && b[at - 2].eq_ignore_ascii_case(&b'w') && b[at - 1].eq_ignore_ascii_case(&b'w')
    };
    memchr::memmem::find(b, b"://").is_some()
        || memchr::memmem::find_iter(b, b"w.").any(www_before)
        || memchr::memmem::find_iter(b, b"W.").any(www_before)
}

/// Prose mask for plain text: everything but URLs and email addresses.
/// `skip` (front matter, byte order mark) is masked too. `None` when every
/// byte is prose (most texts): the caller shares the text, not a copy.
pub fn text_prose_masked(text: &str, skip: &[Range<usize>]) -> Option<String> {
    let links = link_like_ranges(text);
    if links.is_empty() && skip.is_empty() {
        return None;
    }
    let mut buf = text.as_bytes().to_vec();
    for r in links {
        mask_range(&mut buf, text, r);
    }
    for r in skip {
        mask_range(&mut buf, text, r.clone());
    }
    Some(finish(buf, text))
}

/// Prose mask for Markdown, parsing `text[body_start..]` (everything after
/// the front matter). Prose is the text of `Text` events outside code
/// blocks, HTML blocks and autolinks; bare URLs and email addresses in it
/// are masked, as is everything in `skip`.
pub fn markdown_prose(text: &str, body_start: usize, skip: &[Range<usize>]) -> String {
    let mut buf = blank(text);
    let body_start = if text.is_char_boundary(body_start) {
        body_start
    } else {
        0
    };
    let body = &text[body_start..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    // Depth of containers whose text is not prose.
    let mut opaque = 0usize;
    // One entry per open link: whether it is an autolink.
    let mut links: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => opaque += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                opaque = opaque.saturating_sub(1)
            }
            Event::Start(Tag::Link { link_type, .. }) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                if auto {
                    opaque += 1;
                }
                links.push(auto);
            }
            Event::End(TagEnd::Link) => {
                let was_auto = links.pop() == Some(true);
                opaque = opaque.saturating_sub(usize::from(was_auto));
            }
            Event::Text(_) if opaque == 0 => keep_range(&mut buf, text, range),
            // Code, InlineHtml, Html, FootnoteReference, TaskListMarker,
            // breaks and rules are not prose: they stay masked.
            _ => {}
        }
    }
    for r in link_like_ranges(text) {
        mask_range(&mut buf, text, r);
    }
    for r in skip {
        mask_range(&mut buf, text, r.clone());
    }
    finish(buf, text)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn md(s: &str) -> String {
        markdown_prose(s, 0, &[])
    }

    fn txt(s: &str) -> String {
        text_prose_masked(s, &[]).unwrap_or_else(|| s.to_owned())
    }

    proptest::proptest! {
        /// The quick test before the URL regex never turns away a text the
        /// regex finds a URL in.
        #[test]
        fn the_url_gate_passes_every_text_with_a_url(
            s in "(([wW]{1,3}\\.?)|([hH][tT][tT][pP][sS]?:?/{0,2})|([a-z:/. ]{1,3})){0,6}"
        ) {
            if url_regex().is_match(&s) {
                proptest::prop_assert!(may_hold_a_url(s.as_bytes()), "{s:?}");
            }
        }
    }

    #[test]
    fn the_url_gate() {
        for (text, may) in [
            ("see WWW.example.org", true),
            ("Www.x", true),
            ("at https://a.b", true),
            ("the new. show", false),
            ("ww. and w.", false),
            ("no link here", false),
        ] {
            assert_eq!(may_hold_a_url(text.as_bytes()), may, "{text}");
        }
    }

    /// `s` with the first occurrence of each of `parts` (in order, left to
    /// right) replaced by spaces.
    pub(crate) fn blank_out(s: &str, parts: &[&str]) -> String {
        let mut out = s.to_string();
        let mut from = 0;
        for part in parts {
            let at = from + out[from..].find(part).expect("part present");
            let spaces: String = part
                .chars()
                .map(|c| {
                    if c == '\n' {
                        "\n".to_string()
                    } else {
                        " ".repeat(c.len_utf8())
                    }
                })
                .collect();
            out.replace_range(at..at + part.len(), &spaces);
            from = at + part.len();
        }
        out
    }

    #[test]
    fn url_masked_trailing_period_kept() {
        let s = "See https://example.com/a. Then";
        assert_eq!(txt(s), blank_out(s, &["https://example.com/a"]));
    }

    #[test]
    fn www_url_masked() {
        assert_eq!(txt("at www.example.com, now"), "at                , now");
    }

    #[test]
    fn url_stops_at_closing_bracket() {
        assert_eq!(txt("(http://x.org/2024)."), "(                 ).");
    }

    #[test]
    fn email_masked() {
        assert_eq!(txt("mail jo@example.org."), "mail               .");
    }

    #[test]
    fn url_with_unicode_masked_whole_chars() {
        let s = "go https://é.example/ü then";
        let p = txt(s);
        assert_eq!(p.len(), s.len());
        assert!(p.starts_with("go ") && p.ends_with(" then"));
        assert!(!p.contains('é') && !p.contains('ü'));
    }

    #[test]
    fn code_fence_masked() {
        let p = md("Before\n\n```\n2024-01-01\n```\n");
        assert!(!p.contains("2024"));
        assert!(p.contains("Before"));
    }

    #[test]
    fn indented_code_masked() {
        assert!(!md("Text\n\n    2024-01-01\n").contains("2024"));
    }

    #[test]
    fn inline_code_masked() {
        assert_eq!(md("on `2024` ok"), "on        ok");
    }

    #[test]
    fn link_text_kept_target_masked() {
        assert_eq!(
            md("[in 2024](https://x.org/2023 \"t 2022\")"),
            " in 2024                              "
        );
    }

    #[test]
    fn autolink_masked() {
        let s = "see <https://x.org/2024>";
        assert_eq!(md(s), blank_out(s, &["<https://x.org/2024>"]));
        let s = "mail <a@b.org>";
        assert_eq!(md(s), blank_out(s, &["<a@b.org>"]));
    }

    #[test]
    fn html_comment_masked() {
        let s = "a <!-- 2024 --> b";
        assert_eq!(md(s), blank_out(s, &["<!-- 2024 -->"]));
        assert!(!md("<!--\n2024\n-->\n\ntext\n").contains("2024"));
    }

    #[test]
    fn inline_and_block_html_masked() {
        assert_eq!(
            md("a <span title=\"2024\">x</span>"),
            "a                    x       "
        );
        assert!(!md("<div>\n2024\n</div>\n").contains("2024"));
    }

    #[test]
    fn heading_text_kept_markup_masked() {
        assert_eq!(md("## In 2024\n"), "   In 2024\n");
    }

    #[test]
    fn emphasis_list_quote_markup_masked() {
        assert_eq!(md("- *May* 2024\n"), "   May  2024\n");
        assert_eq!(md("> **Q1**\n"), "    Q1  \n");
    }

    #[test]
    fn image_alt_kept() {
        assert_eq!(md("![May 2024](a.png)"), "  May 2024        ");
    }

    #[test]
    fn reference_definition_masked() {
        let p = md("[x] in 2024\n\n[x]: http://x.org/2023 \"2022\"\n");
        assert!(p.contains("2024"));
        assert!(!p.contains("2023") && !p.contains("2022"));
    }

    #[test]
    fn table_cells_kept_pipes_masked() {
        let p = md("| a | b |\n|---|---|\n| 2024 | 5% |\n");
        assert!(p.contains("2024") && p.contains("5%"));
        assert!(!p.contains('|'));
    }

    #[test]
    fn bare_url_in_markdown_masked() {
        assert_eq!(md("see http://x.org/2024."), "see                  .");
    }

    #[test]
    fn entity_range_copied_from_original() {
        assert_eq!(md("A &amp; B"), "A &amp; B");
    }

    #[test]
    fn footnotes_and_strikethrough() {
        let p = md("Text[^1] ~~2023~~\n\n[^1]: In 2024.\n");
        assert!(p.contains("2023") && p.contains("In 2024."));
        assert!(!p.contains("[^1]"));
    }
}

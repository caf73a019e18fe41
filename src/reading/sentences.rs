//! Sentences and their segments, as an editor would see them: a hard-wrapped
//! line is one line with the unwrapped one, a blank line or a Markdown list item
//! starts afresh, and "Jan.", "U.S." or "p.m." do not end a sentence.

use std::ops::Range;

/// Words that a full stop follows without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "gov", "sen", "rep", "gen", "col", "lt", "sgt", "capt", "no", "nos",
    "inc", "co", "corp", "ltd", "jr", "sr", "vs", "mt", "ft", "prof", "rev", "approx", "est",
    "a.m", "p.m", "u.s", "u.k", "u.n", "e.g", "i.e", "cf", "fig", "vol", "op",
];

/// The sentences of `prose`, as byte ranges with no space at either end.
#[must_use]
pub fn split(prose: &str) -> Vec<Range<usize>> {
    let b = prose.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        // Jump to the next byte that can end a sentence.
        match memchr::memchr3(b'\n', b'.', b'!', &b[i..]).map(|k| i + k) {
            Some(k) => {
                // '?' is rarer: look for it only up to the next other mark.
                i = memchr::memchr(b'?', &b[i..k]).map_or(k, |q| i + q);
            }
            None => match memchr::memchr(b'?', &b[i..]) {
                Some(q) => i += q,
                None => break,
            },
        }
        match b[i] {
            b'\n' => {
                // A blank line, or a line that opens a list item, heading or table row.
                let mut j = i + 1;
                while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                    j += 1;
                }
                if j >= b.len() || b[j] == b'\n' || opens_block(&prose[j..]) {
                    push(prose, &mut out, start..i);
                    start = i + 1;
                }
            }
            b'.' | b'!' | b'?' => {
                // Closing quotes and brackets belong to the sentence they end.
                let mut j = i + 1;
                while j < b.len() {
                    let rest = &prose[j..];
                    if let Some(c) = rest
                        .chars()
                        .next()
                        .filter(|c| matches!(c, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}'))
                    {
                        j += c.len_utf8();
                    } else {
                        break;
                    }
                }
                let spaced = j >= b.len() || prose[j..].starts_with(char::is_whitespace);
                if spaced && b[i] == b'.' && abbreviation_before(prose, i) {
                    // "Jan. 6", "U.S. officials": a sentence goes on after them.
                    let next = prose[j..].trim_start();
                    let capital_next = next
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c == '"' || c == '\u{201c}');
                    let word = word_before(prose, i).to_ascii_lowercase();
                    // "at 4 p.m. The storm …": an a.m. or p.m. before a capital ends it.
                    if !(capital_next
                        && (word == "a.m" || word == "p.m")
                        && !starts_with_name(next))
                    {
                        i = j;
                        continue;
                    }
                }
                if spaced && !decimal_or_version(prose, i) {
                    push(prose, &mut out, start..j);
                    start = j;
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    push(prose, &mut out, start..prose.len());
    out
}

/// A month or weekday name: "at 6 p.m. Monday" goes on.
fn starts_with_name(next: &str) -> bool {
    let w: String = next
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        w.as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "aug"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "et"
            | "gmt"
            | "utc"
            | "bst"
            | "est"
            | "edt"
            | "pst"
            | "pdt"
    )
}

/// "3.5", "v2.1": a stop between digits is no full stop (only reached when spaced).
fn decimal_or_version(prose: &str, i: usize) -> bool {
    let b = prose.as_bytes();
    i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit()
}

/// The word right before byte `i`, dots inside it kept ("U.S").
fn word_before(prose: &str, i: usize) -> &str {
    let head = &prose[..i];
    let from = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '.'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    &head[from..]
}

fn abbreviation_before(prose: &str, i: usize) -> bool {
    let w = word_before(prose, i);
    if w.is_empty() {
        return false;
    }
    // An initial: "J. K. Rowling".
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    let low = w.to_ascii_lowercase();
    ABBREVIATIONS.contains(&low.as_str())
}

/// A line that opens a Markdown block of its own: "- ", "* ", "1. ", "#", "|", ">".
fn opens_block(line: &str) -> bool {
    let b = line.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+') => b.get(1) == Some(&b' '),
        Some(b'#' | b'|' | b'>') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(digits), Some(b'.' | b')')) && b.get(digits + 1) == Some(&b' ')
        }
        _ => false,
    }
}

fn push(prose: &str, out: &mut Vec<Range<usize>>, r: Range<usize>) {
    let t = &prose[r.clone()];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if r.start + lead < r.end - trail {
        out.push(r.start + lead..r.end - trail);
    }
}

/// The sentence of byte `at`: the index of the last sentence starting at or before it.
#[must_use]
pub fn index_of(sentences: &[Range<usize>], at: usize) -> usize {
    sentences
        .partition_point(|s| s.start <= at)
        .saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn stops_abbreviations_and_blank_lines() {
        let t = "Kyiv said on Jan. 6 it attacked. U.S. officials disagreed.\n\nThe storm came ashore at 4:50 p.m. on Wednesday. It weakened at 6 p.m. The rain went on.";
        assert_eq!(
            texts(t),
            [
                "Kyiv said on Jan. 6 it attacked.",
                "U.S. officials disagreed.",
                "The storm came ashore at 4:50 p.m. on Wednesday.",
                "It weakened at 6 p.m.",
                "The rain went on."
            ]
        );
    }

    #[test]
    fn a_wrapped_line_reads_as_the_unwrapped_one() {
        let wrapped = "Night-time temperatures fell as low as -5C (23F), and the shelters ran\nshort of heaters. The zone was cut to 3 km.";
        let flat = wrapped.replace('\n', " ");
        assert_eq!(split(wrapped), split(&flat));
    }

    #[test]
    fn list_items_and_quotes() {
        let t = "Figures:\n- 11 deaths in all\n- 4,100 homes lost\n\n\"It was awful.\" She left.";
        assert_eq!(
            texts(t),
            [
                "Figures:",
                "- 11 deaths in all",
                "- 4,100 homes lost",
                "\"It was awful.\"",
                "She left."
            ]
        );
    }

    proptest! {
        #[test]
        fn sentences_are_ordered_slices(t in "[a-zA-Z0-9 .!?\\n\"”—-]{0,120}") {
            let s = split(&t);
            let mut end = 0;
            for r in &s {
                prop_assert!(r.start >= end && r.start < r.end && r.end <= t.len());
                prop_assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
                end = r.end;
            }
            for r in &s {
                prop_assert_eq!(index_of(&s, r.start), s.iter().position(|x| x == r).unwrap());
            }
        }
    }
}

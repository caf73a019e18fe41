//! Datelines and byline dates: the date a document gives itself near its top.
//!
//! Recognised, within the first lines of prose: a full date alone on its line
//! (a byline date under the title, "January 07, 2025"); a full date after
//! `date`, `Updated:`, `Published:`, `Posted`; a full date opening the text
//! ("2025-01-07 Ukraine said …"); a wire dateline with a year ("NAIROBI, Feb.
//! 9, 2025 (Reuters) -", "… /PRNewswire/ --"). A wire dateline without a year
//! ("KYIV, Jan 7 (Reuters) -") cannot give a year and is not used.

use chrono::NaiveDate;

use crate::extract::{DateExpr, Expr, Mention, YearSpec};
use crate::source::Document;

/// How far into the document a dateline may sit.
const DATELINE_REACH: usize = 1200;
// `resolve::run` looks for the dateline in the first chunk's mentions only.
const _: () = assert!(DATELINE_REACH < crate::extract::CHUNK_BYTES);

/// "NAIROBI, Feb. 9, 2025 (Reuters) -", "WASHINGTON, Jan. 7, 2025 /PRNewswire/ --",
/// "LAKEPORT, Ohio, September 15, 2024 /PRNewswire/ --": a place in capitals,
/// the date, then the agency or the dash that opens the story.
fn wire_dateline(before: &str, after: &str) -> bool {
    let Some(place) = before.strip_suffix(',') else {
        return false;
    };
    let first = place.split(',').next().unwrap_or("").trim();
    let capitals = first.chars().any(char::is_alphabetic)
        && first
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'');
    let agency = after.starts_with('(')
        || after.starts_with('/')
        || after.starts_with("--")
        || after.starts_with('\u{2014}')
        || after.starts_with('\u{2013}')
        || after.starts_with("- ");
    capitals && place.len() <= 60 && agency
}

/// Finds the dateline date of `doc` among its extracted `mentions`.
pub(super) fn find(doc: &Document, mentions: &[Mention]) -> Option<NaiveDate> {
    let text = &doc.prose;
    for m in mentions
        .iter()
        .take_while(|m| m.span.start < DATELINE_REACH)
    {
        let Expr::Date(DateExpr::Calendar {
            year: YearSpec::Year(y),
            month: Some(mo),
            day: Some(d),
            ..
        }) = &m.expr
        else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(*y, *mo, *d) else {
            continue;
        };
        let line_start = text[..m.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[m.span.end..]
            .find('\n')
            .map_or(text.len(), |i| m.span.end + i);
        let before = text[line_start..m.span.start].trim();
        let after = text[m.span.end..line_end].trim();
        let before_l = before.to_ascii_lowercase();
        let cue = [
            "date",
            "dated",
            "updated",
            "updated:",
            "published",
            "published:",
            "posted",
            "posted:",
            "last updated",
            "last updated:",
            "published on",
            "posted on",
            "updated on",
        ];
        // A hard-wrapped sentence can put a date at the start of a line ("… in
        // R.N. Koch Inc since⏎Feb 8, 1985."): that date goes on a sentence.
        let prev_line = text[..line_start].trim_end_matches(['\n', '\r', ' ', '\t']);
        let continues = !text[..line_start].ends_with("\n\n")
            && prev_line
                .chars()
                .last()
                .is_some_and(|c| c.is_lowercase() || c == ',' || c.is_ascii_digit());
        let alone = before.is_empty()
            && !continues
            && (after.is_empty() || after.len() < 20 && !after.contains(' '));
        let after_cue = cue.iter().any(|c| before_l.ends_with(c)) && before.len() < 40;
        let opens_text = before.is_empty() && m.span.start == text.len() - text.trim_start().len();
        let byline_time = before.is_empty()
            && (after.starts_with(|c: char| c.is_ascii_digit())
                || after.starts_with('|')
                || after.starts_with('-')
                || after.starts_with('·'))
            && after.len() < 40;
        if alone || after_cue || opens_text || byline_time || wire_dateline(before, after) {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod wire_tests {
    use super::wire_dateline;

    #[test]
    fn a_wrapped_line_that_starts_with_a_date_is_no_dateline() {
        use crate::source::{Document, Format};
        let text = "ARTRA GROUP 4TH QTR LOSS\n\nNORTHFIELD, Ill., March 31 - Loss 1.60 dlrs\n    NOTE: 1985 includes interest in Koch Inc since\nFeb 8, 1985.\n";
        let doc = Document::from_text("r.txt", text.into(), Format::Text);
        let m = crate::extract::extract(&doc.prose, &crate::lexicon::DEFAULT, &Default::default());
        assert_eq!(super::find(&doc, &m), None);
        let byline = "Storm hits coast\n\nFebruary 8, 1985\n\nThe storm hit on Friday.\n";
        let doc = Document::from_text("b.txt", byline.into(), Format::Text);
        let m = crate::extract::extract(&doc.prose, &crate::lexicon::DEFAULT, &Default::default());
        assert_eq!(
            super::find(&doc, &m).map(|d| d.to_string()).as_deref(),
            Some("1985-02-08")
        );
    }

    #[test]
    fn wire_datelines_with_a_year() {
        assert!(wire_dateline(
            "NAIROBI,",
            "(Reuters) - Kenya's central bank"
        ));
        assert!(wire_dateline("WASHINGTON,", "/PRNewswire/ -- Acme Corp."));
        assert!(wire_dateline("LAKEPORT, Ohio,", "/PRNewswire/ -- The race"));
        assert!(wire_dateline("LONDON,", "\u{2014} Police said"));
        assert!(!wire_dateline("Officials said on", "that talks"));
        assert!(!wire_dateline("In Nairobi,", "(Reuters) -"));
        assert!(!wire_dateline("", "(Reuters) -"));
    }
}

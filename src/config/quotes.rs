//! Typographic quotes in a user's patterns: a `reckon.yaml` typed with a
//! straight apostrophe ("Trump's inauguration") must match a story set with
//! a curly one ("Trump’s"), and the reverse, since editors and CMSs convert
//! them behind the writer's back.

use std::borrow::Cow;

use regex_syntax::ast::{self, Ast, ClassSetItem};

/// The characters one quote may be written as.
const GROUPS: [&str; 2] = [
    r"\x{27}\x{2018}\x{2019}\x{2BC}",
    r#"\x{22}\x{201C}\x{201D}"#,
];

fn group(c: char) -> Option<&'static str> {
    match c {
        '\'' | '\u{2018}' | '\u{2019}' | '\u{2BC}' => Some(GROUPS[0]),
        '"' | '\u{201C}' | '\u{201D}' => Some(GROUPS[1]),
        _ => None,
    }
}

/// Where quotes are written in a pattern: byte range, the characters to
/// put there, and whether it is already inside a class.
struct Finder(Vec<(usize, usize, &'static str, bool)>);

impl ast::Visitor for Finder {
    type Output = Vec<(usize, usize, &'static str, bool)>;
    type Err = ();

    fn finish(self) -> Result<Self::Output, ()> {
        Ok(self.0)
    }

    fn visit_pre(&mut self, a: &Ast) -> Result<(), ()> {
        if let Ast::Literal(l) = a {
            if let Some(g) = group(l.c) {
                self.0
                    .push((l.span.start.offset, l.span.end.offset, g, false));
            }
        }
        Ok(())
    }

    fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
        if let ClassSetItem::Literal(l) = item {
            if let Some(g) = group(l.c) {
                self.0
                    .push((l.span.start.offset, l.span.end.offset, g, true));
            }
        }
        Ok(())
    }
}

/// `pattern` with every straight or curly quote it matches literally made to
/// match any way of writing that quote. A pattern that does not parse is
/// returned as it is, for the regex crate to report.
#[must_use]
pub fn tolerant(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains(|c| group(c).is_some()) {
        return Cow::Borrowed(pattern);
    }
    let Ok(parsed) = ast::parse::Parser::new().parse(pattern) else {
        return Cow::Borrowed(pattern);
    };
    let Ok(spots) = ast::visit(&parsed, Finder(Vec::new())) else {
        return Cow::Borrowed(pattern);
    };
    if spots.is_empty() {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + spots.len() * 24);
    let mut at = 0;
    for (start, end, chars, in_class) in spots {
        if start < at || end > pattern.len() {
            return Cow::Borrowed(pattern);
        }
        out.push_str(&pattern[at..start]);
        if in_class {
            out.push_str(chars);
        } else {
            out.push('[');
            out.push_str(chars);
            out.push(']');
        }
        at = end;
    }
    out.push_str(&pattern[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        regex::Regex::new(&tolerant(pattern))
            .unwrap()
            .is_match(text)
    }

    #[test]
    fn a_straight_quote_matches_a_curly_one_and_the_reverse() {
        assert!(matches("Trump's inauguration", "Trump’s inauguration"));
        assert!(matches("Trump’s inauguration", "Trump's inauguration"));
        assert!(matches(
            r#"the "special military operation""#,
            "the “special military operation”"
        ));
        assert!(matches(
            r"Trump\'s (?:swearing-in|inauguration)",
            "Trump’s swearing-in"
        ));
        assert!(!matches("Trump's inauguration", "Trumps inauguration"));
    }

    #[test]
    fn quotes_in_classes_and_under_repetition() {
        assert!(matches("Trump'?s day", "Trump’s day"));
        assert!(matches("Trump'?s day", "Trumps day"));
        assert!(matches("o[’x]clock", "o'clock"));
        assert!(!matches("[^'’]+'s", "’’s"));
    }

    #[test]
    fn a_pattern_without_quotes_or_that_does_not_parse_is_left_alone() {
        assert!(matches!(tolerant("crossed into Kursk"), Cow::Borrowed(_)));
        assert_eq!(tolerant("it's (unclosed"), "it's (unclosed");
    }
}

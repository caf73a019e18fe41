//! Relations between a duration and a date or event ("five months since the
//! incursion", "two weeks before the vote"), linked after the chunk's
//! mentions are found (`link_relations`), with the project's own trigger
//! words (`triggers:` in `reckon.yaml`).

use super::*;

/// A user trigger (`triggers:` in `reckon.yaml`) matching right after a duration
/// that ends at byte `at`: the relation and how many tokens from `j` it covers.
fn user_trigger(c: &Cursor<'_>, at: usize, j: usize) -> Option<(RelationKind, usize)> {
    let rest = c.text.get(at..)?;
    let lead = rest.len() - rest.trim_start().len();
    for t in c.opts.triggers.iter() {
        if let Some(m) = match_at_start(&t.pattern, &rest[lead..]) {
            if m > 0 {
                let end = at + lead + m;
                let covered = c.toks[j..].iter().take_while(|tok| tok.end <= end).count();
                if covered > 0 {
                    return Some((t.relation, covered));
                }
            }
        }
    }
    None
}

thread_local! {
    /// User trigger patterns compiled for anchored search, by pattern text.
    static ANCHORED_TRIGGERS: std::cell::RefCell<Vec<(String, Option<regex_automata::meta::Regex>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The end of the match of `pattern` that starts at the start of `hay`, if
/// there is one: the match `pattern.find(hay)` gives when it starts there
/// (the same leftmost-first rules), found without searching the rest of `hay`
/// for a match further on (once every duration searched the rest of the text).
fn match_at_start(pattern: &regex::Regex, hay: &str) -> Option<usize> {
    ANCHORED_TRIGGERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let i = match cache.iter().position(|(p, _)| p == pattern.as_str()) {
            Some(i) => i,
            None => {
                if cache.len() >= 64 {
                    cache.clear();
                }
                let anchored = regex_automata::meta::Regex::new(pattern.as_str()).ok();
                cache.push((pattern.as_str().to_string(), anchored));
                cache.len() - 1
            }
        };
        match &cache[i].1 {
            Some(re) => {
                let input = regex_automata::Input::new(hay).anchored(regex_automata::Anchored::Yes);
                re.search(&input).map(|m| m.end())
            }
            None => pattern
                .find(hay)
                .filter(|m| m.start() == 0)
                .map(|m| m.end()),
        }
    })
}

/// Adds relation mentions that tie durations to dates: "five months since
/// August 6", "two weeks before January 20", "three years into the war",
/// "its fourth year", "from August 6 to January 5".
/// How many tokens after the relation word its anchor date may begin.
const ANCHOR_REACH: usize = 15;

/// The token at which the search for a relation's anchor stops: `ANCHOR_REACH`
/// tokens after `from`, or earlier at a sentence end, a semicolon, colon or
/// dash, another relation word ("three weeks since the vote, two days before
/// …"), a comma before a new clause (", and", ", but") or a verb of saying
/// ("…, officials said on Friday": Friday is when it was said, not the anchor).
fn anchor_reach_end(c: &Cursor<'_>, from: usize) -> usize {
    let limit = (from + ANCHOR_REACH).min(c.toks.len());
    let mut comma = false;
    for k in from..limit {
        if k > from && c.sentence_break_before(k) {
            return k;
        }
        let w = c.low(k);
        // A verb of saying after a comma is an attribution (", officials said on
        // Friday"); right after the relation's subject it is the event itself
        // ("since Cardell announced the results on 2024-06-10").
        let saying = matches!(
            &*w,
            "said" | "says" | "say" | "told" | "according" | "announced" | "reported"
        );
        let stops = matches!(
            &*w,
            ";" | ":"
                | "—"
                | "–"
                | "since"
                | "after"
                | "before"
                | "until"
                | "till"
                | "into"
                | "ago"
                | "ahead"
                | "prior"
                | "from"
        ) || (saying && comma)
            || (&*w == ","
                && c.is_any(
                    k + 1,
                    &[
                        "and", "but", "or", "while", "whereas", "although", "though", "yet",
                    ],
                ));
        // The anchor may directly follow the relation word; a stop word only ends
        // the search past it ("since before the war" has no date anyway).
        if stops && k > from {
            return k;
        }
        if stops && matches!(&*w, ";" | ":" | "—" | "–") {
            return k;
        }
        comma |= &*w == ",";
    }
    limit
}

/// The number of tokens from `j` that the longest of `phrases` (lower-case
/// words, longest first) covers, or 0.
fn phrase_at(c: &Cursor<'_>, j: usize, phrases: &[Vec<String>]) -> usize {
    phrases
        .iter()
        .find(|p| p.iter().enumerate().all(|(k, w)| c.is(j + k, w)))
        .map_or(0, Vec::len)
}

/// "from 4 to 19 June": the number mention right before `s - 1` ("to"), after
/// "from" or "between", as a day of the month, with its index.
fn compact_range_start(
    c: &Cursor<'_>,
    out: &[Mention],
    idx: usize,
    s: usize,
) -> Option<(usize, u32)> {
    // "2–30 January": a dash that touches both days needs no "from".
    let dashed =
        s >= 2 && c.is_any(s - 1, &["-", "–"]) && c.touch(s - 2, s - 1) && c.touch(s - 1, s);
    if s < 2
        || !c.is_any(s - 1, &["to", "and", "-", "–", "until", "through"])
        || !c.is_num(s - 2)
        || !(dashed || (s >= 3 && c.is_any(s - 3, &["from", "between"])))
    {
        return None;
    }
    let pi = idx.checked_sub(1)?;
    let p = &out[pi];
    if p.kind != Kind::Number
        || p.span.start != c.toks[s - 2].start
        || p.span.end != c.toks[s - 2].end
    {
        return None;
    }
    let n: u32 = c.raw(s - 2).parse().ok()?;
    (1..=31).contains(&n).then_some((pi, n))
}

/// The relation "from X to Y" (or "X–Y") over `span`, from mention
/// `anchor` to mention `end`.
fn between(span: std::ops::Range<usize>, anchor: usize, end: usize) -> Mention {
    Mention {
        span,
        kind: Kind::Relation,
        expr: Expr::Relation {
            kind: RelationKind::Between,
            duration: None,
            anchor: Some(anchor),
            end: Some(end),
            unit: None,
        },
        hedge: None,
        part: None,
        tense: Default::default(),
    }
}

/// The date that ends a range begun by date `idx` whose last token is
/// `j - 1`, joined by "through"/"thru" or a dash ("Dec. 20 through Jan. 5",
/// "Jan. 2–30", "2 – 30 January"): the next mention, a day, right after.
fn bare_range_end<'m>(
    c: &Cursor<'_>,
    out: &'m [Mention],
    idx: usize,
    j: usize,
) -> Option<(usize, &'m Mention)> {
    if !(c.is_any(j, &["through", "thru", "-", "–"])) {
        return None;
    }
    let (ei, e) = out.iter().enumerate().nth(idx + 1)?;
    let first = &out[idx];
    let day = |m: &Mention| matches!(m.expr, Expr::Date(DateExpr::Calendar { day: Some(_), .. }));
    (e.kind == Kind::Date
        && day(first)
        && day(e)
        && c.toks.get(j + 1).is_some_and(|t| t.start == e.span.start))
    .then_some((ei, e))
}

pub(crate) fn link_relations(c: &Cursor<'_>, out: &mut Vec<Mention>) {
    let mut added = Vec::new();
    // Numbers that a compact range makes first days ("from 4 to 19 June").
    let mut first_days: Vec<(usize, DateExpr)> = Vec::new();
    // Index of the token that starts at each byte, for walking after a mention.
    let tok_at = |byte: usize| c.toks.partition_point(|t| t.start < byte);
    for (idx, m) in out.iter().enumerate() {
        match m.kind {
            Kind::Duration => {
                let mut j = tok_at(m.span.end);
                // "six weeks today since …", "three weeks to the day after …".
                while c.is_any(j, &["today", "now", "exactly", "precisely"]) {
                    j += 1;
                }
                if c.is(j, "to") && c.is(j + 1, "the") && c.is(j + 2, "day") {
                    j += 3;
                }
                // "two months to go until …", "three years have passed since …".
                j += phrase_at(c, j, &c.lex.relation_fillers);
                // "three weeks out from the March 30 vote".
                let out_from = phrase_at(c, j, &c.lex.relation_before);
                let w = c.low(j);
                let (kind, skip) = match &*w {
                    _ if out_from > 0 => (RelationKind::Before, out_from),
                    "since" => (RelationKind::Since, 1),
                    "after" => (RelationKind::After, 1),
                    // "ahead of", "prior to"; "six months ahead, …" is no relation.
                    "ahead" | "prior" if !c.is_any(j + 1, &["of", "to"]) => continue,
                    "before" | "until" | "till" | "ahead" | "prior" => {
                        let extra = usize::from(
                            c.is_any(j + 1, &["of", "to"]) && matches!(&*w, "ahead" | "prior"),
                        );
                        (RelationKind::Before, 1 + extra)
                    }
                    "into" => (RelationKind::Into, 1),
                    "from" => (RelationKind::After, 1),
                    // "12 December, just over five weeks away": from the date of writing.
                    "away" => (RelationKind::After, 1),
                    _ => match user_trigger(c, m.span.end, j) {
                        Some(found) => found,
                        None => continue,
                    },
                };
                let rel_end_tok = j + skip;
                // The anchor: the first date mention after the relation word in the
                // same clause ("three months since the talks opened on Nov. 13"), no
                // further than `ANCHOR_REACH` tokens. When unsure, no anchor.
                let stop = anchor_reach_end(c, rel_end_tok);
                let anchor = out
                    .iter()
                    .enumerate()
                    .skip(idx + 1)
                    .take_while(|(_, a)| tok_at(a.span.start) < stop)
                    .find(|(_, a)| {
                        matches!(a.kind, Kind::Date | Kind::Time)
                            && tok_at(a.span.start) >= rel_end_tok
                    });
                let (anchor, end) = match anchor {
                    Some((ai, a)) => (Some(ai), a.span.end),
                    None => (
                        None,
                        c.toks
                            .get(rel_end_tok.saturating_sub(1))
                            .map_or(m.span.end, |t| t.end),
                    ),
                };
                added.push(Mention {
                    span: m.span.start..end,
                    kind: Kind::Relation,
                    expr: Expr::Relation {
                        kind,
                        duration: Some(idx),
                        anchor,
                        end: None,
                        unit: None,
                    },
                    hedge: None,
                    part: None,
                    tense: Default::default(),
                });
            }
            Kind::Date => {
                // "from 4 to 19 June": the first day takes the month and year of the second.
                let s = tok_at(m.span.start);
                if let Some((pi, n)) = compact_range_start(c, out, idx, s) {
                    if let Expr::Date(DateExpr::Calendar {
                        year,
                        month: Some(mo),
                        day: Some(last),
                        ..
                    }) = &m.expr
                    {
                        if n < *last {
                            first_days.push((
                                pi,
                                DateExpr::Calendar {
                                    year: *year,
                                    month: Some(*mo),
                                    day: Some(n),
                                    weekday: None,
                                    shift: Shift::Bare,
                                },
                            ));
                            let from = if c.is_any(s - 3, &["from", "between"]) {
                                s - 3
                            } else {
                                s - 2
                            };
                            added.push(between(c.toks[from].start..m.span.end, pi, idx));
                            continue;
                        }
                    }
                }
                // "Dec. 20 through Jan. 5", "Jan. 2–30": a range with no "from"
                // when "through" or a dash joins two dates.
                if let Some((ei, e)) = bare_range_end(c, out, idx, tok_at(m.span.end)) {
                    if !(s > 0 && c.is_any(s - 1, &["from", "between"])) {
                        added.push(between(m.span.start..e.span.end, idx, ei));
                        continue;
                    }
                }
                // "from DATE to DATE
                if s > 0 && c.is_any(s - 1, &["from", "between"]) {
                    let mut j = tok_at(m.span.end);
                    // "from June 2, 2024, to Aug. 30, 2024": a comma closing the year.
                    if c.is(j, ",") && c.is_any(j + 1, &["to", "until", "through", "till"]) {
                        j += 1;
                    }
                    if c.is_any(j, &["to", "until", "through", "and", "till"])
                        || c.is(j, "-")
                        || c.is(j, "–")
                    {
                        // The end right after the word, or, after "until", the date
                        // of the clause it opens ("from 2024-09-22 until it weakened
                        // into a remnant low on 2024-09-28").
                        let until = c.is_any(j, &["until", "till"]);
                        let stop = (j + 1..(j + 1 + ANCHOR_REACH).min(c.toks.len()))
                            .find(|&k| {
                                c.sentence_break_before(k)
                                    || c.is_any(k, &[";", ":", "—", "–", ","])
                            })
                            .unwrap_or((j + 1 + ANCHOR_REACH).min(c.toks.len()));
                        let end = out
                            .iter()
                            .enumerate()
                            .skip(idx + 1)
                            .next()
                            .filter(|(_, e)| {
                                e.kind == Kind::Date
                                    && (tok_at(e.span.start) == j + 1
                                        || (until
                                            && tok_at(e.span.start) < stop
                                            && c.is_any(tok_at(e.span.start) - 1, &["on", "in"])))
                            });
                        if let Some((ei, e)) = end {
                            {
                                added.push(between(c.toks[s - 1].start..e.span.end, idx, ei));
                            }
                        }
                    }
                }
            }
            Kind::Ordinal => {
                // "its fourth year", "the fifth month of the war"
                let s = tok_at(m.span.start);
                let j = tok_at(m.span.end);
                if s > 0 && c.is_any(s - 1, &["its", "the", "their", "his", "her"]) {
                    // Not a compound adjective: "their third day-long meeting".
                    let compound = |e: usize| c.is(e, "-") && c.touch(e - 1, e);
                    if let Some((unit, false, e)) =
                        time_unit_at(c, j).filter(|&(_, _, e)| !compound(e))
                    {
                        let end = c.toks[e - 1].end;
                        added.push(Mention {
                            span: c.toks[s - 1].start..end,
                            kind: Kind::Relation,
                            expr: Expr::Relation {
                                kind: RelationKind::OrdinalPeriod,
                                duration: Some(idx),
                                anchor: None,
                                end: None,
                                unit: Some(unit),
                            },
                            hedge: None,
                            part: None,
                            tense: Default::default(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    for (pi, e) in first_days {
        out[pi].kind = Kind::Date;
        out[pi].expr = Expr::Date(e);
    }
    if added.is_empty() {
        return;
    }
    out.extend(added);
    // Sort by position, then point relations at their parts' new places.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| {
        out[a]
            .span
            .start
            .cmp(&out[b].span.start)
            .then(out[b].span.end.cmp(&out[a].span.end))
    });
    let mut new_pos = vec![0; out.len()];
    for (new, &old) in order.iter().enumerate() {
        new_pos[old] = new;
    }
    let mut slots: Vec<Option<Mention>> = out.drain(..).map(Some).collect();
    for &old in &order {
        if let Some(mut m) = slots[old].take() {
            m.expr.remap_mentions(|x| new_pos[x]);
            out.push(m);
        }
    }
}

#[cfg(test)]
mod user_trigger_tests {
    use super::*;
    use crate::extract::{extract, Kind, Options, Trigger};
    use proptest::prelude::*;

    const PATTERNS: &[&str] = &[
        "(?i)in the run-up to( the)?",
        "(?x) in \\s+ the # a comment",
        "x*",
        "(?m)^ab$",
        "\\bago\\b",
        "(?i)before|bef",
        "a|ab",
        "",
    ];

    proptest! {
        #[test]
        fn the_anchored_match_is_the_leftmost_one_at_the_start(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'b', 'x', 'i', 'n', ' ', '\n', 'g', 'o', 'B', 'e', 'f', 'é']),
                0..24,
            ),
            k in 0..PATTERNS.len(),
        ) {
            let hay: String = chars.into_iter().collect();
            let pattern = regex::Regex::new(PATTERNS[k]).unwrap();
            let before = pattern.find(&hay).filter(|m| m.start() == 0).map(|m| m.end());
            prop_assert_eq!(match_at_start(&pattern, &hay), before);
        }
    }

    #[test]
    fn a_trigger_after_many_durations_is_found_once() {
        // Every duration searched the rest of the text for the trigger
        // (3 s on 1.2 MB): 2,000 durations, the trigger after the last only.
        let mut text = "It lasted 3 days in the heat. ".repeat(2000);
        text.push_str("Three weeks in the run-up to the March 30 vote, they met.");
        let opts = Options {
            triggers: std::sync::Arc::new(vec![Trigger {
                pattern: regex::Regex::new("(?i)in the run-up to( the)?").unwrap(),
                relation: RelationKind::Before,
            }]),
            ..Options::default()
        };
        let m = extract(&text, &crate::lexicon::DEFAULT, &opts);
        let relations: Vec<&str> = m
            .iter()
            .filter(|m| m.kind == Kind::Relation)
            .map(|m| &text[m.span.clone()])
            .collect();
        assert_eq!(relations, ["Three weeks in the run-up to the March 30"]);
        let durations = m.iter().filter(|m| m.kind == Kind::Duration).count();
        assert!(durations >= 2000, "{durations}");
    }
}

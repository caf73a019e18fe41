#![doc = include_str!("../../docs/rules/elapsed-since.md")]

use chrono::NaiveDate;

use super::timeline::{
    count_units, date_label, duration, hull, is_stretch, pinned_day, pinned_range, recount,
    shifted, time_name, time_points, Days, Dur, TimePoint,
};
use super::{show_day, Applicability, Check, CheckContext, DocView, Finding, Fix, Label};
use crate::extract::{DateExpr, Expr, RelationKind};
use crate::resolve::{amount_interval, Value};
use crate::value::calendar::{elapsed_in, CalendarUnit};

/// The rule.
pub struct ElapsedSince;

impl Check for ElapsedSince {
    fn id(&self) -> &'static str {
        "elapsed-since"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.slack_days(id);
        super::each_mention(cx, out, |d, v, i| {
            since(cx, id, d, v, i, slack)
                .or_else(|| ago(cx, id, d, v, i, slack))
                .or_else(|| lasting(cx, id, d, v, i, slack))
        });
    }
}

/// "three months since Nov. 13", "three years into the war, which began on Feb. 24, 2022".
fn since(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
    slack: f64,
) -> Option<Finding> {
    relation_check(
        cx,
        id,
        d,
        v,
        i,
        slack,
        &[RelationKind::Since, RelationKind::Into, RelationKind::After],
    )
}

/// A relation of one of `kinds` whose anchor day moved by its duration (forwards
/// for since/into, backwards for before) misses every time point of its clause.
pub(super) fn relation_check(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
    slack: f64,
    kinds: &[RelationKind],
) -> Option<Finding> {
    let Value::Relation {
        relation,
        duration: Some(di),
        anchor: Some(ai),
        ..
    } = &v.mentions[i].value
    else {
        return None;
    };
    if !kinds.contains(relation) {
        return None;
    }
    let sign = if *relation == RelationKind::Before {
        -1.0
    } else {
        1.0
    };
    if is_stretch(v, *di, v.mentions[*ai].mention.span.start) {
        return None;
    }
    let dur = duration(v, *di)?;
    // A month or year as the anchor ("since the eruption began in June") is
    // exact enough for a count of months or years.
    // Only an event's month or year counts ("since the eruption began in June"):
    // a month or year as the relation's own object is most often a rate or a
    // span ("20 pct a year since 1980", "one year until December 1990").
    let (anchor, anchor_last) = pinned_range(v, *ai)?;
    if anchor != anchor_last {
        let before_anchor = v
            .doc
            .prose
            .get(..v.mentions[*ai].mention.span.start)
            .unwrap_or("")
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        if !matches!(dur.unit, CalendarUnit::Month | CalendarUnit::Year) || before_anchor != "in" {
            return None;
        }
    }
    let lands = hull(
        &shifted(anchor, &dur, sign)?,
        &shifted(anchor_last, &dur, sign)?,
    );
    let mut times = time_points(v, i, &[*di, *ai])?;
    // "Six months had passed since …": the tense sits between the count and
    // its relation word, inside the relation; without a day of its own the
    // clause is told at some other time.
    let filler_had = v
        .doc
        .prose
        .get(v.mentions[*di].mention.span.end..v.mentions[*ai].mention.span.start)
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !matches!(w.to_lowercase().as_str(), "since" | "before" | "until"))
        .any(|w| w.eq_ignore_ascii_case("had"));
    if filler_had && times.iter().any(|t| t.mention.is_none()) {
        return None;
    }
    // "N units after DATE" only as "arrested two men Monday, three weeks to the day
    // after the Feb. 10 break-in": the date right after "after", and the clause
    // dated by a day it writes. "two weeks from March 9 to 23", "a day after
    // Allied disclosed … its Sept 12 offer" are spans and other clauses.
    if *relation == RelationKind::After {
        let between = v
            .doc
            .prose
            .get(v.mentions[*di].mention.span.end..v.mentions[*ai].mention.span.start)
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ");
        let tight = matches!(
            between.as_str(),
            "after" | "after the" | "to the day after" | "to the day after the"
        );
        // "On Sunday, two months after the first cases were confirmed … on Aug.
        // 6, nurses found …": an event dated after "after", told at the day
        // that opens the clause (the clause's other dates tell other things:
        // "the families who left that night").
        if !tight {
            let event =
                between.starts_with("after ") && matches!(between.rsplit(' ').next(), Some("on"));
            let opening = times
                .iter()
                .find(|t| t.mention.is_some_and(|k| opens_the_clause(v, k, *di)))
                .cloned();
            match opening {
                Some(t) if event => times = vec![t],
                _ => return None,
            }
        }
        if !times.iter().all(|t| t.mention.is_some()) || times.is_empty() {
            return None;
        }
    }
    if times.iter().any(|t| t.days.widen(slack).intersects(&lands)) {
        return None;
    }
    let t = &times[0];
    // The relation word(s) as written: "since", "ahead of".
    let rel_span = &v.mentions[i].mention.span;
    let gap: Vec<&str> = v
        .doc
        .text
        .get(v.mentions[*di].mention.span.end..rel_span.end)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    // Up to the relation word, with what stands before it ("to go until",
    // "have passed since", "out from").
    let word = gap
        .iter()
        .take(6)
        .position(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "since"
                    | "into"
                    | "before"
                    | "until"
                    | "till"
                    | "ahead"
                    | "prior"
                    | "from"
                    | "after"
            )
        })
        .map(|p| {
            let of = gap
                .get(p + 1)
                .is_some_and(|w| matches!(w.to_lowercase().as_str(), "of" | "to"))
                && matches!(gap[p].to_lowercase().as_str(), "ahead" | "prior");
            gap[..=p + usize::from(of)].join(" ")
        })
        .unwrap_or_default();
    let phrase = format!("{} {word} {}", v.text(*di), v.text(*ai));
    let anchor_days = Days {
        lo: Some(anchor),
        hi: Some(anchor_last),
    };
    let mut secondary = vec![date_label(v, d, *ai, &anchor_days)];
    if let Some(k) = t.mention {
        secondary.push(date_label(v, d, k, &t.days));
    }
    let (expected, fix_count) = exact_landing(anchor, &dur, sign, &t.days)?;
    Some(finding(
        cx,
        id,
        d,
        v,
        *di,
        &phrase,
        &lands,
        t,
        (anchor, if sign > 0.0 { '+' } else { '−' }, &dur, expected),
        secondary,
        fix_count,
    ))
}

/// "The ceasefire, agreed on Jan. 20, has held for three weeks": a state in
/// the present perfect ("has held for", "have lasted for": `lasting-verbs`
/// in `rules/lexicon/reading.yaml`) lasts from a start dated in its sentence
/// before it, right after a participle or a verb of beginning ("agreed on",
/// "which began on", "signed in"), to the date of writing. No other date may
/// stand between the start and the length.
fn lasting(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
    slack: f64,
) -> Option<Finding> {
    let r = &v.mentions[i];
    let prose = &v.doc.prose;
    let span = r.mention.span.clone();
    // Most lengths do not follow "for ": ask the bytes before reading words.
    if r.mention.kind != crate::extract::Kind::Duration
        || !prose
            .as_bytes()
            .get(span.start.saturating_sub(4)..span.start)
            .is_some_and(|b| b.eq_ignore_ascii_case(b"for "))
        || super::timeline::in_a_relation(v, i)
    {
        return None;
    }
    let mut from = span.start.saturating_sub(48);
    while !prose.is_char_boundary(from) {
        from += 1;
    }
    let before: Vec<String> = prose
        .get(from..span.start)?
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    let lex = &*crate::reading::lexicon::DEFAULT;
    // "has held for", "has largely held for"; "has been in custody for", "has
    // stood empty for": where the told phrase starts.
    let n = before.len();
    let aux = |k: usize| matches!(before[k].as_str(), "has" | "have");
    let perfect = |verb: usize| verb >= 1 && (aux(verb - 1) || (verb >= 2 && aux(verb - 2)));
    if n < 3 || before[n - 1] != "for" {
        return None;
    }
    let told_from = if lex.lasting_verbs.contains(before[n - 2].as_str()) && perfect(n - 2) {
        n - 2
    } else {
        (1..=3).find_map(|len| {
            let verb = (n - 1).checked_sub(len + 1)?;
            let state = before[verb + 1..n - 1].join(" ");
            (lex.lasting_states.contains(&state)
                && (before[verb] == "been" || lex.lasting_verbs.contains(before[verb].as_str()))
                && perfect(verb))
            .then_some(verb)
        })?
    };
    let dur = duration(v, i)?;
    // The start: the nearest date before the length in its sentence, after
    // "<participle> on|in" or a verb of beginning.
    let k = (0..i)
        .rev()
        .take(4)
        .find(|&k| matches!(v.mentions[k].mention.kind, crate::extract::Kind::Date))?;
    let ks = &v.mentions[k].mention.span;
    if !v.same_sentence(ks.start, span.end) {
        return None;
    }
    let lead: Vec<String> = prose
        .get(ks.start.saturating_sub(24).max(from.saturating_sub(200))..ks.start)
        .unwrap_or("")
        .split_whitespace()
        .map(|w| w.to_lowercase())
        .collect();
    let started = match lead.as_slice() {
        [.., verb, prep] if matches!(prep.as_str(), "on" | "in") => {
            let verb = verb.trim_end_matches(',');
            (verb.len() > 4 && verb.ends_with("ed"))
                || lex.verb(verb).iter().any(|s| s.class == "begin")
        }
        _ => false,
    };
    if !started {
        return None;
    }
    let (anchor, anchor_last) = pinned_range(v, k)?;
    if anchor != anchor_last && !matches!(dur.unit, CalendarUnit::Month | CalendarUnit::Year) {
        return None;
    }
    let lands = hull(
        &shifted(anchor, &dur, 1.0)?,
        &shifted(anchor_last, &dur, 1.0)?,
    );
    // The present perfect tells the date of writing itself.
    let t = TimePoint {
        days: Days::day(v.reference.date?),
        mention: None,
    };
    if t.days.widen(slack).intersects(&lands) {
        return None;
    }
    let phrase = format!("{} for {}", before[told_from..n - 1].join(" "), v.text(i));
    let anchor_days = Days {
        lo: Some(anchor),
        hi: Some(anchor_last),
    };
    let (expected, fix_count) = exact_landing(anchor, &dur, 1.0, &t.days)?;
    Some(finding(
        cx,
        id,
        d,
        v,
        i,
        &phrase,
        &lands,
        &t,
        (anchor, '+', &dur, expected),
        vec![date_label(v, d, k, &anchor_days)],
        fix_count,
    ))
}

/// Where the count as written lands from `anchor` (no rounding), and the
/// count that lands on `at` when `at` is one day: the finding's arithmetic
/// and its fix.
fn exact_landing(
    anchor: NaiveDate,
    dur: &Dur,
    sign: f64,
    at: &Days,
) -> Option<(NaiveDate, Option<i64>)> {
    let exact = Dur {
        hi: Some(dur.exact),
        lo: dur.exact,
        ..*dur
    };
    let expected = shifted(anchor, &exact, sign)?.lo?;
    let count = at
        .single()
        .map(|day| (sign * elapsed_in(anchor, day, dur.unit)).round() as i64);
    Some((expected, count))
}

/// Date mention `k` opens the clause the duration `di` starts right after it:
/// "On Sunday, two months after …", "Today, two months after …" (only "on"
/// before it in its sentence, only a comma between).
fn opens_the_clause(v: &DocView<'_>, k: usize, di: usize) -> bool {
    let (date, dur) = (&v.mentions[k].mention.span, &v.mentions[di].mention.span);
    if date.end > dur.start {
        return false;
    }
    let gap = v.doc.prose.get(date.end..dur.start).unwrap_or("x");
    if gap.trim() != "," {
        return false;
    }
    // Nothing of its sentence before it but "on".
    let before = v.doc.prose.get(..date.start).unwrap_or("").trim_end();
    let head = before
        .strip_suffix("On")
        .or_else(|| before.strip_suffix("on"))
        .filter(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
        .map_or(before, str::trim_end);
    head.char_indices()
        .next_back()
        .is_none_or(|(k, _)| !v.same_sentence(k, date.start))
}

/// "two years ago, on March 14, 2023", "a year ago (Jan. 5, 2024)": the written
/// date against the date of writing minus the duration.
fn ago(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
    slack: f64,
) -> Option<Finding> {
    let r = &v.mentions[i];
    let Expr::Date(DateExpr::Offset {
        amount,
        unit,
        sign: -1,
    }) = &r.mention.expr
    else {
        return None;
    };
    if !amount.on_the_calendar() || !v.text(i).to_lowercase().ends_with("ago") {
        return None;
    }
    let reference = v.reference.date?;
    // "two years ago to the day": the count is exact.
    let after_ago = v.doc.text.get(r.mention.span.end..).unwrap_or("");
    let to_the_day = after_ago
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_end_matches([',', '.', ';', ')']).to_lowercase())
        .eq(["to", "the", "day"]);
    let k = written_beside(v, i, to_the_day)?;
    let written = pinned_day(v, k)?;
    let hedge = r
        .mention
        .hedge
        .as_deref()
        .and_then(|(h, _)| cx.lex.hedges.get(*h));
    let iv = amount_interval(amount, hedge);
    let exact = to_the_day && hedge.is_none();
    let dur = Dur {
        unit: *unit,
        lo: if exact {
            amount.exact
        } else {
            iv.lo_value().unwrap_or(0.0)
        },
        hi: if exact {
            Some(amount.exact)
        } else {
            iv.hi_value()
        },
        exact: amount.exact,
        hedged: hedge.is_some(),
    };
    let lands = shifted(reference, &dur, -1.0)?;
    if Days::day(written).widen(slack).intersects(&lands) {
        return None;
    }
    let expected = shifted(
        reference,
        &Dur {
            hi: Some(dur.exact),
            lo: dur.exact,
            ..dur
        },
        -1.0,
    )?
    .hi?;
    let t = TimePoint {
        days: Days::day(written),
        mention: Some(k),
    };
    // The span of the count itself, without "ago".
    let text = v.text(i);
    // ASCII folding keeps byte offsets (full Unicode lower-casing can change them).
    let count_end = text
        .to_ascii_lowercase()
        .rfind("ago")
        .map_or(text.len(), |p| p);
    let count_text = text[..count_end].trim_end().to_string();
    let primary = r.mention.span.start..r.mention.span.start + count_text.len();
    let phrase = text.to_string();
    let n = elapsed_in(written, reference, *unit).round() as i64;
    let vars = vars(
        v,
        &phrase,
        &lands,
        &t,
        (reference, '−', &dur, expected),
        written,
    );
    let fix = (!dur.hedged && n as f64 != dur.exact)
        .then(|| recount(&count_text, n))
        .flatten()
        .map(|replacement| Fix {
            doc: d,
            span: primary.clone(),
            replacement,
            applicability: Applicability::Unsafe,
        });
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span: primary,
            message: format!("{} − {count_text} → {}", show_day(reference), lands.show()),
        },
        vec![date_label(v, d, k, &Days::day(written))],
        fix,
    ))
}

/// The date written beside "N units ago" (mention `i`): after it (", on
/// DATE", " (DATE)", " — DATE", "to the day, on DATE"), or right before it
/// ("failed on Jan. 31, three months ago, and …", "took office on 14 March
/// 2022, two years ago to the day").
fn written_beside(v: &DocView<'_>, i: usize, to_the_day: bool) -> Option<usize> {
    let r = &v.mentions[i];
    if let Some(next) = v.mentions.get(i + 1) {
        let between = v
            .doc
            .text
            .get(r.mention.span.end..next.mention.span.start)?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let between = if to_the_day {
            between
                .get("to the day".len()..)
                .filter(|_| between.to_lowercase().starts_with("to the day"))
                .unwrap_or("")
                .trim()
        } else {
            between.as_str()
        };
        if matches!(
            between,
            "," | ", on" | "on" | "(" | "(on" | "—" | "– on" | "— on" | ", or"
        ) {
            return Some(i + 1);
        }
    }
    // The date before: "on DATE, N ago" closed by a comma, a stop or "to the day".
    let k = i.checked_sub(1)?;
    let prev = &v.mentions[k];
    if !matches!(prev.mention.kind, crate::extract::Kind::Date) {
        return None;
    }
    let gap = v
        .doc
        .text
        .get(prev.mention.span.end..r.mention.span.start)?
        .trim();
    let lead = v
        .doc
        .prose
        .get(..prev.mention.span.start)?
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    let after = v.doc.text.get(r.mention.span.end..)?.trim_start();
    let closed = to_the_day || after.starts_with([',', '.', ';', ')']) || after.is_empty();
    (gap == "," && lead == "on" && closed).then_some(k)
}

/// The template variables: `phrase`, `lands`, `time`, `start`, `sign`, `count`,
/// `expected`, `actual`.
fn vars(
    v: &DocView<'_>,
    phrase: &str,
    lands: &Days,
    t: &TimePoint,
    (start, sign, dur, expected): (NaiveDate, char, &Dur, NaiveDate),
    actual: NaiveDate,
) -> Vec<(&'static str, String)> {
    vec![
        ("phrase", phrase.to_string()),
        ("lands", lands.show()),
        ("time", time_name(v, t)),
        ("start", start.to_string()),
        ("sign", sign.to_string()),
        ("count", count_units(dur.exact, dur.unit)),
        ("expected", expected.to_string()),
        ("actual", actual.to_string()),
    ]
}

#[allow(clippy::too_many_arguments)]
pub(super) fn finding(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    di: usize,
    phrase: &str,
    lands: &Days,
    t: &TimePoint,
    arith: (NaiveDate, char, &Dur, NaiveDate),
    secondary: Vec<Label>,
    fix_count: Option<i64>,
) -> Finding {
    let dur = arith.2;
    let actual = t
        .days
        .single()
        .or(t.days.hi)
        .or(t.days.lo)
        .unwrap_or(arith.3);
    let mut vars = vars(v, phrase, lands, t, arith, actual);
    if t.days.single().is_none() {
        vars.retain(|(k, _)| *k != "actual");
        vars.push(("actual", t.days.show()));
    }
    let written = v.text(di);
    let fix = fix_count
        .filter(|&n| !dur.hedged && n as f64 != dur.exact)
        .and_then(|n| recount(written, n))
        .map(|replacement| Fix {
            doc: d,
            span: v.mentions[di].mention.span.clone(),
            replacement,
            applicability: Applicability::Unsafe,
        });
    Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span: v.mentions[di].mention.span.clone(),
            message: format!("{written} → {}", lands.show()),
        },
        secondary,
        fix,
    )
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    const RULE: &str = "elapsed-since";

    #[test]
    fn a_state_that_has_lasted_since_a_dated_start() {
        let at = |text: &str| {
            findings(
                &format!("---\ndate: 2025-03-10\n---\n{text}\n"),
                "elapsed-since",
            )
        };
        for (planted, twin) in [
            (
                "The ceasefire, agreed on Jan. 20, has held for three weeks.",
                "The ceasefire, agreed on Jan. 20, has held for seven weeks.",
            ),
            (
                "The ceasefire, which began on Feb. 17, has largely held for three months.",
                "The ceasefire, which began on Feb. 17, has largely held for three weeks.",
            ),
            (
                "The truce signed in November 2024 has held for eight months.",
                "The truce signed in November 2024 has held for four months.",
            ),
            // A state the dated event began: `lasting-states`.
            (
                "Okafor, arrested on Jan. 6, has been in custody for three weeks.",
                "Okafor, arrested on Jan. 6, has been in custody for nine weeks.",
            ),
            (
                "The depot, which closed in March 2022, has stood empty for two years.",
                "The depot, which closed in March 2022, has stood empty for three years.",
            ),
            (
                "The pair, detained on Feb. 3, have remained behind bars for two months.",
                "The pair, detained on Feb. 3, have remained behind bars for five weeks.",
            ),
        ] {
            assert_eq!(at(planted).len(), 1, "{planted}");
            assert!(at(twin).is_empty(), "{twin}");
        }
        // "had held" tells another time; no dated start, no check.
        for text in [
            "The ceasefire, agreed on Jan. 20, had held for three weeks when fighting resumed.",
            "The ceasefire has held for three weeks.",
            // A state that need not begin with the event dated.
            "The firm, founded in 2019, has been profitable for three years.",
            "The firm, founded in 2019, has been in talks for three weeks.",
        ] {
            assert!(at(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_month_anchor_counts_only_as_an_events_time() {
        use crate::check::testing::{findings, silent};
        let f = findings(
            "---\ndate: 2024-02-12\n---\nIt is now eleven months since the eruption began in June.\n",
            "elapsed-since",
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        silent(
            "---\ndate: 2024-02-12\n---\nIt is now eight months since the eruption began in June.\n",
            "elapsed-since",
        );
        for text in [
            "---\ndate: 1987-03-31\n---\nOutput has grown by more than 20 pct a year since 1980.\n",
            "---\ndate: 1987-03-31\n---\nThe debt will be extended by one year until December 1990.\n",
            "---\ndate: 1987-06-19\n---\nMerck is about 18 months ahead of Squibb with a drug expected this year.\n",
            "---\ndate: 1987-03-05\n---\nThe plant will be closed two weeks from March 9 to 23.\n",
            "---\ndate: 1987-03-25\n---\nThe terms held until the earlier of 90 days from March 3 or a sale.\n",
            "---\ndate: 1986-09-30\n---\nOn Sept 25, a day after Allied disclosed that its board had urged rejection of the Sept 12 offer, shares fell.\n",
        ] {
            silent(text, "elapsed-since");
            silent(text, "countdown");
        }
    }

    #[test]
    fn thursday_three_months_since_nov_13() {
        let f = findings(
            "---\ndate: 2025-03-14\n---\nThursday marked three months since the ceasefire talks opened on Nov. 13.\n",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        let f = &f[0];
        assert_eq!(
            f.help.as_deref(),
            Some("2024-11-13 + 3 months = 2025-02-13, not 2025-03-13")
        );
        let labels: Vec<&str> = f.secondary.iter().map(|l| l.message.as_str()).collect();
        assert!(labels.contains(&"Nov. 13 → Wed 2024-11-13"), "{labels:?}");
        assert!(labels.contains(&"Thursday → Thu 2025-03-13"), "{labels:?}");
        assert_eq!(f.fix.as_ref().unwrap().replacement, "four months");
    }

    #[test]
    fn planted_counts_are_caught() {
        for text in [
            "---\ndate: 2025-01-07\n---\nIt has been seven months since Ukraine crossed the border on August 6, 2024.\n",
            "---\ndate: 2025-01-07\n---\nThe war is now 2 years old: it is 2 years since Feb. 24, 2022.\n",
            "---\ndate: 2025-03-14\n---\nThe state visit came two years ago, on March 14, 2022.\n",
        ] {
            assert_eq!(findings(text, RULE).len(), 1, "{text:?}");
        }
    }

    #[test]
    fn consistent_twins_stay_silent() {
        for text in [
            "---\ndate: 2025-03-14\n---\nThursday marked four months since the ceasefire talks opened on Nov. 13.\n",
            "---\ndate: 2025-01-06\n---\nIt is five months since August 6.\n",
            "---\ndate: 2025-01-07\n---\nIt has been nearly three years since Feb. 24, 2022.\n",
            "---\ndate: 2025-03-14\n---\nThe state visit came two years ago, on March 14, 2023.\n",
            // A vague count, no anchor, no year in an undated text: nothing to check.
            "---\ndate: 2025-01-07\n---\nIt has been several months since August 6.\n",
            "---\ndate: 2025-01-07\n---\nIt has been seven months since the incursion.\n",
            "Monday marked three months since Nov. 13.\n",
            // Told of another time.
            "---\ndate: 2025-01-07\n---\nBy then it had been two months since August 6.\n",
        ] {
            silent(text, RULE);
        }
    }

    fn count(text: &str) -> usize {
        findings(text, RULE).len()
    }

    #[test]
    fn a_date_then_n_ago() {
        for (text, n) in [
            ("---\ndate: 2025-02-28\n---\nThe dam failed on Jan. 31, three months ago, and repairs will take until summer.\n", 1),
            ("---\ndate: 2025-02-28\n---\nThe dam failed on Jan. 31, a month ago, and repairs will take until summer.\n", 0),
            ("---\ndate: 2025-03-14\n---\nThe mayor, who took office on 14 March 2022, two years ago to the day, said on Friday that she would run again.\n", 1),
            ("---\ndate: 2025-03-14\n---\nThe mayor, who took office on 14 March 2022, three years ago to the day, said on Friday that she would run again.\n", 0),
            ("---\ndate: 2025-03-14\n---\nShe took office two years ago to the day, on 14 March 2022.\n", 1),
            ("---\ndate: 2025-03-14\n---\nShe took office three years ago to the day, on 14 March 2022.\n", 0),
            // To the day is exact: a year and a day off is no anniversary.
            ("---\ndate: 2025-03-14\n---\nShe took office three years ago to the day, on 12 March 2022.\n", 1),
            // A date before the count that is not what it dates.
            ("---\ndate: 2025-02-28\n---\nBy Jan. 31, three months ago, the dam had failed.\n", 0),
        ] {
            assert_eq!(count(text), n, "{text:?}: {:#?}", findings(text, RULE));
        }
    }

    #[test]
    fn n_have_passed_since() {
        for (text, n) in [
            ("LONDON, 10 February 2025 — More than three years have passed since Russian tanks rolled across the border on Feb. 24, 2022.\n", 1),
            ("LONDON, 10 February 2025 — Nearly three years have passed since Russian tanks rolled across the border on Feb. 24, 2022.\n", 0),
            ("---\ndate: 2024-11-04\n---\nSix months have gone by since the bridge closed on 4 March 2024.\n", 1),
            ("---\ndate: 2024-11-04\n---\nEight months have gone by since the bridge closed on 4 March 2024.\n", 0),
            ("---\ndate: 2024-11-04\n---\nTwo weeks have elapsed since the polls closed on Oct. 1.\n", 1),
            // Told at another time, with no day to say when.
            ("---\ndate: 2024-11-04\n---\nSix months had passed since the bridge closed on 4 March 2024.\n", 0),
        ] {
            assert_eq!(count(text), n, "{text:?}: {:#?}", findings(text, RULE));
        }
    }

    #[test]
    fn n_after_a_date_at_a_dated_moment() {
        for (text, n) in [
            ("---\ndate: 2025-01-07\n---\nOn Sunday, two months after the first cases were confirmed in the district on Aug. 6, nurses found 14 new infections.\n", 1),
            ("---\ndate: 2025-01-07\n---\nOn Sunday, five months after the first cases were confirmed in the district on Aug. 6, nurses found 14 new infections.\n", 0),
            ("---\ndate: 2024-10-06\n---\nToday, two weeks after the levee broke on Sept. 3, the water is still rising.\n", 1),
            ("---\ndate: 2024-10-06\n---\nToday, a month after the levee broke on Sept. 3, the water is still rising.\n", 0),
            ("---\ndate: 2024-12-14\n---\n# Floods\n\nToday, three weeks after the river burst its banks on 9 November, families who left that night wait.\n", 1),
            // The day is not at the clause's head.
            ("---\ndate: 2025-01-07\n---\nNurses said that on Sunday, two months after the first cases were confirmed on Aug. 6, they found 14 new infections.\n", 0),
            // Not pinned to a day: the clause may be told at any time.
            ("---\ndate: 2025-01-07\n---\nTwo months after the first cases were confirmed in the district on Aug. 6, nurses found 14 new infections.\n", 0),
            ("---\ndate: 2025-01-07\n---\nThe clinic reopened two months after the first cases were confirmed on Aug. 6, officials said on Sunday.\n", 0),
        ] {
            assert_eq!(count(text), n, "{text:?}: {:#?}", findings(text, RULE));
        }
    }
}

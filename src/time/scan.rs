//! The date recogniser: one automaton pass over trigger words and digits, then
//! a small parser on the tokens around each trigger.

use std::cell::OnceCell;

use aho_corasick::Input;
use jiff::civil::{Date, Weekday};

use super::lexicon::{Entry, Kind, LEX, Unit};
use super::{DateMention, NumericOrder, WrittenWeekday};
use crate::model::DateValue;
use crate::text::words::previous_word;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tk {
    Word,
    Num,
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: usize,
    e: usize,
    k: Tk,
    /// Whitespace before this token.
    space: bool,
}

/// Splits `text[from..to]` into words, digit runs and single punctuation marks.
fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = from;
    let mut space = false;
    while i < to {
        let c = b[i];
        if c.is_ascii_digit() {
            let s = i;
            while i < to && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok {
                s,
                e: i,
                k: Tk::Num,
                space,
            });
            space = false;
        } else if c.is_ascii_whitespace() {
            space = true;
            i += 1;
        } else if c.is_ascii_alphabetic() || (c >= 0x80 && char_at(text, i).is_alphabetic()) {
            let s = i;
            while i < to {
                let c = b[i];
                if c.is_ascii_alphabetic() {
                    i += 1;
                } else if c >= 0x80 {
                    let ch = char_at(text, i);
                    if !ch.is_alphabetic() {
                        break;
                    }
                    i += ch.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Tok {
                s,
                e: i,
                k: Tk::Word,
                space,
            });
            space = false;
        } else if c < 0x80 {
            out.push(Tok {
                s: i,
                e: i + 1,
                k: Tk::Punct(c as char),
                space,
            });
            space = false;
            i += 1;
        } else {
            let ch = char_at(text, i);
            if ch.is_whitespace() {
                space = true;
            } else {
                out.push(Tok {
                    s: i,
                    e: i + ch.len_utf8(),
                    k: Tk::Punct(ch),
                    space,
                });
                space = false;
            }
            i += ch.len_utf8();
        }
    }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
}

/// A year written in the text, or one counted from the document date.
#[derive(Clone, Copy, Debug)]
enum Yr {
    Abs(i32),
    Rel(i64),
    /// "that year", "that August": the year the article last gave.
    That,
}

/// A recognised expression before it becomes a [`DateMention`].
#[derive(Clone, Debug, Default)]
struct Found {
    s: usize,
    e: usize,
    value: String,
    end_value: Option<String>,
    modifier: Option<&'static str>,
    relative: bool,
    weekday: Option<WrittenWeekday>,
    day: Option<Date>,
    invalid: Option<String>,
    order: Option<NumericOrder>,
    /// Counted from another date of the article; never an anchor itself.
    anaphoric: bool,
}

fn fmt_day(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn fmt_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().days(n)).ok()
}

fn add_weeks(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().weeks(n)).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.first_of_month()
        .checked_add(jiff::Span::new().months(n))
        .ok()
}

fn weekday(n: i8) -> Weekday {
    Weekday::from_monday_one_offset(n).unwrap_or(Weekday::Monday)
}

fn season_index(code: &str) -> i8 {
    match code {
        "SP" => 1,
        "SU" => 2,
        "FA" => 3,
        _ => 4,
    }
}

fn month_season(m: i8) -> i8 {
    match m {
        3..=5 => 1,
        6..=8 => 2,
        9..=11 => 3,
        _ => 4,
    }
}

/// A lower-case "-ed" word ("agreed", "signed"): a weak past-tense cue.
fn past_participle(w: &str) -> Option<bool> {
    (w.len() >= 5 && w.ends_with("ed") && !is_upper_initial(w)).then_some(false)
}

fn is_upper_initial(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

struct Parser<'a> {
    text: &'a str,
    t: &'a [Tok],
    dct: Option<Date>,
    /// What the article shows of its day/month order, for numeric dates.
    doc_order: &'a OnceCell<OrderEvidence>,
    /// The last fully written day, the anchor of "the next day".
    last_day: Option<Date>,
    /// The last quarter and year mentioned, anchors of "the quarter" and "a
    /// year earlier".
    last_quarter: Option<(i32, i64)>,
    last_year: Option<i32>,
    /// A year that sets the scene of its sentence, and where it ends: the
    /// year of a month later in that sentence ("In 1992, relations were
    /// established on October 22").
    year_scope: Option<(i32, usize)>,
    /// Where the last bare weekday was written ("on Wednesday and ... on
    /// Thursday").
    last_weekday: Option<(usize, usize)>,
    /// The last month mentioned (of a day or a month), the anchor of "the
    /// following month".
    last_month: Option<Date>,
}

impl<'a> Parser<'a> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.t.get(i)
    }

    fn s(&self, i: usize) -> &'a str {
        let t = &self.t[i];
        &self.text[t.s..t.e]
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.t.get(i)?;
        (t.k == Tk::Word).then(|| &self.text[t.s..t.e])
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).is_some_and(|x| x.eq_ignore_ascii_case(w))
    }

    fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|x| ws.iter().any(|w| x.eq_ignore_ascii_case(w)))
    }

    fn entry(&self, i: usize) -> Option<Entry> {
        LEX.get(self.word(i)?)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.entry(i).map(|e| e.kind)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.k == Tk::Punct(c))
    }

    fn dash(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| matches!(t.k, Tk::Punct('-' | '–' | '—')))
    }

    /// Token `i` follows token `i - 1` with no space.
    fn glued(&self, i: usize) -> bool {
        i > 0 && self.t.get(i).is_some_and(|t| !t.space)
    }

    fn num(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.t.get(i)?;
        if t.k != Tk::Num || t.e - t.s > 4 {
            return None;
        }
        Some((self.text[t.s..t.e].parse().ok()?, t.e - t.s))
    }

    /// A day of the month at `i` ("5", "5th"): day, next token, end byte.
    fn day_at(&self, i: usize) -> Option<(i8, usize, usize)> {
        let (d, len) = self.num(i)?;
        if len > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        let mut end = self.t[i].e;
        if self.glued(j) {
            if self.is_any(j, &["st", "nd", "rd", "th"]) {
                end = self.t[j].e;
                j += 1;
            } else if self.word(j).is_some()
                || (self.punct(j, ':') && self.glued(j + 1) && self.num(j + 1).is_some())
                || self.tok(j).is_some_and(|t| t.k == Tk::Num)
                || ((self.punct(j, '.') || self.punct(j, ','))
                    && self.glued(j + 1)
                    && self.num(j + 1).is_some()
                    // "Sep 15,2025": a year run on after the comma (a
                    // thousands group has three digits)
                    && !(self.punct(j, ',')
                        && self.num(j + 1).is_some_and(|(y, len)| len == 4 && (1900..=2100).contains(&y))))
            {
                return None;
            }
        }
        if self.glued(j) && self.word(j).is_some() {
            return None;
        }
        Some((d as i8, j, end))
    }

    /// A plausible year at `i`: four digits, nothing glued after.
    fn year_at(&self, i: usize) -> Option<i32> {
        let (y, len) = self.num(i)?;
        if len != 4 || !(1000..=2100).contains(&y) {
            return None;
        }
        if self.glued(i + 1) && (self.word(i + 1).is_some() || self.num(i + 1).is_some()) {
            return None;
        }
        // "1945:30", "2024.5", "2,024": a clock time or a count; "1945:
        // how the war ended" is a year
        if self.glued(i + 1)
            && (self.punct(i + 1, ':') || self.punct(i + 1, '.') || self.punct(i + 1, ','))
            && self.glued(i + 2)
            && self.num(i + 2).is_some()
        {
            return None;
        }
        Some(y as i32)
    }

    /// "of the previous year", "of last year", "of this year": the offset and
    /// the token after it.
    fn of_relative_year(&self, j: usize) -> Option<(i64, usize)> {
        if !self.is(j, "of") {
            return None;
        }
        let mut k = j + 1;
        if self.is(k, "the") {
            k += 1;
        }
        let Some(Kind::Rel(off)) = self.kind(k) else {
            return None;
        };
        if !self.is(k + 1, "year") {
            return None;
        }
        Some((off, k + 2))
    }

    /// See [`tense_around`].
    fn tense(&self, s: usize, e: usize) -> Option<bool> {
        tense_around(self.text, s, e)
    }

    /// The year of a month (and day) written without one.
    fn year_for(&self, m: i8, d: Option<i8>, rel: Option<i64>, s: usize, e: usize) -> Option<i32> {
        let dct = self.dct?;
        let dy = dct.year() as i32;
        let here = (m, d.unwrap_or(0));
        let now = (dct.month(), if d.is_some() { dct.day() } else { 0 });
        Some(match rel {
            // "last February" said in March is a year back: the month just
            // gone would be "last month"
            Some(r) if r < 0 => {
                if (here.0 as i32) < now.0 as i32 - 1 || (d.is_some() && here < now) {
                    dy
                } else {
                    dy - 1
                }
            }
            Some(r) if r > 0 => {
                if here > now {
                    dy
                } else {
                    dy + 1
                }
            }
            Some(_) => dy,
            None => {
                // the nearest such month to the document date, unless a clear
                // tense cue says it lies the other way
                let key = |y: i32| (y, here.0, here.1);
                let now_k = (dy, now.0, now.1);
                let dist = |y: i32| -> i64 {
                    let (a, b) = (key(y), now_k);
                    let months = (a.0 as i64 * 12 + a.1 as i64) - (b.0 as i64 * 12 + b.1 as i64);
                    (months * 31 + a.2 as i64 - b.2 as i64).abs()
                };
                let near = [dy - 1, dy, dy + 1]
                    .into_iter()
                    .min_by_key(|y| dist(*y))
                    .unwrap_or(dy);
                // a cue overrides nearness only for a date over a month
                // on the wrong side ("-ed" words only for over two
                // months); a month told clearly of is never on the wrong
                // side ("was sanctioned in January" in December)
                // ("postponed to January", "delayed until January" look
                // ahead: the year-target words and "to")
                let target = || {
                    previous_word(self.text, s).is_some_and(|w| w == "to" || LEX.targets_year(w))
                };
                let far = |strong: bool| match (strong, d) {
                    (true, None) => dist(near) >= 31 && !target(),
                    (true, Some(_)) => dist(near) > 31,
                    (false, _) => dist(near) > 62,
                };
                match tense_cues(self.text, s, e) {
                    Some((false, strong, _)) if far(strong) && key(near) > now_k => near - 1,
                    Some((true, strong, _)) if far(strong) && key(near) < now_k => near + 1,
                    _ => near,
                }
            }
        })
    }

    /// The year of a quarter written without one: a later quarter than the
    /// document's, told in the past tense, is last year's.
    fn quarter_year(&self, q: i64, s: usize, e: usize) -> Option<i32> {
        let dct = self.dct?;
        let cur = (dct.month() as i64 - 1) / 3 + 1;
        let y = dct.year() as i32;
        // "will report fourth-quarter results" in January: last year's,
        // unless the quarter's own verb is still to come ("fourth-quarter
        // profit will rise").
        let tense = self.tense(s, e);
        let reported = || {
            crate::text::words::next_word(self.text, e).is_some_and(|w| LEX.reports_on(w))
                && (tense != Some(true) || tense_around(&self.text[..e], s, e).is_some())
        };
        // "in Q4" said in January: the quarter just gone, three away from
        // this year's, unless the tense or a target ("by the fourth
        // quarter") says it lies ahead
        let lead = match previous_word(self.text, s) {
            Some(w) if w.eq_ignore_ascii_case("the") => {
                previous_word(self.text, w.as_ptr() as usize - self.text.as_ptr() as usize)
            }
            other => other,
        };
        let far_ahead =
            q - cur > 2 && tense != Some(true) && !lead.is_some_and(|w| LEX.targets_year(w));
        Some(
            if q > cur && (tense == Some(false) || reported() || far_ahead) {
                y - 1
            } else {
                y
            },
        )
    }

    /// A time of day or a set word right before token `i` ("10 p.m. Monday",
    /// "noon Thursday", "each July"): then the expression is not a DATE.
    fn clock_or_set_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let mut k = i - 1;
        if self.punct(k, ',') && k > 0 {
            k -= 1;
        }
        if matches!(self.kind(k), Some(Kind::Clock | Kind::Set)) {
            return true;
        }
        // "p.m." / "a.m."
        k >= 2 && self.punct(k, '.') && self.is(k - 1, "m") && self.punct(k - 2, '.')
    }

    /// "the end of", "early", "mid-", "late" before token `i`: the modifier and
    /// the first token of the span.
    fn mod_before(&self, i: usize) -> Option<(&'static str, usize)> {
        if i == 0 {
            return None;
        }
        let k = i - 1;
        // "mid-June", "end-December" (as "the end of" is also written).
        if self.dash(k) && self.glued(k) && self.glued(i) && k > 0 {
            if let Some(Entry {
                kind: Kind::Mod(m), ..
            }) = self.entry(k - 1)
            {
                return Some((m, k - 1));
            }
            return None;
        }
        match self.entry(k) {
            Some(Entry {
                kind: Kind::Mod(m),
                of: false,
                prefix: false,
                ..
            }) => Some((m, k)),
            Some(Entry {
                kind: Kind::Cue, ..
            }) if self.is(k, "of") && k > 0 => {
                let mut j = k - 1;
                // "the end of the year" reaches here with `i` at "the"
                if let Some(Entry {
                    kind: Kind::Mod(m),
                    of: true,
                    ..
                }) = self.entry(j)
                {
                    if j > 0 && self.is(j - 1, "very") {
                        j -= 1;
                    }
                    Some((m, j))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    fn month(&self, i: usize) -> Option<Found> {
        let ent = self.entry(i)?;
        let Kind::Month(m) = ent.kind else {
            return None;
        };
        if !is_upper_initial(self.s(i)) {
            return None;
        }
        let mut j = i + 1;
        let mut end = self.t[i].e;
        if ent.abbr && self.punct(j, '.') && self.glued(j) {
            end = self.t[j].e;
            j += 1;
        }
        let mut day = None;
        let mut range_end: Option<(i8, i8)> = None;
        let mut year: Option<Yr> = None;
        let mut start_tok = i;
        // Month Day
        if let Some((d, nj, ne)) = self.day_at(j) {
            day = Some(d);
            j = nj;
            end = ne;
            // ranges: "July 3-4", "July 30 - August 2", "July 3 to 5"
            if self.dash(j) || self.is_any(j, &["to", "through", "until"]) {
                if let Some((d2, nj2, ne2)) = self.day_at(j + 1) {
                    if d2 > d {
                        range_end = Some((m, d2));
                        j = nj2;
                        end = ne2;
                    }
                } else if let Some(Kind::Month(m2)) = self.kind(j + 1) {
                    let k = if self.punct(j + 2, '.') { j + 3 } else { j + 2 };
                    if let Some((d2, nj2, ne2)) = self.day_at(k) {
                        range_end = Some((m2, d2));
                        j = nj2;
                        end = ne2;
                    }
                }
            }
        }
        // Day Month
        if day.is_none() && i > 0 {
            let mut k = i - 1;
            if self.is(k, "of") && k > 0 {
                k -= 1;
            }
            let mut dk = k;
            if self.is_any(k, &["st", "nd", "rd", "th"]) && self.glued(k) && k > 0 {
                dk = k - 1;
            }
            if let Some((d, _, _)) = self.day_at(dk)
                && !(dk > 0
                    && self.glued(dk)
                    && matches!(self.t[dk - 1].k, Tk::Punct('.' | ',' | ':' | '/') | Tk::Num))
            {
                day = Some(d);
                start_tok = dk;
                // "3-4 July"
                if dk >= 2
                    && (self.dash(dk - 1) || self.is_any(dk - 1, &["to", "and"]))
                    && let Some((d1, _, _)) = self.day_at(dk - 2)
                    && d1 < d
                {
                    range_end = Some((m, d));
                    day = Some(d1);
                    start_tok = dk - 2;
                }
            }
        }
        // year
        let mut yj = j;
        if self.punct(yj, ',') || self.is(yj, "of") {
            yj += 1;
        }
        if let Some(y) = self.year_at(yj)
            && !(self.is(j, "of") && day.is_some())
        {
            year = Some(Yr::Abs(y));
            end = self.t[yj].e;
        } else if let Some((off, nj)) = self.of_relative_year(j) {
            year = Some(Yr::Rel(off));
            end = self.t[nj - 1].e;
        } else if let Some(Kind::Rel(off)) = self.kind(j)
            && self.is(j + 1, "year")
            && !self.is(j + 2, "'")
            && !self.punct(j + 2, '’')
        {
            // "July last year", "in March next year"
            year = Some(Yr::Rel(off));
            end = self.t[j + 1].e;
        } else if self.last_year.is_some() {
            // "August 5 that year", "July of that year"
            let k = if self.is(j, "of") { j + 1 } else { j };
            if self.is(k, "that") && self.is(k + 1, "year") {
                year = Some(Yr::That);
                end = self.t[k + 1].e;
            }
        }
        // weekday before a full date
        let mut written_wd = None;
        if day.is_some() && start_tok > 0 {
            let mut k = start_tok - 1;
            if self.punct(k, ',') && k > 0 {
                k -= 1;
            }
            if self.is(k, "the") && k > 0 {
                k -= 1;
            }
            if let Some(Kind::Weekday(w)) = self.kind(k)
                && is_upper_initial(self.s(k))
            {
                written_wd = Some(WrittenWeekday {
                    start: self.t[k].s,
                    end: self.t[k].e,
                    weekday: weekday(w),
                });
                start_tok = k;
            }
        }
        // modifiers and relative words before a month without a day
        let mut rel = None;
        let mut modifier = None;
        if day.is_none() && start_tok > 0 {
            if let Some(Kind::Rel(r)) = self.kind(start_tok - 1)
                && !self.is(start_tok - 1, "current")
            {
                rel = Some(r);
                start_tok -= 1;
            }
            if let Some((md, k)) = self.mod_before(start_tok) {
                modifier = Some(md);
                start_tok = k;
            } else if start_tok > 1
                && self.is(start_tok - 1, "the")
                && rel.is_none()
                && let Some((md, k)) = self.mod_before(start_tok - 1)
            {
                modifier = Some(md);
                start_tok = k;
            }
        }
        if ent.abbr && day.is_none() && year.is_none() {
            return None;
        }
        // "10 p.m. May 5" is a time of day; a stamp's full date with its
        // year is a date ("Updated 14:05 GMT, 9 October 2025", "05:10 AM
        // December 10, 2025").
        let stamp = day.is_some() && matches!(year, Some(Yr::Abs(_)));
        if self.clock_or_set_before(start_tok) && !stamp {
            return None;
        }
        if day.is_none() && year.is_none() && rel.is_none() && modifier.is_none() {
            let cue = start_tok > 0
                && (matches!(self.kind(start_tok - 1), Some(Kind::Cue))
                    || (self.is(start_tok - 1, "the")
                        && start_tok > 1
                        && matches!(self.kind(start_tok - 2), Some(Kind::Cue))));
            if ent.ambiguous && !cue {
                // "May and June": a month list settles it
                let listed = (self.is_any(j, &["and", "or", "to"]) || self.dash(j))
                    && matches!(self.kind(j + 1), Some(Kind::Month(_)));
                // ...and so does a month before it ("January-March"),
                // read from the text: the tokens start after the last date
                let listed_after = start_tok >= 1
                    && (self.is_any(start_tok - 1, &["and", "or", "to"])
                        || self.dash(start_tok - 1))
                    && previous_word(self.text, self.t[start_tok - 1].s)
                        .and_then(|w| LEX.get(w))
                        .is_some_and(|e| matches!(e.kind, Kind::Month(_)));
                if !listed && !listed_after {
                    return None;
                }
            }
            if self.is(start_tok.wrapping_sub(1), "of") && ent.ambiguous {
                // "the Ides of March", "the month of May" keep it; but "of May"
                // after a capitalised name is a title
                if start_tok >= 2 && self.word(start_tok - 2).is_some_and(is_upper_initial) {
                    return None;
                }
            }
            if (ent.name || ent.ambiguous)
                && !cue
                && self.word(j).is_some_and(is_upper_initial)
                && self.tok(j).is_some_and(|t| t.space)
            {
                return None;
            }
            // "April Fools", "June Carter": a capitalised word right before
            if ent.name
                && start_tok > 0
                && self.word(start_tok - 1).is_some_and(is_upper_initial)
                && !cue
            {
                return None;
            }
        }
        let s = self.t[start_tok].s;
        let mut f = Found {
            s,
            e: end,
            modifier,
            weekday: written_wd,
            ..Found::default()
        };
        // "that August": the month of the year the article last gave
        if year.is_none()
            && day.is_none()
            && rel.is_none()
            && start_tok > 0
            && self.is(start_tok - 1, "that")
            && self.last_year.is_some()
        {
            year = Some(Yr::That);
            start_tok -= 1;
            f.s = self.t[start_tok].s;
        }
        let y = match year {
            Some(Yr::Abs(y)) => Some(y),
            Some(Yr::Rel(off)) => {
                f.relative = true;
                self.dct.map(|d| d.year() as i32 + off as i32)
            }
            Some(Yr::That) => {
                f.relative = true;
                f.anaphoric = true;
                self.last_year
            }
            None => {
                f.relative = true;
                match self.year_scope {
                    // ... unless the month is told in the past and the
                    // year is still to come ("in 2026, when it holds a
                    // vote on the reform Tokayev proposed in September")
                    Some((y, ye))
                        if rel.is_none()
                            && ye <= s
                            && same_sentence(&self.text[ye..s])
                            && !(self.dct.is_some_and(|d| y > i32::from(d.year()))
                                && tense_around(self.text, s, end) == Some(false)) =>
                    {
                        f.anaphoric = true;
                        Some(y)
                    }
                    _ => self.year_for(m, day, rel, s, end),
                }
            }
        };
        let ystr = y.map_or("XXXX".to_string(), |y| format!("{y:04}"));
        match day {
            Some(d) => {
                f.value = format!("{ystr}-{m:02}-{d:02}");
                if let Some(y) = y {
                    match Date::new(y as i16, m, d) {
                        Ok(date) => f.day = Some(date),
                        Err(_) => f.invalid = Some(invalid_reason(y, m, d)),
                    }
                } else if Date::new(2000, m, d).is_err() {
                    f.invalid = Some(invalid_reason(2000, m, d));
                }
                if let Some((m2, d2)) = range_end {
                    let y2 = y.map(|y| if m2 < m { y + 1 } else { y });
                    let y2s = y2.map_or("XXXX".to_string(), |y| format!("{y:04}"));
                    f.end_value = Some(format!("{y2s}-{m2:02}-{d2:02}"));
                }
            }
            None => f.value = format!("{ystr}-{m:02}"),
        }
        Some(f)
    }

    fn weekday(&self, i: usize) -> Option<Found> {
        let Some(Kind::Weekday(w)) = self.kind(i) else {
            return None;
        };
        if !is_upper_initial(self.s(i)) {
            return None;
        }
        // "Monday, 5 July 2024", "Friday, April 21": let the date parser take it
        for k in i + 1..(i + 5).min(self.t.len()) {
            if let Some(Kind::Month(_)) = self.kind(k)
                && let Some(f) = self.month(k)
                && f.s == self.t[i].s
            {
                return Some(f);
            }
            if self.t[k].k == Tk::Num
                && (k == i + 1 || (k == i + 2 && self.punct(i + 1, ',')))
                && let Some(mut f) = self.numeric_date(k)
            {
                f.s = self.t[i].s;
                f.weekday = Some(WrittenWeekday {
                    start: self.t[i].s,
                    end: self.t[i].e,
                    weekday: weekday(w),
                });
                return Some(f);
            }
        }
        // "Thursday the 23rd", "Friday, the 24th": the day of the month
        // near the document's date that falls on that weekday.
        // "on Friday (7)", "next Monday (10)": the day written in brackets
        // after it, left out of the span.
        let the_at = if self.punct(i + 1, ',') { i + 2 } else { i + 1 };
        let bracketed = || {
            let rest = self.text[self.t[i].e..].strip_prefix(" (")?;
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let d: i8 = rest.get(..digits)?.parse().ok()?;
            (rest.as_bytes().get(digits) == Some(&b')') && (1..=31).contains(&d)).then_some(d)
        };
        let day_told = if self.is(the_at, "the")
            && let Some((d, _, end)) = self.day_at(the_at + 1)
            && self.t[the_at + 1].e < end
        {
            Some((self.t[i].s, d, end))
        } else if let Some(d) = bracketed() {
            let s = match i.checked_sub(1).map(|p| self.kind(p)) {
                Some(Some(Kind::Rel(_))) => self.t[i - 1].s,
                _ => self.t[i].s,
            };
            Some((s, d, self.t[i].e))
        } else {
            None
        };
        if let Some((s, d, end)) = day_told {
            let mut f = Found {
                s,
                e: end,
                relative: true,
                ..Found::default()
            };
            let want = weekday(w);
            let day = self.dct.and_then(|dct| {
                let first = dct.first_of_month();
                [-1, 0, 1]
                    .into_iter()
                    .filter_map(|k| first.checked_add(jiff::Span::new().months(k)).ok())
                    .filter_map(|m| Date::new(m.year(), m.month(), d).ok())
                    .filter(|c| c.weekday() == want)
                    .min_by_key(|c| c.since(dct).map_or(i32::MAX, |s| s.get_days().abs()))
            });
            match day {
                Some(date) => {
                    f.value = fmt_day(date);
                    f.day = Some(date);
                }
                None => f.value = format!("XXXX-XX-{d:02}"),
            }
            return Some(f);
        }
        if matches!(self.kind(i + 1), Some(Kind::Daypart | Kind::Clock))
            || self.clock_or_set_before(i)
        {
            return None;
        }
        // "the Sunday Times", "the Monday Club": a name
        if i > 0
            && self.is(i - 1, "the")
            && self.word(i + 1).is_some_and(is_upper_initial)
            && self.tok(i + 1).is_some_and(|t| t.space)
        {
            return None;
        }
        let mut start_tok = i;
        let mut rel = None;
        // "following Sunday's victory": after that day, not the one after.
        let possessive = crate::text::words::possessive_at(self.text, self.t[i].e);
        if i > 0
            && let Some(Kind::Rel(r)) = self.kind(i - 1)
            && !self.is(i - 1, "current")
            && !(possessive && self.is(i - 1, "following"))
        {
            rel = Some(r);
            start_tok = i - 1;
        }
        let s = self.t[start_tok].s;
        let mut e = self.t[i].e;
        // "Friday last week", "Monday next week": that day of that week.
        let mut in_week = None;
        let week_after = |k: usize| match self.kind(k) {
            Some(Kind::Rel(r))
                if matches!(self.kind(k + 1), Some(Kind::Unit(Unit::Week)))
                    && self.is(k + 1, "week")
                    && self.tok(k).is_some_and(|t| t.space) =>
            {
                Some(r)
            }
            _ => None,
        };
        if rel.is_none()
            && let Some(r) = week_after(i + 1)
        {
            in_week = Some(r);
            e = self.t[i + 2].e;
        } else if rel.is_none()
            && self.is_any(i + 1, &["and", "or"])
            && matches!(self.kind(i + 2), Some(Kind::Weekday(_)))
            && let Some(r) = week_after(i + 3)
        {
            // "on Thursday and Friday next week": both days of that week.
            in_week = Some(r);
        }
        let mut f = Found {
            s,
            e,
            relative: true,
            ..Found::default()
        };
        let want = weekday(w);
        match self.dct {
            Some(dct) => {
                let ahead = dct.weekday().until(want) as i64; // 0..=6
                let back = want.until(dct.weekday()) as i64;
                // The day in the document's own week, Monday first.
                let this_week =
                    (want.to_monday_one_offset() - dct.weekday().to_monday_one_offset()) as i64;
                let off = match (in_week, rel) {
                    (Some(weeks), _) => this_week + 7 * weeks,
                    (None, Some(r)) if r < 0 => -(if back == 0 { 7 } else { back }),
                    (None, Some(r)) if r > 0 => {
                        if ahead == 0 {
                            7
                        } else {
                            ahead
                        }
                    }
                    (None, Some(_)) => this_week,
                    (None, None) => match tense_cues(self.text, s, e)
                        .or_else(|| self.coordinated_weekday_tense(i))
                    {
                        _ if ahead == 0 => 0,
                        Some((true, _, _)) => ahead,
                        // news reports what happened: the last such day
                        _ => -back,
                    },
                };
                let d = add_days(dct, off)?;
                f.value = fmt_day(d);
                f.day = Some(d);
            }
            None => f.value = format!("XXXX-WXX-{w}"),
        }
        Some(f)
    }

    /// "will meet Lee on Wednesday and Xi in Busan on Thursday": the
    /// tense of the weekday the one at `i` is coordinated with, earlier in
    /// its sentence.
    fn coordinated_weekday_tense(&self, i: usize) -> Option<(bool, bool, usize)> {
        let (ks, ke) = self.last_weekday?;
        let between = self.text.get(ke..self.t[i].s)?;
        (between.len() <= 120
            && between.contains(" and ")
            && same_sentence(between)
            && !between.contains(", and "))
        .then(|| tense_cues(self.text, ks, ke))
        .flatten()
    }

    fn season(&self, i: usize) -> Option<Found> {
        let ent = self.entry(i)?;
        let Kind::Season(code) = ent.kind else {
            return None;
        };
        let cap = is_upper_initial(self.s(i));
        if cap
            && i > 0
            && self.word(i - 1).is_some_and(is_upper_initial)
            && self.tok(i).is_some_and(|t| t.space)
        {
            // "Arab Spring", "Prague Spring"
            if !matches!(
                self.kind(i - 1),
                Some(Kind::Rel(_) | Kind::Mod(_) | Kind::Cue)
            ) {
                return None;
            }
        }
        if cap
            && self.word(i + 1).is_some_and(is_upper_initial)
            && self.tok(i + 1).is_some_and(|t| t.space)
        {
            // "Summer Olympics", "Winter Palace"
            return None;
        }
        let mut j = i + 1;
        let mut end = self.t[i].e;
        let mut year = None;
        if self.is(j, "of") {
            j += 1;
        }
        if let Some(y) = self.year_at(j) {
            year = Some(Yr::Abs(y));
            end = self.t[j].e;
        } else if let Some((off, nj)) = self.of_relative_year(i + 1) {
            year = Some(Yr::Rel(off));
            end = self.t[nj - 1].e;
        } else if let Some(Kind::Rel(off)) = self.kind(i + 1)
            && self.is(i + 2, "year")
            && !self.is(i + 1, "current")
        {
            // "autumn last year", "spring next year"
            year = Some(Yr::Rel(off));
            end = self.t[i + 2].e;
        }
        let mut start_tok = i;
        let mut rel = None;
        if i > 0
            && let Some(Kind::Rel(r)) = self.kind(i - 1)
        {
            rel = Some(r);
            start_tok = i - 1;
        }
        let mut modifier = None;
        if let Some((m, k)) = self.mod_before(start_tok) {
            modifier = Some(m);
            start_tok = k;
        } else if start_tok > 1
            && self.is(start_tok - 1, "the")
            && let Some((m, k)) = self.mod_before(start_tok - 1)
        {
            modifier = Some(m);
            start_tok = k;
        }
        if year.is_none() && rel.is_none() && modifier.is_none() {
            let k = if start_tok > 0 && self.is(start_tok - 1, "the") {
                start_tok - 1
            } else {
                start_tok
            };
            let cue = k > 0 && matches!(self.kind(k - 1), Some(Kind::Cue)) && !self.is(k - 1, "of");
            if !cue || (ent.ambiguous && k == start_tok) || self.is(i + 1, "of") {
                return None;
            }
            if self.word(i + 1).is_some()
                && self.tok(i + 1).is_some_and(|t| t.space)
                && !self.is_any(
                    i + 1,
                    &[
                        "and", "or", "when", "as", "after", "before", "is", "was", "will",
                    ],
                )
            {
                // "spring water", "the summer session": a noun modifier
                if LEX.not_year_after(self.s(i + 1))
                    || self.word(i + 1).is_some_and(|w| w.ends_with('s'))
                {
                    return None;
                }
            }
        }
        let mut f = Found {
            s: self.t[start_tok].s,
            e: end,
            modifier,
            ..Found::default()
        };
        let y = match year {
            Some(Yr::Abs(y)) => Some(y),
            Some(Yr::Rel(off)) => {
                f.relative = true;
                self.dct.map(|d| d.year() as i32 + off as i32)
            }
            Some(Yr::That) => {
                f.relative = true;
                self.last_year
            }
            None => {
                f.relative = true;
                self.dct.map(|d| {
                    let dy = d.year() as i32;
                    // Seasons counted in order; a winter is its December's,
                    // so January and February are still last year's winter.
                    let cur_year = if d.month() <= 2 { dy - 1 } else { dy };
                    let cur = cur_year * 4 + month_season(d.month()) as i32;
                    let want = season_index(code) as i32;
                    let at = |y: i32| y * 4 + want;
                    match rel {
                        Some(r) if r < 0 => {
                            if at(cur_year) < cur {
                                cur_year
                            } else {
                                cur_year - 1
                            }
                        }
                        Some(r) if r > 0 => {
                            if at(cur_year) > cur {
                                cur_year
                            } else {
                                cur_year + 1
                            }
                        }
                        Some(_) => dy,
                        // "by the spring" said in December is next year's;
                        // "in the summer" told in the past, in March, last
                        // year's.
                        // Otherwise the nearest such season: "the autumn
                        // budget" said in January is the autumn just gone.
                        None => match self.tense(f.s, f.e) {
                            Some(true) if at(cur_year) < cur => cur_year + 1,
                            Some(false) if at(cur_year) > cur => cur_year - 1,
                            Some(_) => cur_year,
                            // (a tie, "the summer" in February, is this
                            // calendar year's)
                            None => [dy, cur_year - 1, cur_year, cur_year + 1]
                                .into_iter()
                                .min_by_key(|&y| (at(y) - cur).abs())
                                .unwrap_or(dy),
                        },
                    }
                })
            }
        };
        f.value = format!(
            "{}-{code}",
            y.map_or("XXXX".to_string(), |y| format!("{y:04}"))
        );
        Some(f)
    }

    fn deictic(&self, i: usize) -> Option<Found> {
        let Some(Kind::Deictic(mut off)) = self.kind(i) else {
            return None;
        };
        let mut start_tok = i;
        // "the day before yesterday", "the day after tomorrow"
        if i >= 2 && self.is(i - 2, "day") {
            if off < 0 && self.is(i - 1, "before") {
                off -= 1;
                start_tok = i - 2;
            } else if off > 0 && self.is(i - 1, "after") {
                off += 1;
                start_tok = i - 2;
            }
        }
        let mut f = Found {
            s: self.t[start_tok].s,
            e: self.t[i].e,
            relative: true,
            ..Found::default()
        };
        match self.dct.and_then(|d| add_days(d, off)) {
            Some(d) => {
                f.value = fmt_day(d);
                f.day = Some(d);
            }
            None => f.value = "XXXX-XX-XX".into(),
        }
        Some(f)
    }

    /// A period code, a letter and one digit up to `max` ("Q3", "H1"):
    /// the digit and the token where a year would follow ("Q3 2024",
    /// "Q3 of 2024", "Q3/2024").
    fn period_code(&self, i: usize, max: i64) -> Option<(i64, usize)> {
        // the trigger "q3" is the tokens "Q" "3"
        if !self.glued(i + 1) {
            return None;
        }
        let (n, len) = self.num(i + 1)?;
        if len != 1 || !(1..=max).contains(&n) {
            return None;
        }
        if self.glued(i + 2) && (self.word(i + 2).is_some() || self.num(i + 2).is_some()) {
            return None;
        }
        let mut j = i + 2;
        if self.is(j, "of") || self.punct(j, '/') {
            j += 1;
        }
        Some((n, j))
    }

    fn quarter(&self, i: usize) -> Option<Found> {
        let (q, j) = self.period_code(i, 4)?;
        let mut f = Found {
            s: self.t[i].s,
            e: self.t[i + 1].e,
            ..Found::default()
        };
        let y = if let Some(y) = self.year_at(j) {
            f.e = self.t[j].e;
            Some(y)
        } else {
            f.relative = true;
            self.quarter_year(q, f.s, f.e)
        };
        f.value = format!(
            "{}-Q{q}",
            y.map_or("XXXX".to_string(), |y| format!("{y:04}"))
        );
        Some(f)
    }

    /// "H1 2026", "H2 of 2025": only with a year, as "H1" alone is also
    /// a visa, a bomb or a stage of a race.
    fn half(&self, i: usize) -> Option<Found> {
        let (h, j) = self.period_code(i, 2)?;
        let y = self.year_at(j)?;
        Some(Found {
            s: self.t[i].s,
            e: self.t[j].e,
            value: format!("{y:04}-H{h}"),
            ..Found::default()
        })
    }

    fn unit(&self, i: usize) -> Option<Found> {
        let ent = self.entry(i)?;
        let Kind::Unit(u) = ent.kind else {
            return None;
        };
        let dct = self.dct;
        // "two years ago", "a year earlier", "year-earlier (quarter)"
        let hyphen = !ent.plural
            && self.dash(i + 1)
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.is_any(i + 2, &["ago", "earlier"]);
        if hyphen || (i > 0 && self.is_any(i + 1, &["ago", "earlier", "later"])) {
            let (n, s_tok, dir) = if hyphen {
                (1, i, i + 2)
            } else {
                let n = match self.kind(i - 1) {
                    Some(Kind::Number(n)) => Some(n),
                    _ => self.num(i - 1).filter(|(_, l)| *l <= 3).map(|(n, _)| n),
                }?;
                // "1,000 years later": the end of a larger number
                if (n == 1) == ent.plural || (i >= 2 && self.punct(i - 2, ',') && self.glued(i - 1))
                {
                    return None;
                }
                (n, i - 1, i + 1)
            };
            // "two years earlier than planned": a comparison, no date.
            if self.is(dir + 1, "than") {
                return None;
            }
            let ago = self.is(dir, "ago");
            let n = if self.is(dir, "later") { n } else { -n };
            let mut e = self.t[dir].e;
            if hyphen && self.is_any(dir + 1, &["quarter", "period"]) {
                e = self.t[dir + 1].e;
            }
            let mut f = Found {
                s: self.t[s_tok].s,
                e,
                relative: true,
                anaphoric: true,
                ..Found::default()
            };
            // "earlier"/"later" count from the last date the article gave;
            // "ago" from the document date
            let base_day = if ago { dct } else { self.last_day.or(dct) };
            f.value = match u {
                Unit::Year => {
                    // "up from a year ago" in a quarterly report compares
                    // quarters; "two years ago" is a year, whatever came before.
                    let quarter = self.last_quarter.filter(|(y, _)| {
                        n.abs() == 1 && (!ago || dct.is_some_and(|d| d.year() as i32 == *y))
                    });
                    match (quarter, dct) {
                        (Some((y, q)), _) => format!("{:04}-Q{q}", y as i64 + n),
                        (None, Some(d)) => {
                            let y = if ago {
                                d.year() as i32
                            } else {
                                self.last_year.unwrap_or(d.year() as i32)
                            };
                            format!("{:04}", y as i64 + n)
                        }
                        (None, None) => "XXXX".into(),
                    }
                }
                Unit::Day => match base_day {
                    Some(d) => {
                        let d = add_days(d, n)?;
                        f.day = Some(d);
                        fmt_day(d)
                    }
                    None => "XXXX-XX-XX".into(),
                },
                Unit::Week => match base_day {
                    Some(d) => fmt_week(add_weeks(d, n)?),
                    None => "XXXX-WXX".into(),
                },
                Unit::Month => match base_day {
                    Some(d) => {
                        let d = add_months(d, n)?;
                        format!("{:04}-{:02}", d.year(), d.month())
                    }
                    None => "XXXX-XX".into(),
                },
                Unit::Decade if ago => match dct {
                    Some(d) => format!("{:03}", (d.year() as i64 + 10 * n) / 10),
                    None => "XXX".into(),
                },
                _ => return None,
            };
            return Some(f);
        }
        if ent.plural {
            return None;
        }
        // "the 19th century", "the twenty-first century"
        if u == Unit::Century && i > 0 {
            let mut k = i - 1;
            let mut n = None;
            if self.is_any(k, &["st", "nd", "rd", "th"]) && self.glued(k) && k > 0 {
                n = self
                    .num(k - 1)
                    .filter(|(n, l)| *l <= 2 && *n >= 1)
                    .map(|(n, _)| n);
                k -= 1;
            } else if let Some(Kind::Ordinal(o)) = self.kind(k) {
                n = Some(o);
                if k >= 2 && self.dash(k - 1) && self.is(k - 2, "twenty") {
                    n = Some(20 + o);
                    k -= 2;
                }
            } else if let Some(Kind::Rel(r)) = self.kind(k)
                && !self.is(k, "past")
                && let Some(d) = dct
            {
                n = Some(d.year() as i64 / 100 + 1 + r);
            }
            let n = n?;
            let mut f = Found {
                s: self.t[k].s,
                e: self.t[i].e,
                relative: matches!(self.kind(k), Some(Kind::Rel(_))),
                ..Found::default()
            };
            if let Some((m, mk)) = self.mod_before(k) {
                f.modifier = Some(m);
                f.s = self.t[mk].s;
            }
            f.value = format!("{:02}", n - 1);
            return Some(f);
        }
        // "the third quarter (of 2024)"
        if u == Unit::Quarter && i > 0 {
            // "fourth-quarter profit"
            let k = if i >= 2 && self.dash(i - 1) && self.glued(i - 1) && self.glued(i) {
                i - 2
            } else {
                i - 1
            };
            let q = match self.kind(k) {
                Some(Kind::Ordinal(o)) if (1..=4).contains(&o) => Some(o),
                _ if self.is_any(k, &["st", "nd", "rd", "th"]) && self.glued(k) && k > 0 => self
                    .num(k - 1)
                    .map(|(n, _)| n)
                    .filter(|n| (1..=4).contains(n)),
                _ => None,
            };
            if let Some(q) = q {
                let sk = if self.is_any(k, &["st", "nd", "rd", "th"]) {
                    k - 1
                } else {
                    k
                };
                let mut f = Found {
                    s: self.t[sk].s,
                    e: self.t[i].e,
                    ..Found::default()
                };
                let mut j = i + 1;
                if self.is(j, "of") || self.punct(j, ',') {
                    j += 1;
                }
                let y = if let Some(y) = self.year_at(j) {
                    f.e = self.t[j].e;
                    Some(y)
                } else if let Some((off, nj)) = self.of_relative_year(i + 1) {
                    f.e = self.t[nj - 1].e;
                    f.relative = true;
                    dct.map(|d| d.year() as i32 + off as i32)
                } else {
                    f.relative = true;
                    self.quarter_year(q, f.s, f.e)
                };
                f.value = format!(
                    "{}-Q{q}",
                    y.map_or("XXXX".to_string(), |y| format!("{y:04}"))
                );
                return Some(f);
            }
        }
        // "mid-year", "mid-month"; "by year-end", "month-end"
        let mid = i >= 2
            && self.dash(i - 1)
            && self.glued(i - 1)
            && self.glued(i)
            && self.is(i - 2, "mid");
        let end_after = self.dash(i + 1)
            && self.glued(i + 1)
            && self.glued(i + 2)
            && self.is(i + 2, "end")
            && !(i > 0 && self.dash(i - 1) && self.glued(i));
        if mid || end_after {
            let (s, e) = if mid {
                (self.t[i - 2].s, self.t[i].e)
            } else {
                (self.t[i].s, self.t[i + 2].e)
            };
            let value = match (u, dct) {
                (Unit::Year, Some(d)) => format!("{:04}", d.year()),
                (Unit::Month, Some(d)) => format!("{:04}-{:02}", d.year(), d.month()),
                (Unit::Year, None) => "XXXX".into(),
                (Unit::Month, None) => "XXXX-XX".into(),
                _ => return None,
            };
            return Some(Found {
                s,
                e,
                value,
                modifier: Some(if mid { "MID" } else { "END" }),
                relative: true,
                ..Found::default()
            });
        }
        if i == 0 {
            return None;
        }
        // "last year", "the previous year", "next weekend", "the end of the year"
        let k = i - 1;
        // "the first half of the year", "the second half of next year"
        if u == Unit::Year {
            let (off, of_tok) = match self.kind(k) {
                Some(Kind::Rel(r)) => (Some(r), k.checked_sub(1)),
                _ if self.is(k, "the") => (Some(0), k.checked_sub(1)),
                _ => (None, None),
            };
            if let (Some(off), Some(o)) = (off, of_tok)
                && o >= 2
                && self.is(o, "of")
                && self.is(o - 1, "half")
                && let Some(Kind::Ordinal(h @ (1 | 2))) = self.kind(o - 2)
            {
                let value = match dct {
                    Some(d) => format!("{:04}-H{h}", d.year() as i64 + off),
                    None => format!("XXXX-H{h}"),
                };
                return Some(Found {
                    s: self.t[o - 2].s,
                    e: self.t[i].e,
                    value,
                    relative: true,
                    ..Found::default()
                });
            }
        }
        // "that year", "later that day", "the same day": the article's last one
        if matches!(u, Unit::Year | Unit::Day)
            && (self.is(k, "that")
                || (self.is(k, "same") && k > 0 && self.is_any(k - 1, &["the", "that"])))
        {
            let mut s_tok = if self.is(k, "same") && self.is(k - 1, "that") {
                k - 1
            } else {
                k
            };
            if s_tok > 0 && self.is_any(s_tok - 1, &["earlier", "later"]) {
                s_tok -= 1;
            }
            let mut f = Found {
                s: self.t[s_tok].s,
                e: self.t[i].e,
                relative: true,
                anaphoric: true,
                ..Found::default()
            };
            if u == Unit::Year {
                f.value = format!("{:04}", self.last_year?);
            } else {
                let d = self.last_day?;
                f.value = fmt_day(d);
                f.day = Some(d);
            }
            return Some(f);
        }
        // "the quarter", "the latest quarter": the one the article is about
        if u == Unit::Quarter
            && (self.is_any(k, &["the", "that"])
                || (self.is(k, "latest") && k > 0 && self.is(k - 1, "the")))
            && !(self.dash(i + 1) && self.glued(i + 1))
        {
            let (y, q) = self.last_quarter?;
            let s_tok = if self.is(k, "latest") { k } else { i };
            return Some(Found {
                s: self.t[s_tok].s,
                e: self.t[i].e,
                value: format!("{y:04}-Q{q}"),
                relative: true,
                anaphoric: true,
                ..Found::default()
            });
        }
        // "over the weekend": the one just past, or the coming one in the future tense
        if u == Unit::Weekend
            && self.is(k, "the")
            && k > 0
            && self.is_any(
                k - 1,
                &[
                    "over", "during", "at", "on", "for", "until", "by", "into", "through", "before",
                ],
            )
        {
            let (s, e) = (self.t[i].s, self.t[i].e);
            let value = match dct {
                Some(d) => {
                    let weekend = d.weekday().to_monday_one_offset() >= 6;
                    let off = if weekend || self.tense(s, e) == Some(true) {
                        0
                    } else {
                        -1
                    };
                    format!("{}-WE", fmt_week(add_weeks(d, off)?))
                }
                None => "XXXX-WXX-WE".into(),
            };
            return Some(Found {
                s,
                e,
                value,
                relative: true,
                ..Found::default()
            });
        }
        let this_before = k > 0 && self.is(k - 1, "this");
        let (off, rel_tok) = match self.kind(k) {
            // "this coming weekend": the next one to come, not the one after
            Some(Kind::Rel(_)) if this_before && self.is_any(k, &["coming", "upcoming"]) => {
                (0, k - 1)
            }
            Some(Kind::Rel(r)) => (r, k),
            // "this past weekend": the last one ("the past week" is a span)
            _ if this_before && self.is(k, "past") => (-1, k - 1),
            _ if self.is(k, "the") && matches!(u, Unit::Year | Unit::Month | Unit::Week) => {
                // only with "the end of the year" and the like
                let (m, mk) = self.mod_before(k)?;
                let s = self.t[mk].s;
                return self.relative_unit(u, 0, s, self.t[i].e, Some(m));
            }
            _ => return None,
        };
        // "This Week" in title case is a name (a programme, a column)
        let unit_word = self.s(i);
        if is_upper_initial(unit_word)
            && is_upper_initial(self.s(rel_tok))
            && unit_word.chars().any(|c| c.is_lowercase())
        {
            return None;
        }
        // "the last year" / "the past week" are durations; "the previous year" is not
        if self.is(rel_tok, "last") && rel_tok > 0 && self.is(rel_tok - 1, "the") {
            return None;
        }
        // "the next decade", "the coming decade": ten years ahead, a span
        // like "the past decade", not a decade of the calendar
        if u == Unit::Decade && off > 0 && rel_tok > 0 && self.is(rel_tok - 1, "the") {
            return None;
        }
        if u == Unit::Day {
            // "the next day", "the previous day": anchored on the last written day
            if off == 0 || !(rel_tok > 0 && self.is(rel_tok - 1, "the")) {
                return None;
            }
            let anchor = self.last_day.or(dct);
            let mut f = Found {
                s: self.t[rel_tok].s,
                e: self.t[i].e,
                relative: true,
                anaphoric: true,
                ..Found::default()
            };
            match anchor.and_then(|a| add_days(a, off)) {
                Some(d) => {
                    f.value = fmt_day(d);
                    f.day = Some(d);
                }
                None => f.value = "XXXX-XX-XX".into(),
            }
            return Some(f);
        }
        let mut s_tok = rel_tok;
        let mut modifier = None;
        if let Some((m, mk)) = self.mod_before(s_tok) {
            modifier = Some(m);
            s_tok = mk;
        } else if s_tok > 1
            && self.is(s_tok - 1, "the")
            && let Some((m, mk)) = self.mod_before(s_tok - 1)
        {
            modifier = Some(m);
            s_tok = mk;
        }
        // "the following week/month" counts from the day or month the
        // article last gave
        let anaphoric_rel =
            off != 0 && self.is_any(rel_tok, &["previous", "following", "preceding", "prior"]);
        let anchored = match u {
            Unit::Week if anaphoric_rel => {
                self.last_day.and_then(|d| add_weeks(d, off)).map(fmt_week)
            }
            Unit::Month if anaphoric_rel => self
                .last_month
                .and_then(|d| add_months(d, off))
                .map(|d| format!("{:04}-{:02}", d.year(), d.month())),
            _ => None,
        };
        if let Some(value) = anchored {
            return Some(Found {
                s: self.t[s_tok].s,
                e: self.t[i].e,
                value,
                modifier,
                relative: true,
                anaphoric: true,
                ..Found::default()
            });
        }
        // "the following year" counts from the year the article last gave
        if u == Unit::Year
            && off != 0
            && self.is_any(rel_tok, &["previous", "following", "preceding", "prior"])
            && let Some(y) = self.last_year
        {
            return Some(Found {
                s: self.t[s_tok].s,
                e: self.t[i].e,
                value: format!("{:04}", y as i64 + off),
                modifier,
                relative: true,
                anaphoric: true,
                ..Found::default()
            });
        }
        self.relative_unit(u, off, self.t[s_tok].s, self.t[i].e, modifier)
    }

    fn relative_unit(
        &self,
        u: Unit,
        off: i64,
        s: usize,
        e: usize,
        modifier: Option<&'static str>,
    ) -> Option<Found> {
        let dct = self.dct;
        let value = match (u, dct) {
            (Unit::Year, Some(d)) => format!("{:04}", d.year() as i64 + off),
            (Unit::Month, Some(d)) => {
                let d = add_months(d, off)?;
                format!("{:04}-{:02}", d.year(), d.month())
            }
            (Unit::Week, Some(d)) => fmt_week(add_weeks(d, off)?),
            (Unit::Weekend, Some(d)) => format!("{}-WE", fmt_week(add_weeks(d, off)?)),
            (Unit::Decade, Some(d)) if off >= 0 => format!("{:03}", d.year() as i64 / 10 + off),
            (Unit::Quarter, Some(d)) => {
                let q = (d.month() as i64 - 1) / 3 + off;
                let y = d.year() as i64 + q.div_euclid(4);
                format!("{y:04}-Q{}", q.rem_euclid(4) + 1)
            }
            (Unit::Year, None) => "XXXX".into(),
            (Unit::Month, None) => "XXXX-XX".into(),
            (Unit::Week, None) => "XXXX-WXX".into(),
            (Unit::Weekend, None) => "XXXX-WXX-WE".into(),
            (Unit::Quarter, None) => "XXXX-QX".into(),
            (Unit::Decade, None) if off >= 0 => "XXX".into(),
            _ => return None,
        };
        Some(Found {
            s,
            e,
            value,
            modifier,
            relative: true,
            ..Found::default()
        })
    }

    /// "16.10.2025", "2025-10-16", "05/06/2024".
    fn numeric_date(&self, i: usize) -> Option<Found> {
        let sep = match self.tok(i + 1)?.k {
            Tk::Punct(c @ ('.' | '/' | '-')) => c,
            _ => return None,
        };
        if !(self.glued(i + 1) && self.glued(i + 2) && self.glued(i + 3) && self.glued(i + 4)) {
            return None;
        }
        if !self.punct(i + 3, sep) {
            return None;
        }
        let (a, la) = self.num(i)?;
        let (b, lb) = self.num(i + 2)?;
        let (c, lc) = self.num(i + 4)?;
        // nothing numeric glued on either side ("1.2.3.4", URLs)
        if self.glued(i + 5)
            && (self.num(i + 5).is_some()
                || (matches!(self.tok(i + 5)?.k, Tk::Punct(x) if x == sep)
                    && self.glued(i + 6)
                    && self.num(i + 6).is_some()))
        {
            return None;
        }
        if i > 0
            && self.glued(i)
            && matches!(self.t[i - 1].k, Tk::Punct('/' | '.' | '-' | ':') | Tk::Num)
        {
            return None;
        }
        if lb > 2 {
            return None;
        }
        let mut f = Found {
            s: self.t[i].s,
            e: self.t[i + 4].e,
            ..Found::default()
        };
        let (y, m, d) = if la == 4 && lc <= 2 {
            (a, b, c)
        } else if la <= 2 && (lc == 4 || (lc == 2 && sep != '-')) {
            let y = if lc == 2 {
                if c < 50 { 2000 + c } else { 1900 + c }
            } else {
                c
            };
            if a > 12 && b > 12 {
                return None;
            }
            let day_first = if a > 12 {
                true
            } else if b > 12 {
                false
            } else if a == b || sep == '.' {
                true
            } else {
                let evidence = self
                    .doc_order
                    .get_or_init(|| OrderEvidence::of(self.text))
                    .day_first(u32::try_from(a).unwrap_or(0), u32::try_from(b).unwrap_or(0));
                let day_first = evidence.unwrap_or(false);
                // the other reading: month first when read day first
                let (om, od) = if day_first { (a, b) } else { (b, a) };
                f.order = Some(NumericOrder {
                    day_first,
                    settled: evidence.is_some(),
                    other: format!("{y:04}-{om:02}-{od:02}"),
                });
                day_first
            };
            if day_first { (y, b, a) } else { (y, a, b) }
        } else {
            return None;
        };
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=2100).contains(&y) {
            return None;
        }
        f.value = format!("{y:04}-{m:02}-{d:02}");
        match Date::new(y as i16, m as i8, d as i8) {
            Ok(date) => f.day = Some(date),
            Err(_) => f.invalid = Some(invalid_reason(y as i32, m as i8, d as i8)),
        }
        Some(f)
    }

    fn number(&self, i: usize) -> Option<Found> {
        if let Some(f) = self.numeric_date(i) {
            return Some(f);
        }
        let (n, len) = self.num(i)?;
        // glued to a word ("A380", "G20") or inside another number
        if i > 0 && self.glued(i) {
            match self.t[i - 1].k {
                Tk::Word | Tk::Num => return None,
                Tk::Punct('$' | '€' | '£' | '¥' | '#' | '.' | ',' | '/' | ':' | '+' | '№') => {
                    return None;
                }
                _ => {}
            }
        }
        // decades: "1990s", "the '90s"
        if self.glued(i + 1) && self.is(i + 1, "s") && n % 10 == 0 {
            let (value, s) = if len == 4 && (1000..=2090).contains(&n) {
                (format!("{:03}", n / 10), self.t[i].s)
            } else if len == 2
                && i > 0
                && self.glued(i)
                && matches!(self.t[i - 1].k, Tk::Punct('\'' | '’'))
            {
                let century = if n >= 30 { 19 } else { 20 };
                (format!("{century}{}", n / 10), self.t[i - 1].s)
            } else if len == 2
                && n >= 20
                && i > 0
                && !self.glued(i)
                && (self.is(i - 1, "the")
                    || (matches!(self.kind(i - 1), Some(Kind::Mod(_)))
                        && i > 1
                        && self.is(i - 2, "the")))
            {
                // "the 90s", "the early 80s"; "in his late 30s" is an age
                (format!("19{}", n / 10), self.t[i].s)
            } else {
                return None;
            };
            let first = if s < self.t[i].s { i - 1 } else { i };
            let mut f = Found {
                s,
                e: self.t[i + 1].e,
                value,
                ..Found::default()
            };
            if let Some((m, k)) = self.mod_before(first) {
                f.modifier = Some(m);
                f.s = self.t[k].s;
            }
            return Some(f);
        }
        let y = self.year_at(i)? as i64;
        // what comes before
        let mut s_tok = i;
        let mut modifier = None;
        let mut half = None;
        if i > 0 {
            let p = i - 1;
            if self.dash(p) && self.glued(i) && self.glued(p) {
                match self.entry(p.wrapping_sub(1)) {
                    Some(Entry {
                        kind: Kind::Mod(m), ..
                    }) => {
                        modifier = Some(m);
                        s_tok = p - 1;
                    }
                    _ => return None,
                }
            } else if let Some(w) = self.word(p) {
                // "until at least 2050": "at" stands between.
                let lead = if p > 1 && self.is(p - 1, "at") {
                    p - 2
                } else {
                    p.wrapping_sub(1)
                };
                // "over 2026-2027": a span of years is no count.
                let years_follow = {
                    let after = &self.text[self.t[i].e..];
                    let next = after
                        .strip_prefix('-')
                        .or_else(|| after.strip_prefix('–'))
                        .and_then(|a| a.get(..4))
                        .and_then(|a| a.parse::<i64>().ok());
                    next.is_some_and(|n| n > y && n <= y + 10)
                };
                if LEX.not_year_before(w)
                    && !years_follow
                    && !(p > 0 && self.word(lead).is_some_and(|w2| LEX.year_again(w2)))
                {
                    return None;
                }
                if let Some((m, k)) = self.mod_before(i) {
                    modifier = Some(m);
                    s_tok = k;
                } else if self.is(p, "of")
                    && p >= 2
                    && self.is(p - 1, "half")
                    && let Some(Kind::Ordinal(o @ (1 | 2))) = self.kind(p - 2)
                {
                    half = Some(o);
                    s_tok = p - 2;
                }
            } else if self.punct(p, '.')
                && p > 0
                && self.word(p - 1).is_some_and(|w| LEX.not_year_before(w))
            {
                return None;
            }
        }
        let cue = s_tok < i || (i > 0 && matches!(self.kind(i - 1), Some(Kind::Cue)));
        if !(1900..=2100).contains(&y) && !cue {
            return None;
        }
        // what comes after: a counted noun, "%", a range of counts
        let j = i + 1;
        if let Some(w) = self.word(j)
            && LEX.not_year_after(w)
        {
            return None;
        }
        if self.punct(j, '%') {
            return None;
        }
        let mut end_value = None;
        let mut e = self.t[i].e;
        if (self.dash(j)
            || self.is_any(j, &["and", "or", "to"])
            || (self.punct(j, '/') && self.glued(j)))
            && let Some((n2, l2)) = self.num(j + 1)
        {
            if self.word(j + 2).is_some_and(|w| LEX.not_year_after(w)) || self.punct(j + 2, '%') {
                return None;
            }
            if self.dash(j) || self.punct(j, '/') {
                if l2 == 2 && self.glued(j) && self.glued(j + 1) {
                    if n2 > y % 100 && !(self.glued(j + 2) && self.num(j + 2).is_some()) {
                        end_value = Some(format!("{:04}", y / 100 * 100 + n2));
                        e = self.t[j + 1].e;
                    } else if (1..=12).contains(&n2) && self.s(j + 1).starts_with('0') {
                        let f = Found {
                            s: self.t[s_tok].s,
                            e: self.t[j + 1].e,
                            value: format!("{y:04}-{n2:02}"),
                            modifier,
                            ..Found::default()
                        };
                        return Some(f);
                    }
                } else if l2 == 4 && n2 > y && n2 - y < 100 && self.year_at(j + 1).is_some() {
                    end_value = Some(format!("{n2:04}"));
                    e = self.t[j + 1].e;
                }
            }
        }
        let value = match half {
            Some(h) => format!("{y:04}-H{h}"),
            None => format!("{y:04}"),
        };
        Some(Found {
            s: self.t[s_tok].s,
            e,
            value,
            end_value,
            modifier,
            ..Found::default()
        })
    }
}

fn invalid_reason(y: i32, m: i8, d: i8) -> String {
    let days = Date::new(y as i16, m, 1)
        .map(|x| x.days_in_month())
        .unwrap_or(31);
    let month = MONTH_NAMES.get(m as usize - 1).copied().unwrap_or("?");
    format!("{month} {y} has {days} days, so day {d} does not exist")
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The first two numbers of each numeric date ("25/06/2024", "6.25.24"):
/// one or two digits, one or two digits, then two or four, apart by `/`,
/// `.` or `-`, standing as a word. A byte scan: this runs over the whole
/// article, and a regex with captures ran at a tenth of the speed.
fn numeric_dates(text: &str) -> impl Iterator<Item = (u32, u32)> + '_ {
    let b = text.as_bytes();
    let word = move |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    let digits = move |i: usize| {
        b[i.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let sep = move |i: usize| matches!(b.get(i), Some(b'/' | b'.' | b'-'));
    let num = move |i: usize, n: usize| text[i..i + n].parse::<u32>().unwrap_or(0);
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(off) = b.get(i..)?.iter().position(u8::is_ascii_digit) {
            i += off;
            let n1 = digits(i);
            if i > 0 && word(i - 1) {
                i += n1;
                continue;
            }
            let j = i + n1 + 1;
            let n2 = digits(j);
            let k = j + n2 + 1;
            let n3 = digits(k);
            if (1..=2).contains(&n1)
                && sep(i + n1)
                && (1..=2).contains(&n2)
                && sep(j + n2)
                && (n3 == 2 || n3 == 4)
                && !word(k + n3)
            {
                let found = (num(i, n1), num(j, n2));
                i = k + n3;
                return Some(found);
            }
            i += n1;
        }
        None
    })
}

/// The order the article's own unambiguous numeric dates use: Some(true) for
/// day first (25/06/2024), Some(false) for month first (06/25/2024).
fn doc_order(text: &str) -> Option<bool> {
    let (mut dmy, mut mdy) = (0, 0);
    for (a, b) in numeric_dates(text) {
        if a > 12 && b <= 12 {
            dmy += 1;
        } else if b > 12 && a <= 12 {
            mdy += 1;
        }
    }
    majority(dmy, mdy)
}

fn majority(day_first: usize, month_first: usize) -> Option<bool> {
    match (day_first, month_first) {
        (0, 0) => None,
        (d, m) if d > m => Some(true),
        (d, m) if m > d => Some(false),
        _ => None,
    }
}

/// What an article shows of the order it writes day and month in, for
/// a numeric date that reads both ways ("03/12/2025").
#[derive(Debug, Default)]
pub(crate) struct OrderEvidence {
    /// The order of its numeric dates that read one way only.
    numeric: Option<bool>,
    /// The order of its dates with the month in words: "3 December",
    /// "18-19 December" (day first), "December 3" (month first).
    spelled: Option<bool>,
    /// (month, day) of every date with the month in words.
    days: Vec<(u32, u32)>,
    /// Bit `m` set: the article names month `m` in words.
    months: u16,
}

impl OrderEvidence {
    fn of(text: &str) -> OrderEvidence {
        let (mut dmy, mut mdy) = (0, 0);
        let mut days = Vec::new();
        let mut months = 0u16;
        let b = text.as_bytes();
        // A day number of one or two digits ending at `end` (an ordinal
        // suffix after it is skipped by the caller), standing as a word.
        let day_before = |end: usize| -> Option<u32> {
            let digits = b[..end]
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .count();
            let start = end - digits;
            ((1..=2).contains(&digits) && (start == 0 || !b[start - 1].is_ascii_alphanumeric()))
                .then(|| text[start..end].parse().ok())
                .flatten()
        };
        for word in text.split(|c: char| !c.is_alphabetic()) {
            let start = word.as_ptr() as usize - text.as_ptr() as usize;
            let pos = start + word.len();
            if !word.starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let Some(Kind::Month(month)) = LEX.get(word).map(|e| e.kind) else {
                continue;
            };
            let Ok(month) = u32::try_from(month) else {
                continue;
            };
            if month < 16 {
                months |= 1 << month;
            }
            // "3 December", "3rd of December", "18-19 December"
            let before = text[..start].trim_end_matches(' ');
            let before = before.strip_suffix(" of").unwrap_or(before);
            let before = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|s| before.strip_suffix(s))
                .unwrap_or(before);
            let end = before.len();
            if let Some(d) = day_before(end).filter(|d| (1..=31).contains(d)) {
                dmy += 1;
                days.push((month, d));
                continue;
            }
            // "December 3", "Dec. 3": not a year, not a clock time
            let after = text[pos..].strip_prefix('.').unwrap_or(&text[pos..]);
            let after = after.trim_start_matches(' ');
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let next = after.as_bytes().get(digits).copied();
            if (1..=2).contains(&digits)
                && !matches!(next, Some(b':' | b'.' | b'/' | b'-' | b'0'..=b'9'))
                && let Ok(d) = after[..digits].parse::<u32>()
                && (1..=31).contains(&d)
            {
                mdy += 1;
                days.push((month, d));
            }
        }
        OrderEvidence {
            numeric: doc_order(text),
            spelled: majority(dmy, mdy),
            days,
            months,
        }
    }

    /// Whether `a/b` is read day first: the reading whose day the article
    /// also writes with the month in words, else the order of its other
    /// numeric dates, else the reading whose month alone the article
    /// names in words ("06/11/2025" over "the COP30 summit, November 10
    /// to 21"), else the order of its spelled dates.
    fn day_first(&self, a: u32, b: u32) -> Option<bool> {
        let day_first = self.days.contains(&(b, a));
        let month_first = self.days.contains(&(a, b));
        if day_first != month_first {
            return Some(day_first);
        }
        let named = |m: u32| m < 16 && self.months & (1 << m) != 0;
        self.numeric.or(match (named(b), named(a)) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => self.spelled,
        })
    }
}

/// Finds DATE expressions and normalises them against `dct`.
pub fn recognize(text: &str, dct: Option<Date>) -> Vec<DateMention> {
    let mut found: Vec<Found> = Vec::new();
    let mut toks = Vec::with_capacity(64);
    let doc_order = OnceCell::new();
    let bytes = text.as_bytes();
    // a front-matter block is metadata, not article text
    let mut pos = front_matter_end(text);
    let mut floor = pos;
    let mut last_day: Option<Date> = None;
    let mut last_quarter: Option<(i32, i64)> = None;
    let mut last_year: Option<i32> = None;
    let mut year_scope: Option<(i32, usize)> = None;
    let mut last_month: Option<Date> = None;
    let mut last_weekday: Option<(usize, usize)> = None;
    while pos < text.len() {
        let Some(m) = LEX.triggers.find(Input::new(text).span(pos..text.len())) else {
            break;
        };
        let (ms, me) = (m.start(), m.end());
        let digit = bytes[ms].is_ascii_digit();
        if !digit {
            let before_ok = ms == 0 || !bytes[ms - 1].is_ascii_alphanumeric();
            let after_ok = me >= bytes.len() || !bytes[me].is_ascii_alphabetic();
            if !before_ok || !after_ok {
                pos = me;
                continue;
            }
        }
        if digit {
            // cheap test before tokenising: only 1-2 digit numbers that start
            // a numeric date or a decade ("'90s"), and 4-digit ones, can start
            // a date here (a day before a month is found from the month)
            let mut e = ms;
            while e < bytes.len() && bytes[e].is_ascii_digit() {
                e += 1;
            }
            let len = e - ms;
            let next = bytes.get(e).copied().unwrap_or(b' ');
            let next_digit = bytes.get(e + 1).is_some_and(u8::is_ascii_digit);
            let useful = match len {
                4 => true,
                1 | 2 => {
                    (matches!(next, b'.' | b'/' | b'-') && next_digit)
                        || (next == b's' && ms > 0 && !bytes[ms - 1].is_ascii_alphanumeric())
                }
                _ => false,
            };
            if !useful {
                pos = e;
                while pos < bytes.len()
                    && (bytes[pos].is_ascii_digit()
                        || (matches!(bytes[pos], b',' | b'.' | b':' | b'/')
                            && bytes.get(pos + 1).is_some_and(|c| c.is_ascii_digit())))
                {
                    pos += 1;
                }
                continue;
            }
        }
        // numbers need less context than words ("the first half of 2024")
        let (back, ahead) = if digit { (40, 48) } else { (48, 80) };
        let from = floor_boundary(text, ms.saturating_sub(back)).max(floor);
        let to = ceil_boundary(text, me + ahead);
        tokenize(text, from, to, &mut toks);
        let Some(i) = toks.iter().position(|t| t.s == ms) else {
            pos = me;
            continue;
        };
        let p = Parser {
            text,
            t: &toks,
            dct,
            doc_order: &doc_order,
            last_day,
            last_quarter,
            last_year,
            year_scope,
            last_month,
            last_weekday,
        };
        let hit = match p.kind(i) {
            _ if digit => p.number(i),
            Some(Kind::Month(_)) => p.month(i),
            Some(Kind::Weekday(_)) => p.weekday(i),
            Some(Kind::Season(_)) => p.season(i),
            Some(Kind::Deictic(_)) => p.deictic(i),
            Some(Kind::Unit(_)) => p.unit(i),
            _ if p.s(i).eq_ignore_ascii_case("q") => p.quarter(i),
            _ if p.s(i).eq_ignore_ascii_case("h") => p.half(i),
            _ => None,
        };
        match hit {
            Some(f) if f.s >= floor && f.e > f.s => {
                // Any day the article pins down, also one whose year comes
                // from the document date ("on 3 February"), anchors "the next
                // day" and "two days later".
                if f.value.len() == 10 {
                    last_day = f.day.or(last_day);
                }
                if matches!(p.kind(i), Some(Kind::Weekday(_))) && f.relative {
                    last_weekday = Some((f.s, f.e));
                }
                let v = f.value.as_bytes();
                if f.end_value.is_none()
                    && v.len() >= 7
                    && v[4] == b'-'
                    && v[..4].iter().chain(&v[5..7]).all(u8::is_ascii_digit)
                    && let (Ok(y), Ok(m)) =
                        (f.value[..4].parse::<i16>(), f.value[5..7].parse::<i8>())
                {
                    last_month = Date::new(y, m, 1).ok().or(last_month);
                }
                // "In 1992, relations were ...", "since 2012, when the
                // first one took place ...": the year sets the scene of
                // the clause after it
                let after = &text[f.e..];
                let sets_scene = after.starts_with(", when ")
                    || (after.starts_with(',')
                        && previous_word(text, f.s).is_some_and(|w| w == "In")
                        && crate::text::words::starts_sentence(text, f.s.saturating_sub(3)));
                if v.len() == 4 && !f.relative && f.end_value.is_none() && sets_scene {
                    year_scope = Some((f.value.parse().unwrap_or(0), f.e));
                }
                if !f.anaphoric && v.len() >= 4 && v[..4].iter().all(u8::is_ascii_digit) {
                    let y: i32 = f.value[..4].parse().unwrap_or(0);
                    last_year = Some(y);
                    if v.len() == 7 && v[5] == b'Q' && v[6].is_ascii_digit() {
                        last_quarter = Some((y, (v[6] - b'0') as i64));
                    }
                }
                pos = f.e;
                floor = f.e;
                let second = second_day(text, &f);
                found.push(f);
                if let Some(g) = second {
                    pos = g.e;
                    floor = g.e;
                    found.push(g);
                }
            }
            _ => {
                pos = toks[i].e;
                if digit {
                    // skip the rest of a number such as 1,200.50 or 10:30
                    while pos < bytes.len()
                        && (bytes[pos].is_ascii_digit()
                            || (matches!(bytes[pos], b',' | b'.' | b':' | b'/')
                                && bytes.get(pos + 1).is_some_and(|c| c.is_ascii_digit())))
                    {
                        pos += 1;
                    }
                }
            }
        }
    }
    merge_ranges(text, &mut found);
    found
        .into_iter()
        .map(|f| DateMention {
            start: f.s,
            end: f.e,
            value: DateValue {
                value: f.value,
                end_value: f.end_value,
                modifier: f.modifier.map(str::to_string),
                relative: f.relative,
            },
            weekday: f.weekday,
            day: f.day,
            invalid: f.invalid,
            order: f.order,
            anchored: f.anaphoric,
        })
        .collect()
}

/// The tense of the clause around `text[s..e]`: Some(true) future,
/// Some(false) past. The verb before a date usually governs it, so a cue
/// before wins over one after.
pub(crate) fn tense_around(text: &str, s: usize, e: usize) -> Option<bool> {
    tense_cues(text, s, e).map(|(t, _, _)| t)
}

/// The tense and whether a listed word (not just an "-ed" ending) said so.
fn tense_cues(text: &str, s: usize, e: usize) -> Option<(bool, bool, usize)> {
    let participle = past_participle;
    let b = text.as_bytes();
    // A full stop ends the clause unless it closes an abbreviation: the
    // next word goes on in lower case ("told U.S. envoys"), or the stop
    // follows a lone capital ("the U.S. Treasury", "S. Jaishankar").
    let stop_at = |i: usize| match b[i] {
        b'!' | b'?' | b';' | b'\n' => true,
        b'.' => {
            let initial = i >= 1
                && b[i - 1].is_ascii_uppercase()
                && (i == 1 || !b[i - 2].is_ascii_alphabetic());
            // "on Nov. 7": a number goes on after an abbreviation.
            let next = b[i + 1..].iter().find(|c| !c.is_ascii_whitespace());
            !initial && !next.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        }
        _ => false,
    };
    // backward, far enough for the verb of a long clause ("is expected
    // to name his squad for ... against Wales and Latvia on Thursday")
    let mut words = 0;
    let mut i = s;
    let mut back: Option<(usize, bool, bool)> = None;
    // Whether `back` is an "-ed" word some way from the date.
    let mut weak_participle = false;
    while i > 0 && words < 16 {
        let c = b[i - 1];
        if stop_at(i - 1) {
            break;
        }
        if c.is_ascii_alphabetic() {
            let we = i;
            while i > 0 && b[i - 1].is_ascii_alphabetic() {
                i -= 1;
            }
            let w = &text[i..we];
            words += 1;
            // "held talks on Tuesday, and on Friday he is expected to": a
            // comma before "and"/"but" opens a new clause.
            if matches!(w, "and" | "but") && text[..i].trim_end().ends_with(',') {
                break;
            }
            // "days later": a story told in order, not what lies ahead
            let narrative_later = w == "later"
                && previous_word(text, i)
                    .and_then(|p| LEX.get(p))
                    .is_some_and(|e| matches!(e.kind, Kind::Unit(_)));
            match back {
                // "will be held", "is to be buried": an auxiliary before
                // a participle decides
                Some((_, false, _)) => {
                    // ... but only right before it: "listed the cap
                    // scrapped in the autumn" stays past
                    // (a noun, "the Commission's plan, first floated",
                    // or an adverb, "likely contracted", is none)
                    let verb = !LEX.noun_cue(w) && !w.ends_with("ly");
                    let auxiliary = words <= back.map_or(0, |b| b.0) + 2 && verb;
                    if auxiliary
                        && ((LEX.tense(w) == Some(true) && !narrative_later)
                            || (w == "be" && to_be_ahead(&text[..i])))
                    {
                        back = back.map(|(n, _, _)| (n, true, true));
                        break;
                    }
                    // "would publish its list of recommended candidates
                    // by ...": an "-ed" word further from the date may
                    // qualify a noun; a listed verb before it governs
                    if weak_participle
                        && !narrative_later
                        && verb
                        && let Some((t, true)) = LEX.tense_cue(w)
                    {
                        back = Some((words, t, true));
                        break;
                    }
                    if !weak_participle && words > back.map_or(0, |b| b.0) + 2 {
                        break;
                    }
                }
                _ => {
                    // the verb right before a date governs it: an "-ed"
                    // verb there ("resigned in January") is as clear as a
                    // listed one
                    // "a ceasefire was agreed in Putrajaya on July 28": in
                    // the passive it has no complement; the date is when.
                    // ("is committed to holding the vote in February" keeps
                    // its complement)
                    let passive = || {
                        !text[we..].starts_with(" to ")
                            && previous_word(text, i).is_some_and(|p| {
                                matches!(p, "was" | "were" | "been" | "being" | "is" | "are")
                            })
                    };
                    let complement = || {
                        LEX.complement_verb(w)
                            .then(|| (words >= 3 && !passive(), true))
                    };
                    let cue = if narrative_later {
                        Some((false, true))
                    } else if noun_here(text, i, w)
                        || (LEX.to_cue(w) && !text[we..].starts_with(" to "))
                    {
                        None
                    } else {
                        LEX.tense_cue(w).or_else(complement)
                    };
                    // "OFAC imposed sanctions on NIS in January": an "-ed"
                    // word after its subject, a few words before the date,
                    // is the verb; after a determiner it may be an
                    // adjective ("the delayed vote in March", "a list of
                    // recommended candidates").
                    let subject_before = || {
                        words <= 6
                            && previous_word(text, i).is_some_and(|p| {
                                let p = p.to_ascii_lowercase();
                                !DETERMINERS.contains(&p.as_str())
                                    && !ADJECTIVE_LEADS.contains(&p.as_str())
                            })
                    };
                    let verb_ed = participle(w).is_some() && (words <= 3 || subject_before());
                    weak_participle = cue.is_none() && words > 3 && !verb_ed;
                    if let Some((t, strong)) = cue.or_else(|| participle(w).map(|t| (t, verb_ed))) {
                        back = Some((words, t, strong));
                        if t {
                            break;
                        }
                    }
                }
            }
        } else {
            i -= 1;
        }
    }
    let mut words = 0;
    let mut i = e;
    let mut fwd: Option<(usize, bool, bool)> = None;
    // A quote that closes after its own comma or full stop ("... in
    // August," said ...) ends the clause: the verb after it attributes
    // the quote.
    let quote_closes = |i: usize| {
        let closing = b[i] == b'"'
            || (b[i] == 0xE2 && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x9D));
        closing && i > 0 && matches!(b[i - 1], b',' | b'.')
    };
    while i < b.len() && words < 10 {
        let c = b[i];
        if stop_at(i) || quote_closes(i) {
            break;
        }
        if c.is_ascii_alphabetic() {
            let ws = i;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let w = &text[ws..i];
            words += 1;
            // "cut rates in August and will announce more": a verb after a
            // conjunction belongs to the next clause.
            if matches!(w, "and" | "but" | "while" | "whereas") {
                break;
            }
            if noun_here(text, ws, w) || (LEX.to_cue(w) && !text[i..].starts_with(" to ")) {
                continue;
            }
            if let Some((t, strong)) = LEX
                .tense_cue(w)
                .or_else(|| participle(w).map(|t| (t, false)))
            {
                fwd = Some((words, t, strong));
                break;
            }
        } else {
            i += 1;
        }
    }
    match (back, fwd) {
        (Some((n, t, strong)), _) | (None, Some((n, t, strong))) => Some((t, strong, n)),
        (None, None) => None,
    }
}

/// Whether `between` (the text between two mentions) stays in one
/// sentence: no line break and no full stop before a capital.
fn same_sentence(between: &str) -> bool {
    !between.contains(['\n', '!', '?'])
        && !between
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == b'.' && w[1] == b' ' && w[2].is_ascii_uppercase())
}

/// Whether the cue word `w` at byte `i` is a noun there: one of the
/// words that are ("forecast", "plan") after a determiner, directly or
/// across one lower-case word ("its growth forecast", "the new plan").
/// Words after which an "-ed" word is rather an adjective ("a list of
/// recommended candidates").
const ADJECTIVE_LEADS: [&str; 16] = [
    "of", "for", "with", "in", "on", "at", "by", "to", "from", "into", "about", "over", "under",
    "as", "and", "or",
];

const DETERMINERS: [&str; 12] = [
    "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that",
];

fn noun_here(text: &str, i: usize, w: &str) -> bool {
    if !LEX.noun_cue(w) {
        return false;
    }
    let Some(prev) = previous_word(text, i) else {
        return false;
    };
    if DETERMINERS.contains(&prev) {
        return true;
    }
    let prev_start = prev.as_ptr() as usize - text.as_ptr() as usize;
    prev.bytes().all(|b| b.is_ascii_lowercase())
        && previous_word(text, prev_start).is_some_and(|p| DETERMINERS.contains(&p))
}

/// Whether a "be" follows "to": a plan ("is to be buried on Tuesday",
/// "the summit to be held in mid-June"), unless the plan itself lies in
/// the past ("was to be held", "used to be").
fn to_be_ahead(before: &str) -> bool {
    let Some(rest) = before.trim_end().strip_suffix(" to") else {
        return false;
    };
    let prev = rest.trim_end().rsplit(' ').next().unwrap_or("");
    !matches!(prev, "was" | "were" | "used")
}

/// The end of a `---` front-matter block at the top of the text, or 0.
fn front_matter_end(text: &str) -> usize {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return 0;
    };
    let mut pos = text.len() - rest.len();
    for line in rest.split_inclusive('\n') {
        pos += line.len();
        if matches!(line.trim_end(), "---" | "...") {
            return pos;
        }
    }
    0
}

/// "on Oct. 30 or 31", "January 15 and 16": the second day of a month
/// written with the first, as a date of its own.
fn second_day(text: &str, f: &Found) -> Option<Found> {
    let v = &f.value;
    if v.len() != 10 || f.end_value.is_some() {
        return None;
    }
    let first: u32 = v[8..].parse().ok()?;
    // The day ends the first date ("Oct. 30", not "5 July 2024").
    let written = &text[f.s..f.e];
    let tail = written.bytes().rev().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&tail) || written[written.len() - tail..].parse::<u32>().ok()? != first {
        return None;
    }
    let rest = ["or", "and"].iter().find_map(|w| {
        text[f.e..]
            .strip_prefix(' ')?
            .strip_prefix(w)?
            .strip_prefix(' ')
    })?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let day: u32 = rest[..digits].parse().ok()?;
    if day <= first || day > 31 {
        return None;
    }
    // What follows the number: the sentence goes on, not a count of
    // something ("on May 5 and 6 people died").
    let after = &rest[digits..];
    let next = after.chars().next();
    let ok = match next {
        None => true,
        Some(c) if ",.;:)!?\n\r".contains(c) => true,
        Some(' ') => {
            let w = after[1..]
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            w.starts_with(|c: char| c.is_uppercase()) || !LEX.not_year_after(w)
        }
        _ => false,
    };
    if !ok {
        return None;
    }
    let s = text.len() - rest.len();
    let mut g = Found {
        s,
        e: s + digits,
        relative: f.relative,
        ..Found::default()
    };
    match f.day {
        Some(d) => {
            let date = Date::new(d.year(), d.month(), i8::try_from(day).ok()?).ok()?;
            g.value = fmt_day(date);
            g.day = Some(date);
        }
        None => g.value = format!("{}{day:02}", &v[..8]),
    }
    Some(g)
}

/// "from 2023 to 2024", "between May and June": one mention with an end value.
fn merge_ranges(text: &str, found: &mut Vec<Found>) {
    if found.len() < 2 {
        return;
    }
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    let mut it = std::mem::take(found).into_iter().peekable();
    while let Some(mut a) = it.next() {
        if let Some(b) = it.peek()
            && a.end_value.is_none()
            && b.end_value.is_none()
            && a.modifier.is_none()
            && b.modifier.is_none()
            && a.value.len() == b.value.len()
            && b.s >= a.e
        {
            let between = text[a.e..b.s].trim();
            let lead = previous_word(text, a.s).unwrap_or("").to_ascii_lowercase();
            let ok = match between {
                "-" | "–" | "—" => true,
                // "January through September 2025": a span up to a
                // month its year is written with needs no "from".
                "to" | "until" | "till" | "through" => {
                    lead == "from" || (a.value.len() == 7 && !b.relative && b.value.len() == 7)
                }
                "and" => lead == "between",
                _ => false,
            };
            if ok && b.s - a.e <= 12 {
                let b = it.next().expect("peeked");
                // "from March to May 2024": the start takes the end's year
                let digits =
                    |v: &str| v.len() >= 7 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit);
                // "the April-June quarter": both years guessed, and the
                // start may not come after the end
                let backwards = a.relative && b.relative && a.value > b.value;
                let yearless = a.value.starts_with("XXXX") && !a.value[4..].contains(['W', 'X']);
                if (a.relative && (!b.relative || backwards) && digits(&a.value) || yearless)
                    && digits(&b.value)
                {
                    let by: i32 = b.value[..4].parse().unwrap_or(0);
                    let y = if a.value[4..] <= b.value[4..] {
                        by
                    } else {
                        by - 1
                    };
                    a.value = format!("{y:04}{}", &a.value[4..]);
                    a.day = a.value.parse().ok();
                    a.relative = false;
                }
                a.e = b.e;
                a.end_value = Some(b.value);
                a.relative |= b.relative;
                a.weekday = None;
            }
        }
        out.push(a);
    }
    *found = out;
}

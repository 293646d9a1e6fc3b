//! Where an article's own date comes from.

use super::lexicon::LEX;
use crate::text::words::previous_word;
use jiff::civil::{Date, Weekday};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DctSource {
    /// `--document-date` or the client's setting.
    Override,
    /// A `date:` key in a front-matter block at the top of the file.
    FrontMatter,
    /// A dateline or byline the article carries.
    Dateline,
}

impl DctSource {
    pub fn describe(self) -> &'static str {
        match self {
            DctSource::Override => "set by --document-date or the editor setting",
            DctSource::FrontMatter => "from the front matter",
            DctSource::Dateline => "from the article's dateline",
        }
    }
}

/// The document creation time and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dct {
    pub date: Date,
    pub source: DctSource,
    /// Byte span of the text it was read from, when it came from the text.
    pub span: Option<(usize, usize)>,
}

/// Finds the DCT the text itself carries: front matter first, then a dateline
/// or a "Published ..." stamp near the top or the bottom of the article.
pub fn detect_dct(text: &str) -> Option<Dct> {
    front_matter_date(text).or_else(|| dateline_date(text))
}

/// Words that introduce an article's own date, strongest first.
const STAMP_CUES: [(&str, u8); 11] = [
    ("published", 4),
    ("issued", 4),
    ("posted", 4),
    ("dated", 4),
    ("created", 4),
    ("date:", 4),
    ("first published", 4),
    ("updated", 3),
    ("update", 3),
    ("last modified", 3),
    ("modified", 3),
];

fn region(text: &str, from: usize, to: usize) -> (usize, &str) {
    let mut f = from.min(text.len());
    while !text.is_char_boundary(f) {
        f += 1;
    }
    let mut t = to.min(text.len());
    while !text.is_char_boundary(t) {
        t -= 1;
    }
    (f, &text[f..t.max(f)])
}

/// "MOSCOW, Oct 16 (Reuters) -", "Published 16.10.2025", a line holding only
/// a date ("on16.10.2025").
fn dateline_date(text: &str) -> Option<Dct> {
    let mut regions = vec![region(text, 0, 3000)];
    if text.len() > 3000 {
        regions.push(region(
            text,
            text.len().saturating_sub(1500).max(3000),
            text.len(),
        ));
    }
    // (score, start, end, date)
    let mut best: Option<(u8, usize, usize, Date)> = None;
    // Years the article writes out: alone ("the 2025 budget") or in a date
    // ("January 14, 2025"), with the month and day when it has them.
    let mut years: Vec<Written<'_>> = Vec::new();
    let mut pending: Vec<(u8, usize, usize, i8, i8)> = Vec::new();
    // Bare weekdays ("on Tuesday"): where they are and which day they name.
    let mut weekdays: Vec<(usize, usize, Weekday)> = Vec::new();
    for (base, r) in regions {
        for m in super::recognize(r, None) {
            let v = &m.value.value;
            if let Some(n) = v.strip_prefix("XXXX-WXX-")
                && let Ok(n) = n.parse::<i8>()
                && let Ok(day) = Weekday::from_monday_one_offset(n)
                && !r[m.start..m.end].contains(char::is_whitespace)
            {
                weekdays.push((base + m.start, base + m.end, day));
            }
            // "January through September 2025": the year the range ends in.
            // "between March 2024 and February 2025": the year it ends in.
            let w = match &m.value.end_value {
                Some(end) if end.len() >= 4 && !end.starts_with("XXXX") => end,
                _ => v,
            };
            if w.len() >= 4
                && (!m.value.relative || m.value.end_value.is_some())
                && !targets_year(r, m.start)
                && !names_year(r, m.start, m.end)
                && let Some(Ok(year)) = w.get(..4).map(str::parse)
            {
                let part = |k: usize| w.get(k..k + 2).and_then(|p| p.parse::<i8>().ok());
                years.push(Written {
                    year,
                    month_day: part(5).map(|mo| (mo, part(8).unwrap_or(1))),
                    text: r,
                    span: (m.start, m.end),
                });
            }
            let line_start = r[..m.start].rfind('\n').map_or(0, |i| i + 1);
            // "Week of 3–9 March 2025" heading a digest: its last day.
            if let Some(end) = &m.value.end_value
                && end.len() == 10
                && r[line_start..m.start]
                    .trim()
                    .eq_ignore_ascii_case("week of")
                && let Ok(date) = end.parse::<Date>()
            {
                let (s, e) = (base + m.start, base + m.end);
                if best.is_none_or(|b| 3 > b.0) {
                    best = Some((3, s, e, date));
                }
                continue;
            }
            // "March 12, 20254:17 PM GMT+1Updated": a scraped stamp whose
            // year and clock time ran together.
            if v.len() == 10
                && v.starts_with("XXXX")
                && let Some(year) = year_glued_to_time(&r[m.end..])
                && let (Ok(mo), Ok(d)) = (v[5..7].parse::<i8>(), v[8..10].parse::<i8>())
                && let Ok(date) = Date::new(year, mo, d)
            {
                let (s, e) = (base + m.start, base + m.end);
                if best.is_none_or(|b| 3 > b.0) {
                    best = Some((3, s, e, date));
                }
                continue;
            }
            if v.len() != 10 || m.invalid.is_some() || m.value.end_value.is_some() {
                continue;
            }
            let line_end = r[m.end..].find('\n').map_or(r.len(), |i| m.end + i);
            let prefix = r[line_start..m.start].trim();
            let suffix = r[m.end..line_end].trim();
            let low = prefix.to_ascii_lowercase();
            let mut score = 0;
            // Lines of text above the date's own.
            let lines_above = || {
                r[..line_start]
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count()
            };
            let top_line = || lines_above() <= 4;
            // "Published 16.10.2025", "By X | Updated: ...": the cue opens
            // the stamp; "a document dated 2025-10-08" in the body tells of
            // another day.
            let labels = || {
                low.split(['|', '·', '•', '●', ','])
                    .map(|l| l.trim_start_matches(|c: char| !c.is_alphanumeric()))
            };
            // "This content was published on ...": within a sentence, only
            // on the top lines or at the foot.
            for (cue, s) in STAMP_CUES {
                if low.len() <= 60
                    && low.contains(cue)
                    && (labels().any(|l| l.starts_with(cue)) || base > 0 || top_line())
                {
                    score = score.max(s);
                }
            }
            // "MOSCOW,", or a place in title case ("Brussels,", "Kuala
            // Lumpur,"): up to three capitalised words that are no date
            // words and no short words ("On Tuesday,").
            let title_place = |c: &str| {
                capitalised_words(c, 1..=3, |w| {
                    w.chars().count() >= 3
                        && w.chars()
                            .all(|ch| ch.is_alphabetic() || ch == '-' || ch == '.')
                })
            };
            let city = !prefix.is_empty()
                && prefix.ends_with(',')
                && prefix.len() <= 60
                && prefix.split(',').next().is_some_and(|c| {
                    // "Santa Marta (Colombia), Nov 8 (EFE)": the country
                    // in brackets after the city.
                    let c = match c.trim_end().strip_suffix(')') {
                        Some(head) => head
                            .rsplit_once(" (")
                            .filter(|(_, country)| capitalised_words(country, 1..=3, |_| true))
                            .map_or(c, |(city, _)| city),
                        None => c,
                    };
                    (c.chars().any(|ch| ch.is_uppercase())
                        && !c.chars().any(|ch| ch.is_lowercase()))
                        || (prefix.len() <= 40 && title_place(c))
                });
            // "MOSCOW, Oct 16 (Reuters) -", or the date ending the line:
            // "LONDON, Sunday 15 September 2024".
            // "BAKU, Azerbaijan, May 21. The forum ...": a full stop after
            // a dateline's date that has no year.
            // "BISHKEK, 12 March 2025. Talks ...", "KABUL, March 12, 2025:".
            let dateline_stop = suffix.starts_with(". ") || suffix.starts_with(':');
            // "YEREVAN, NOVEMBER 20, ARMENPRESS.": the agency after it.
            let agency_after = suffix
                .strip_prefix(", ")
                .and_then(|r| r.split_once('.'))
                .is_some_and(|(agency, _)| {
                    agency.len() >= 2 && agency.chars().all(|c| c.is_ascii_uppercase() || c == '-')
                });
            if city
                && (suffix.is_empty()
                    || dateline_stop
                    || agency_after
                    || suffix.starts_with('(')
                    || suffix.starts_with(['-', '–', '—', '/']))
            {
                score = score.max(4);
            }
            // "Abidjan (AFP) - 27 October 2025": the date after the
            // agency's name.
            let after_agency = prefix.len() <= 60
                && prefix.starts_with(char::is_uppercase)
                && prefix
                    .strip_suffix(['-', '–', '—'])
                    .is_some_and(|p| p.trim_end().ends_with(')'));
            if after_agency {
                score = score.max(4);
            }
            // "BEIJING (AP) — ... agreed on Tuesday, Feb. 10, 2026, to":
            // a dateline without a date, and the lead's full date with its
            // weekday, the day the story tells of.
            let weekday_first = || {
                r[m.start..]
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .and_then(|w| LEX.get(w))
                    .is_some_and(|e| matches!(e.kind, super::lexicon::Kind::Weekday(_)))
            };
            if undated_agency_dateline(prefix) && weekday_first() {
                score = score.max(3);
            }
            // What may follow a stamp's date on its line: nothing, a time
            // ("21:47:12"), a separator ("- 21:32", "| Update ...").
            // "January 21, 2026 at 11:48 AM GMT+2".
            let stamp_tail = suffix.is_empty()
                || suffix.starts_with(|c: char| c.is_ascii_digit() || "|·,(-–—".contains(c))
                || suffix
                    .strip_prefix("at ")
                    .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
            // "By Jane Doe | 12 March 2026", "Source: Xinhua | 2026-05-19
            // 21:47:12", "By Dana Omarova in Business on 18 July 2025": a
            // byline or source line and its date.
            // "Astana • 21 May 2025", "Jakarta ● Tue, August 19, 2025",
            // "By Nazrin Abdul, 21 May 2025".
            let sep_prefix = match prefix.trim_end_matches(',').rsplit_once(' ') {
                Some((head, last)) if LEX.weekday_prefix(last.trim_end_matches('.')) => {
                    head.trim_end()
                }
                _ => prefix,
            };
            // "by Adriaan Alsema October 25, 2025", "By Hajar Toufik - Nov
            // 1, 2025": the byline's names, then the date.
            let byline_names = || {
                prefix
                    .get(3..)
                    .filter(|_| low.starts_with("by "))
                    .map(|names| names.trim_end_matches(['-', '–', '—', ',', ' ']))
                    .is_some_and(|names| {
                        let names = names.replace(" and ", " ");
                        capitalised_words(&names, 1..=6, |w| {
                            w.chars().count() >= 2
                                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
                        })
                    })
            };
            if prefix.len() <= 80 && stamp_tail && byline_names() {
                score = score.max(3);
            }
            if prefix.len() <= 80
                && ((sep_prefix.ends_with(['|', '·', '•', '●'])
                    && (low.starts_with("by ") || stamp_tail))
                    || (low.starts_with("by ")
                        && (low.ends_with(" on") || low.ends_with(','))
                        && stamp_tail))
            {
                score = score.max(3);
            }
            // "Economy Materials 21 May 2025 13:05 (UTC +04:00)": a date
            // and a clock time after a desk's name in the top lines.
            let clock = clock_len(suffix.strip_prefix("at ").unwrap_or(suffix)).is_some();
            if base == 0
                && clock
                && prefix.len() <= 40
                && prefix
                    .split_whitespace()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "&")
                && top_line()
            {
                score = score.max(2);
            }
            // "Sun 16 Nov 2025 07.00 GMT": a shortened weekday before it.
            // "Regular Press Conference on June 3, 2025": a headline that
            // ends with the day it reports, the weakest sign.
            let headline = base == 0
                && r[..line_start].trim().is_empty()
                && suffix.is_empty()
                && !prefix.is_empty();
            if headline {
                score = score.max(1);
            }
            // "Dilnoza Rustamova Apr 2, 2025": a byline of two or three
            // capitalised words with its date, near the top.
            if base == 0
                && suffix.is_empty()
                && capitalised_words(prefix, 2..=3, |w| {
                    w.chars().count() >= 2 && w.chars().skip(1).all(char::is_lowercase)
                })
                && lines_above() <= 3
            {
                score = score.max(2);
            }
            // "28 August 2025 Peace and Security": a date opening one of
            // the top lines, before the desk or topic it is filed under.
            if base == 0
                && prefix.is_empty()
                && !suffix.is_empty()
                && suffix.len() <= 40
                && suffix
                    .split(' ')
                    .all(|w| w == "and" || w == "&" || w.starts_with(|c: char| c.is_uppercase()))
                && top_line()
            {
                score = score.max(2);
            }
            let bare = matches!(low.as_str(), "" | "on" | "|" | "·")
                || LEX.weekday_prefix(prefix.trim_end_matches(',').trim_end_matches('.'))
                || (top_line() && {
                    // "Philippine Daily Inquirer / 05:10 AM": the outlet's
                    // field before the clock.
                    let field = low
                        .rsplit_once(" / ")
                        .or_else(|| low.rsplit_once(" | "))
                        .map_or(low.as_str(), |(_, f)| f);
                    clock_before(field)
                });
            // "Sun, Nov 09, 2025 page3": a print edition's stamp.
            if bare && (stamp_tail || page_mark(suffix)) {
                score = score.max(2);
            }
            // "KYODO NEWS - Oct 28, 2025 - 20:15 | World": an agency's
            // name and a dash before the date, on one of the top lines.
            let agency_dash = prefix.strip_suffix(['-', '–', '—']).is_some_and(|p| {
                capitalised_words(p.trim_end(), 1..=4, |w| {
                    w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '&')
                })
            });
            if base == 0 && agency_dash && stamp_tail && top_line() {
                score = score.max(3);
            }
            if score == 0 {
                continue;
            }
            let (s, e) = (base + m.start, base + m.end);
            if v.starts_with("XXXX") {
                let mo: i8 = v[5..7].parse().unwrap_or(0);
                let d: i8 = v[8..10].parse().unwrap_or(0);
                pending.push((score, s, e, mo, d));
                continue;
            }
            let Ok(date) = v.parse::<Date>() else {
                continue;
            };
            if best.is_none_or(|b| score > b.0) {
                best = Some((score, s, e, date));
            }
        }
    }
    // a dateline without a year ("MOSCOW, Oct 16 (Reuters)") takes the year
    // of the same day written in full (a stamp above it), else the latest
    // year the article's written dates put it in
    for (score, s, e, mo, d) in pending {
        let same_day = years
            .iter()
            .filter(|w| w.month_day == Some((mo, d)))
            .map(|w| w.year)
            .max();
        let told = || years.iter().filter_map(|w| w.dateline_year(mo, d)).max();
        if let Some(y) = same_day.or_else(told)
            && let Some(y) = match lead_weekday(text, &weekdays, e) {
                Some(told) => year_of_weekday(y, mo, d, told),
                None => Some(y),
            }
            && let Ok(date) = Date::new(y, mo, d)
            && best.is_none_or(|b| score > b.0)
        {
            best = Some((score, s, e, date));
        }
    }
    best.map(|(_, s, e, date)| Dct {
        date,
        source: DctSource::Dateline,
        span: Some((s, e)),
    })
}

/// Whether `s` is `count` words, each capitalised, no date word, and
/// `word_ok`: a place or a name before a date.
/// The year of ", 20254:17 PM" after a month and day: four digits run
/// into a clock time of one or two.
fn year_glued_to_time(after: &str) -> Option<i16> {
    let t = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(' '))?;
    let b = t.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let clock_ok = |h: usize| {
        b.get(4 + h) == Some(&b':')
            && b.get(5 + h..7 + h)
                .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
    };
    if !(5..=6).contains(&digits) || !clock_ok(digits - 4) {
        return None;
    }
    let year: i16 = t[..4].parse().ok()?;
    (1990..=2100).contains(&year).then_some(year)
}

/// "8:42 am on", "3:05 pm,", "14:20 |": a clock time before a stamp's
/// date (RNZ, Meduza), in lower case.
fn clock_before(low: &str) -> bool {
    let t = low.trim_end_matches([',', '|', '-', '–', '—', ' ']);
    let t = t.strip_suffix(" on").unwrap_or(t);
    let Some(len) = clock_len(t) else {
        return false;
    };
    // "am" glued to the clock, or words after it: "am", "p.m.", a time
    // zone ("gmt", "nzdt").
    let rest = t[len..].trim_start_matches("am").trim_start_matches("pm");
    let words: Vec<&str> = rest.split_whitespace().collect();
    (rest.is_empty() || rest.starts_with(' '))
        && words.len() <= 2
        && words.iter().all(|w| {
            matches!(*w, "a.m." | "p.m.")
                || ((2..=5).contains(&w.len())
                    && w.bytes().all(|b| b.is_ascii_lowercase())
                    && !matches!(*w, "on" | "by" | "at" | "the"))
        })
}

/// The length of the clock time `s` opens with ("8:42", "13.05").
fn clock_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    ((1..=2).contains(&digits)
        && matches!(b.get(digits), Some(b':' | b'.'))
        && b.get(digits + 1..digits + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit)))
    .then_some(digits + 3)
}

/// "page3", "Page 12", "p. 4": where a print edition ran the story.
fn page_mark(s: &str) -> bool {
    let low = s.to_ascii_lowercase();
    ["page", "p.", "pg"].iter().any(|p| {
        low.strip_prefix(p).is_some_and(|n| {
            let n = n.trim_start();
            !n.is_empty()
                && n.len() <= 4
                && n.bytes().all(|c| c.is_ascii_alphanumeric())
                && n.starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

fn capitalised_words(
    s: &str,
    count: std::ops::RangeInclusive<usize>,
    word_ok: impl Fn(&str) -> bool,
) -> bool {
    count.contains(&s.split_whitespace().count())
        && s.split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase) && LEX.get(w).is_none() && word_ok(w))
}

/// Whether `before` (a line up to a date) opens with a dateline that
/// carries no date, "BEIJING (AP) —" or "KYIV, Ukraine (AP) --", and
/// the date comes within the lead.
fn undated_agency_dateline(before: &str) -> bool {
    let Some(open) = before
        .get(..before.len().min(60))
        .and_then(|h| h.find(" ("))
    else {
        return false;
    };
    let place = &before[..open];
    let Some(close) = before[open..].find(')') else {
        return false;
    };
    let agency = &before[open + 2..open + close];
    let rest = before[open + close + 1..].trim_start();
    place
        .split(',')
        .next()
        .is_some_and(|city| !city.is_empty() && city.chars().all(|c| !c.is_lowercase()))
        && !agency.is_empty()
        && agency.chars().all(|c| c.is_alphabetic() || c == ' ')
        && rest.starts_with(['-', '–', '—'])
        && rest.len() <= LEAD
}

/// How far past a dateline its lead runs, in bytes.
const LEAD: usize = 400;

/// The first bare weekday of the lead after a dateline ending at `end`,
/// not told as still to come. The tense is looked up only here: most
/// articles have no yearless dateline, and this runs on every keystroke.
fn lead_weekday(text: &str, weekdays: &[(usize, usize, Weekday)], end: usize) -> Option<Weekday> {
    weekdays
        .iter()
        .filter(|w| w.0 >= end && w.0 < end + LEAD)
        .find(|w| super::scan::tense_around(text, w.0, w.1) != Some(true))
        .map(|w| w.2)
}

/// The year of a yearless dateline `mo`/`d` whose lead tells of `told`
/// ("SEOUL, Sept. 6 - ... agreed on Friday"): a wire story is dated the
/// day it tells of, or the day after. `y`, the year the article's other
/// dates point to, stays when its dateline fits; otherwise the year next
/// to it whose dateline falls on that very weekday (the latest year an
/// article writes is often last year's figures or next year's plans).
/// None when no such year fits: the written years are history ("the
/// treaty, signed in 1960"), not the article's time.
fn year_of_weekday(y: i16, mo: i8, d: i8, told: Weekday) -> Option<i16> {
    let on = |y: i16| Date::new(y, mo, d).ok().map(|date| date.weekday());
    if on(y).is_some_and(|w| told.until(w) <= 1) {
        return Some(y);
    }
    [y + 1, y - 1].into_iter().find(|&y| on(y) == Some(told))
}

/// A year written in the article, the evidence for a yearless dateline.
struct Written<'a> {
    year: i16,
    month_day: Option<(i8, i8)>,
    /// Where it is written, for the tense around it.
    text: &'a str,
    span: (usize, usize),
}

impl Written<'_> {
    /// The year of the dateline `mo`/`d` this evidence points to: none for
    /// a bare year told as still to come, else its own, the one before
    /// when it tells of a day to come that its own year's dateline would
    /// follow, or the next one when it reports in the past tense a day that its
    /// own year's dateline would still be more than a month before ("Feb 9"
    /// over a case that "arrived on Dec. 14, 2024" is February 2025).
    fn dateline_year(&self, mo: i8, d: i8) -> Option<i16> {
        // "will extend the policy until the end of 2026": a plan's year
        // says nothing of when the article was written; a plan's day
        // ("will be held on Nov. 5, 2025") is after it.
        let future =
            || super::scan::tense_around(self.text, self.span.0, self.span.1) == Some(true);
        let Some((m2, d2)) = self.month_day else {
            return (!future()).then_some(self.year);
        };
        let told = Date::new(self.year, m2, d2).ok()?;
        let same_year = Date::new(self.year, mo, d).ok()?;
        if same_year > told && future() {
            return Some(self.year - 1);
        }
        let behind = told.since(same_year).ok()?.get_days() > 31;
        // Told in the past tense ("the case arrived on Dec. 14, 2024")?
        let past = || super::scan::tense_around(self.text, self.span.0, self.span.1) == Some(false);
        Some(if behind && past() {
            self.year + 1
        } else {
            self.year
        })
    }
}

/// "World Cup 2026", "Vision 2030": a bare year that ends an event's or a
/// plan's name, after a capitalised word that opens no sentence (not
/// an agency's copyright line, "(c) EFE 2025").
fn names_year(text: &str, start: usize, end: usize) -> bool {
    let line = &text[text[..start].rfind('\n').map_or(0, |i| i + 1)..start];
    end - start == 4
        && !["©", "(c)", "(C)", "Copyright"]
            .iter()
            .any(|c| line.contains(c))
        && previous_word(text, start).is_some_and(|w| {
            let at = w.as_ptr() as usize - text.as_ptr() as usize;
            // "MOSCOW, Oct 16 (Reuters) - The 2025 budget": the lead opens
            // after the dateline's dash
            let after_dash = text[..at].trim_end().ends_with(['-', '–', '—', ':']);
            w.starts_with(char::is_uppercase)
                && LEX.get(w).is_none()
                && !after_dash
                && !crate::text::words::starts_sentence(text, at)
        })
}

/// Whether the words before `start` make the year a target or a deadline
/// ("by 2030", "due in June 2027").
fn targets_year(text: &str, start: usize) -> bool {
    let Some(w1) = previous_word(text, start) else {
        return false;
    };
    if LEX.targets_year(w1) {
        return true;
    }
    let before = w1.as_ptr() as usize - text.as_ptr() as usize;
    previous_word(text, before).is_some_and(|w2| LEX.targets_year(&format!("{w2} {w1}")))
}

/// `---\ndate: 2024-05-20\n---` at the very top of the file.
fn front_matter_date(text: &str) -> Option<Dct> {
    let body = text.strip_prefix("---")?;
    let body = body
        .strip_prefix("\r\n")
        .or_else(|| body.strip_prefix('\n'))?;
    let offset = text.len() - body.len();
    let mut pos = offset;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed == "---" || trimmed == "..." {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix("date:") {
            let value = rest.trim().trim_matches(['"', '\'']);
            let day = value.get(..10).unwrap_or(value);
            if let Ok(date) = day.parse::<Date>() {
                let start = pos + trimmed.find(day).unwrap_or(0);
                return Some(Dct {
                    date,
                    source: DctSource::FrontMatter,
                    span: Some((start, start + day.len())),
                });
            }
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_date_is_read() {
        let t = "---\ntitle: x\ndate: 2024-05-20\n---\nBody";
        let d = detect_dct(t).unwrap();
        assert_eq!(d.date.to_string(), "2024-05-20");
        assert_eq!(d.source, DctSource::FrontMatter);
        let (s, e) = d.span.unwrap();
        assert_eq!(&t[s..e], "2024-05-20");
        // without the fences it is not front matter, only a dated line
        assert_eq!(
            detect_dct("date: 2024-05-20\n").map(|d| d.source),
            Some(DctSource::Dateline)
        );
    }

    #[test]
    fn datelines_and_stamps() {
        let cases = [
            (
                "MOSCOW, Oct 16, 2025 (Reuters) - Talks began.",
                "2025-10-16",
            ),
            ("Published 16.10.2025\nBody text.", "2025-10-16"),
            (
                "Mali\n\nIssued on: 20/11/2025 - 17:48\n\nThe junta met.",
                "2025-11-20",
            ),
            (
                "IMF Deal\n\nBy Tarek Said\nJanuary 21, 2026 at 11:48 AM GMT+2\n\nTalks ended in 2024.",
                "2026-01-21",
            ),
            (
                "28 August 2025 Peace and Security\n\nThe Council met in 2024.",
                "2025-08-28",
            ),
            ("Updated: March 4, 2024\nBody.", "2024-03-04"),
            (
                "Economy Materials 21 May 2025 13:05 (UTC +04:00)\n\nTalks of 2019.",
                "2025-05-21",
            ),
            ("Astana • 21 May 2025\n\nTalks of 2019.", "2025-05-21"),
            (
                "Jakarta ● Tue, August 19, 2025\n\nTalks of 2019.",
                "2025-08-19",
            ),
            (
                "Talks\n\nMarch 12, 20254:17 PM GMT+1Updated 2 hours ago\n\nBRUSSELS, March 12 (Reuters) - Talks.",
                "2025-03-12",
            ),
            ("BISHKEK, 12 March 2025. Talks of 2019.", "2025-03-12"),
            // a byline and its date on one line
            (
                "Sanctions\n\nby Adriaan Alsema October 25, 2025\n\nTalks of 2019.",
                "2025-10-25",
            ),
            (
                "Vote\n\nBy Hajar Toufik - Nov 1, 2025\n\nTalks of 2019.",
                "2025-11-01",
            ),
            // a stamp word inside a sentence of the body tells of another
            // day; on the top lines it is the stamp
            (
                "Belgrade\n\nBy Ana Petrović\n\nNovember 25, 2025\n\nSerbia spoke.\n\nIt came.\n\nIt went.\n\nA document dated 2025-10-08 was shown.",
                "2025-11-25",
            ),
            (
                "Tariffs\n\nThis content was published on November 14, 2025 - 18:12\n\nText.",
                "2025-11-14",
            ),
            (
                "Games\n\nPhilippine Daily Inquirer / 05:10 AM December 10, 2025\n\nTalks of 2019.",
                "2025-12-10",
            ),
            // a clock time before the stamp's date
            (
                "Tariffs\n\n8:42 am on 17 March 2025\n\nJane Doe, Editor\n\nTalks of 2019.",
                "2025-03-17",
            ),
            (
                "Skaters\n\n3:05 pm, December 5, 2025\n\nSource: Meduza\n\nTalks of 2019.",
                "2025-12-05",
            ),
            // the country in brackets after the dateline's city; the
            // year from the agency's copyright line
            (
                "Summit\n\nSanta Marta (Colombia), Nov 8 (EFE).- He arrived on Saturday.\n\n(c) EFE 2025",
                "2025-11-08",
            ),
            // a date with its year run on after the comma; the agency after
            // a yearless dateline; a year in a name ("World Cup 2026") is no
            // evidence of the dateline's
            (
                "Talks\n\nBy JT - Sep 15,2025 - Last updated\n\nText.",
                "2025-09-15",
            ),
            (
                "YEREVAN, NOVEMBER 20, ARMENPRESS. They signed a deal on January 14, 2025. The team ended its World Cup 2026 campaign.",
                "2025-11-20",
            ),
            // the year a range ends in
            (
                "Vote\n\nUnited Nations, Oct 29 (Prensa Latina) The vote was held on Tuesday. Losses between March 2024 and February 2025 rose.",
                "2025-10-29",
            ),
            ("KABUL, March 12, 2025: Talks of 2019.", "2025-03-12"),
            (
                "Title\nBy Nazrin Abdul, 21 May 2025\n\nTalks of 2019.",
                "2025-05-21",
            ),
            (
                "Title\n\nBAKU, Azerbaijan, May 21. Talks of 2019 went on.\nIssued in 2025.",
                "2025-05-21",
            ),
            (
                "Title\n\nBody about 2019 and 2025.\non16.10.2025",
                "2025-10-16",
            ),
            (
                "MOSCOW, Oct 16 (Reuters) - The 2025 budget passed.",
                "2025-10-16",
            ),
            ("Posted 2 May 2023 | Updated 3 May 2023\nText", "2023-05-02"),
            (
                "BERLIN, March 3 (Reuters) - Aid rose in 2024, and troops may stay until 2027 or by  2029.",
                "2024-03-03",
            ),
            (
                "MOSCOW, Jan 15 (Reuters) - Talks.\nPhoto: Putin in Moscow, January 14, 2025.",
                "2025-01-15",
            ),
            // a day told in the past tense is before the dateline
            (
                "SEOUL, Feb 9 (Yonhap) -- The case arrived at the court on Dec. 14, 2024.",
                "2025-02-09",
            ),
            // a day to come is after it
            (
                "SEOUL, Feb 9 (Yonhap) -- The vote will be held on Nov. 5, 2025.",
                "2025-02-09",
            ),
            (
                "SEOUL, Feb 9 (Yonhap) -- In December 2024 the court met.",
                "2025-02-09",
            ),
            // a dateline ending its line
            (
                "LONDON, Sunday 15 September 2024\n\nArsenal won.",
                "2024-09-15",
            ),
            // the weekday of the lead picks the year next to the written one
            (
                "TOKYO, Sept. 6 (Kyodo) -- The leaders agreed on Friday to meet. They first met in March 2023.",
                "2024-09-06",
            ),
            (
                "TOKYO, Sept. 6 (Kyodo) -- They first met in March 2023 and agreed on Wednesday.",
                "2023-09-06",
            ),
            // a story filed the day after the day it tells of
            (
                "TOKYO, Sept. 7 (Kyodo) -- The leaders agreed on Friday. They first met in March 2024.",
                "2024-09-07",
            ),
            // a day still to come says nothing of the dateline's weekday
            (
                "BRASILIA, March 4 (Reuters) - Lula will travel on Tuesday. The economy grew in 2024.",
                "2024-03-04",
            ),
            // the date after the agency's name
            (
                "Abidjan (AFP) - 27 October 2025\n\nVotes were counted.",
                "2025-10-27",
            ),
            (
                "BRASILIA, Brazil (AP) \u{2014} September 12, 2025\n\nThe court ruled.",
                "2025-09-12",
            ),
            // a stamp with its time of day, a byline with its date
            ("Updated 14:05 GMT, 9 October 2025\nText.", "2025-10-09"),
            (
                "Published 10:32 AM UTC, March 12, 2025\nText.",
                "2025-03-12",
            ),
            ("By Jane Doe | 12 March 2026\n\nText.", "2026-03-12"),
            // stamps followed by a time or an update, or led by a weekday
            ("October 12, 2025 - 21:32\n\nText.", "2025-10-12"),
            (
                "Zeynep Erdem  |23.07.2025 - Update : 23.07.2025\n\nText.",
                "2025-07-23",
            ),
            (
                "By Dana Omarova in Business on 18 July 2025\n\nText.",
                "2025-07-18",
            ),
            ("Sun 16 Nov 2025 07.00 GMT\n\nText.", "2025-11-16"),
            // a byline with its date; a digest's week
            (
                "Title\n\nDilnoza Rustamova Apr 2, 2025\n\nText.",
                "2025-04-02",
            ),
            (
                "Week of 3\u{2013}9 March 2025\n\nMonday: talks.",
                "2025-03-09",
            ),
            // a headline ending with the day it reports
            (
                "Spokesperson's Regular Press Conference on June 3, 2025\n\nQ: Today?",
                "2025-06-03",
            ),
            // a dateline whose place is written in title case
            ("Brussels, 12 February 2026\n\nText.", "2026-02-12"),
            (
                "Jakarta, 17 August 2025 (ANTARA) - The minister spoke.",
                "2025-08-17",
            ),
            // a yearless dateline takes the year of the stamp above it, not
            // of a year the story looks ahead to
            (
                "Source: Xinhua | 2026-05-19 21:47:12\n\nXI'AN, May 19 (Xinhua) -- The next summit will be held in 2027.",
                "2026-05-19",
            ),
            // an undated AP dateline, and the lead's date with its weekday
            (
                "BEIJING (AP) \u{2014} The two sides agreed on Tuesday, Feb. 10, 2026, to extend the truce.",
                "2026-02-10",
            ),
            // an agency's name and a dash before the stamp
            (
                "Talks end\n\nKYODO NEWS - Oct 28, 2025 - 20:15 | World, All\n\nTOKYO - The leaders met.",
                "2025-10-28",
            ),
            // a print edition's stamp with its page
            (
                "Minister to tour allies\n\nSun, Nov 09, 2025 page3\n\nThe minister is to leave.",
                "2025-11-09",
            ),
            // a stamp that reads both ways, and the dateline's day in words
            (
                "Attack on workers\n\n02/12/2025 16:30\n\nDUSHANBE, December 2, 2025, Asia-Plus -- The ministry said.",
                "2025-12-02",
            ),
            // a yearless dateline, and the year a range of months ends in
            (
                "BAKU, Azerbaijan, October 21. Exports grew in January through September 2025. In 2024 they fell.",
                "2025-10-21",
            ),
        ];
        for (text, want) in cases {
            let d = detect_dct(text).unwrap_or_else(|| panic!("no DCT in {text:?}"));
            assert_eq!(d.date.to_string(), want, "{text:?}");
            assert_eq!(d.source, DctSource::Dateline);
        }
        assert!(detect_dct("The war ended on 16 October 2025, he said.").is_none());
        // The only year written is history the lead's weekday rules out
        // (May 10 was a Tuesday in 1960): no DCT rather than a wrong one.
        assert!(
            detect_dct(
                "DELHI, May 10 - The two sides agreed on Saturday to stop. The treaty was signed in 1960."
            )
            .is_none()
        );
        assert!(detect_dct("Nothing here.").is_none());
        // a weekday date in a story without an agency dateline is an event
        assert!(detect_dct("The talks ended on Tuesday, Feb. 10, 2026, in Beijing.").is_none());
        // a deadline says nothing of the article's own year
        assert!(
            detect_dct("NAIROBI, Oct 14 (Reuters) - A bond payment is due in June 2027.").is_none()
        );
        // nor does a plan's
        assert!(
            detect_dct(
                "BEIJING, Dec. 4 (Xinhua) -- China will extend the policy until the end of 2026."
            )
            .is_none()
        );
    }
}

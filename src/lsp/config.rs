//! `gazette.*` settings, read leniently: a bad value is reported and the
//! default kept, so a typo never stops the server.

use gazette::model::{Label, Severity};
use serde_json::Value;
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct Settings {
    /// Delay before re-analysing after typing; 0 analyses at once.
    pub debounce_ms: u64,
    /// DCT for every document (the client's `gazette.documentDate`).
    pub document_date: Option<jiff::civil::Date>,
    /// Per-file DCT: keys are file names or path suffixes.
    pub document_dates: Vec<(String, jiff::civil::Date)>,
    pub labels: Vec<Label>,
    /// Per-code severity; `None` switches the rule off.
    pub severities: HashMap<String, Option<Severity>>,
    pub inlay_hints: bool,
    pub kb_paths: Vec<String>,
    /// Documents above this size are not analysed.
    pub max_file_bytes: usize,
    /// Most diagnostics published per document (0 = no limit); VS Code
    /// shows no more than 1000 per file whatever a server sends.
    pub max_diagnostics: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            debounce_ms: 150,
            document_date: None,
            document_dates: Vec::new(),
            labels: Label::ALL.to_vec(),
            severities: HashMap::new(),
            inlay_hints: true,
            kb_paths: Vec::new(),
            max_file_bytes: 50 * 1024 * 1024,
            max_diagnostics: 1000,
        }
    }
}

impl Settings {
    /// Applies a settings object (`{"gazette": {...}}` or its inside);
    /// returns one message per value it could not use.
    pub fn apply(&mut self, value: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        let obj = match value.get("gazette") {
            Some(v) => v,
            None => value,
        };
        let Some(obj) = obj.as_object() else {
            return problems;
        };
        for (key, v) in obj {
            match key.as_str() {
                "debounceMs" => match v.as_u64() {
                    Some(n) => self.debounce_ms = n.min(10_000),
                    None => problems.push(format!(
                        "gazette.debounceMs: expected a number of milliseconds, got {v}"
                    )),
                },
                "documentDate" => match v {
                    Value::Null => self.document_date = None,
                    Value::String(s) if s.trim().is_empty() => self.document_date = None,
                    Value::String(s) => match s.trim().parse() {
                        Ok(d) => self.document_date = Some(d),
                        Err(_) => problems.push(format!(
                            "gazette.documentDate: expected YYYY-MM-DD, got {s:?}"
                        )),
                    },
                    _ => problems.push(format!(
                        "gazette.documentDate: expected YYYY-MM-DD, got {v}"
                    )),
                },
                "documentDates" => match v.as_object() {
                    Some(map) => {
                        self.document_dates.clear();
                        for (k, d) in map {
                            match d.as_str().and_then(|s| s.parse().ok()) {
                                Some(date) => self.document_dates.push((k.clone(), date)),
                                None => problems.push(format!(
                                    "gazette.documentDates[{k:?}]: expected YYYY-MM-DD, got {d}"
                                )),
                            }
                        }
                    }
                    None => problems.push(
                        "gazette.documentDates: expected an object of path → YYYY-MM-DD".into(),
                    ),
                },
                "labels" => match v.as_array() {
                    Some(arr) => {
                        let mut labels = Vec::new();
                        for l in arr {
                            match l.as_str().and_then(Label::parse) {
                                Some(label) => labels.push(label),
                                None => problems.push(format!("gazette.labels: unknown label {l}; expected PERSON, COUNTRY, DEMONYM or DATE")),
                            }
                        }
                        self.labels = labels;
                    }
                    None => problems.push("gazette.labels: expected an array of labels".into()),
                },
                "severity" => match v.as_object() {
                    Some(map) => {
                        for (code, s) in map {
                            match s.as_str() {
                                Some("off") | Some("none") => {
                                    self.severities.insert(code.clone(), None);
                                }
                                Some(name) => match Severity::parse(name) {
                                    Some(sev) => {
                                        self.severities.insert(code.clone(), Some(sev));
                                    }
                                    None => problems.push(format!("gazette.severity.{code}: expected error, warning, info, hint or off, got {name:?}")),
                                },
                                None => problems.push(format!("gazette.severity.{code}: expected a string")),
                            }
                        }
                    }
                    None => problems
                        .push("gazette.severity: expected an object of code → severity".into()),
                },
                "inlayHints" => {
                    let enabled = v
                        .get("enabled")
                        .and_then(Value::as_bool)
                        .or_else(|| v.as_bool());
                    match enabled {
                        Some(b) => self.inlay_hints = b,
                        None => problems
                            .push("gazette.inlayHints.enabled: expected true or false".into()),
                    }
                }
                "unknownPerson" => {
                    if let Some(b) = v
                        .get("enabled")
                        .and_then(Value::as_bool)
                        .or_else(|| v.as_bool())
                    {
                        self.severities.insert(
                            "unknown-person".into(),
                            if b { Some(Severity::Information) } else { None },
                        );
                    }
                }
                "kb" => {
                    if let Some(paths) = v.get("paths").and_then(Value::as_array) {
                        self.kb_paths = paths
                            .iter()
                            .filter_map(|p| p.as_str().map(str::to_string))
                            .collect();
                    }
                }
                "maxFileSizeMb" => match v.as_u64() {
                    Some(n) => self.max_file_bytes = (n as usize).saturating_mul(1024 * 1024),
                    None => problems.push("gazette.maxFileSizeMb: expected a number".into()),
                },
                "maxDiagnostics" => match v.as_u64() {
                    Some(n) => self.max_diagnostics = usize::try_from(n).unwrap_or(usize::MAX),
                    None => problems.push(format!(
                        "gazette.maxDiagnostics: expected a number (0 = no limit), got {v}"
                    )),
                },
                "server" | "trace" => {}
                other => problems.push(format!("gazette.{other}: unknown setting (ignored)")),
            }
        }
        problems
    }

    /// The DCT the client set for `path`, if any.
    pub fn document_date_for(&self, path: Option<&std::path::Path>) -> Option<jiff::civil::Date> {
        if let Some(p) = path {
            let p = p.to_string_lossy();
            for (key, date) in &self.document_dates {
                if p.ends_with(key.as_str()) {
                    return Some(*date);
                }
            }
        }
        self.document_date
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_apply_and_report_bad_values() {
        let mut s = Settings::default();
        let problems = s.apply(&json!({"gazette": {
            "debounceMs": 0,
            "documentDate": "2024-05-20",
            "documentDates": {"a/story.txt": "2020-01-02"},
            "labels": ["PERSON", "DATE", "nope"],
            "severity": {"ambiguous-entity": "off", "date-invalid": "warning"},
            "bogus": 1
        }}));
        assert_eq!(s.debounce_ms, 0);
        assert_eq!(s.labels, vec![Label::Person, Label::Date]);
        assert_eq!(s.severities.get("ambiguous-entity"), Some(&None));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            s.document_date_for(Some(std::path::Path::new("/w/a/story.txt")))
                .map(|d| d.to_string()),
            Some("2020-01-02".into())
        );
        assert_eq!(
            s.document_date_for(None).map(|d| d.to_string()),
            Some("2024-05-20".into())
        );
    }
}

//! One article's sidecar as the language server holds it: the last state
//! read from disk (a parsed document, or why it does not parse), reloaded
//! on file-watch events, and decisions written back atomically.

use super::ann::{AnnDoc, validate};
use super::{Decision, ReviewError, apply, decode_sidecar, sidecar_path};
use crate::Analysis;
use crate::model::Severity;
use std::path::{Path, PathBuf};

/// A problem to show on the `.ann` file itself (0-based line and column in
/// code points).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnProblem {
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// `ann-syntax`, `ann-text-mismatch`, `ann-offset-out-of-range`,
    /// `ann-dangling-reference`, `ann-unreadable`.
    pub code: &'static str,
    pub message: String,
}

/// The sidecar of one article.
#[derive(Clone, Debug)]
pub struct Store {
    path: PathBuf,
    /// What was read last (`None`: no file).
    raw: Option<String>,
    state: Result<AnnDoc, ReviewError>,
}

impl Store {
    /// The sidecar of `article` (`story.txt` → `story.ann`), read now. Never
    /// fails: a missing file is an empty document, an unreadable or
    /// unparsable one is kept as an error state.
    pub fn open(article: &Path) -> Store {
        let mut s = Store {
            path: sidecar_path(article),
            raw: None,
            state: Ok(AnnDoc::new()),
        };
        s.reload();
        s
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Re-reads the file (after a watch event, `git pull`, another tool).
    /// Returns true when its content changed.
    pub fn reload(&mut self) -> bool {
        // One read, so the text kept and the document parsed agree.
        let (raw, state) = match std::fs::read(&self.path) {
            Ok(b) => {
                let lossy = String::from_utf8_lossy(&b).into_owned();
                (Some(lossy), decode_sidecar(&self.path, b).map(|(d, _)| d))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (None, Ok(AnnDoc::new())),
            Err(e) => (
                None,
                Err(ReviewError::Io(format!(
                    "{}: cannot read: {e}",
                    self.path.display()
                ))),
            ),
        };
        let changed = raw != self.raw;
        self.raw = raw;
        self.state = state;
        changed
    }

    pub fn exists(&self) -> bool {
        self.raw.is_some()
    }

    /// The parsed document, or why review actions are unavailable.
    pub fn doc(&self) -> Result<&AnnDoc, &ReviewError> {
        self.state.as_ref()
    }

    /// Applies a decision to the file as it is on disk now (an external
    /// change made since the last read is picked up first, never
    /// overwritten), writes it atomically when it changed, and returns
    /// whether it did. A sidecar that does not parse is left untouched.
    pub fn apply(
        &mut self,
        text: &str,
        analysis: &Analysis,
        decision: &Decision,
    ) -> Result<bool, ReviewError> {
        self.reload();
        let doc = self.state.as_ref().map_err(Clone::clone)?;
        let new = apply(doc, text, analysis, decision)?;
        if self.raw.as_deref().unwrap_or("") == new {
            return Ok(false);
        }
        crate::fsutil::write_atomic(&self.path, new.as_bytes())
            .map_err(|e| ReviewError::Io(format!("{}: cannot write: {e}", self.path.display())))?;
        self.raw = Some(new.clone());
        self.state = super::parse(&new).map_err(ReviewError::Parse);
        Ok(true)
    }

    /// Diagnostics for the `.ann` file: syntax errors (line, column, what
    /// was expected), or, when it parses, mismatches with the article
    /// `text`.
    pub fn problems(&self, text: &str) -> Vec<AnnProblem> {
        match &self.state {
            Err(ReviewError::Parse(errs)) => errs
                .0
                .iter()
                .map(|e| AnnProblem {
                    line: e.line - 1,
                    column: e.column - 1,
                    severity: Severity::Error,
                    code: "ann-syntax",
                    message: format!("expected {}, found {}", e.expected, e.found),
                })
                .collect(),
            Err(e) => vec![AnnProblem {
                line: 0,
                column: 0,
                severity: Severity::Error,
                code: "ann-unreadable",
                message: e.to_string(),
            }],
            Ok(doc) => validate(doc, text)
                .into_iter()
                .map(|f| AnnProblem {
                    line: f.ann_line,
                    column: 0,
                    severity: f.finding.severity,
                    code: f.finding.code,
                    message: f.finding.message,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, analyze};

    #[test]
    fn store_picks_up_external_changes_and_refuses_corrupt_files() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("story.txt");
        let text = "Russia and Iran met.\n";
        std::fs::write(&article, text).unwrap();
        let a = analyze(text, &Context::default());
        let mut st = Store::open(&article);
        assert!(!st.exists());
        // A decision that changes nothing creates no file.
        let noop = Decision::Note {
            start: 0,
            end: 6,
            text: String::new(),
        };
        assert!(!st.apply(text, &a, &noop).unwrap());
        assert!(!dir.path().join("story.ann").exists());
        assert!(
            st.apply(text, &a, &Decision::Accept { start: 0, end: 6 })
                .unwrap()
        );
        assert!(st.exists());
        // Another tool adds a line; our next decision keeps it.
        let ann = dir.path().join("story.ann");
        let mut s = std::fs::read_to_string(&ann).unwrap();
        s.push_str("R1\tx Arg1:T1 Arg2:T1\n");
        std::fs::write(&ann, &s).unwrap();
        assert!(
            st.apply(text, &a, &Decision::Reject { start: 11, end: 15 })
                .unwrap()
        );
        let now = std::fs::read_to_string(&ann).unwrap();
        assert!(now.starts_with(&s), "{now}");
        // No change, no write.
        assert!(
            !st.apply(text, &a, &Decision::Reject { start: 11, end: 15 })
                .unwrap()
        );
        // Corrupt on disk: refused, kept, diagnosed.
        std::fs::write(&ann, "T1\tCOUNTRY zero 6\tRussia\n").unwrap();
        assert!(st.reload());
        let e = st
            .apply(text, &a, &Decision::Accept { start: 0, end: 6 })
            .unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        assert_eq!(
            std::fs::read_to_string(&ann).unwrap(),
            "T1\tCOUNTRY zero 6\tRussia\n"
        );
        let p = st.problems(text);
        assert_eq!((p[0].line, p[0].column, p[0].code), (0, 11, "ann-syntax"));
        // Fixed by hand: mismatches are reported against the article.
        std::fs::write(&ann, "T1\tCOUNTRY 0 6\tRussland\n").unwrap();
        st.reload();
        assert_eq!(st.problems(text)[0].code, "ann-text-mismatch");
    }
}

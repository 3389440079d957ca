//! Free text that reaches public pages: bounded in length (so the scanner and the
//! pages do bounded work) and, for single-line fields that end up in titles and
//! headings, free of markup.

use std::fmt;

/// One line of public text: a name, title, program or vendor. Not empty, at most
/// [`Line::MAX_CHARS`] characters, no line breaks or control characters, and no
/// `<` or `>` (markup has no place in a title).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Line(String);

impl Line {
    pub const MAX_CHARS: usize = 300;

    pub fn parse(s: &str) -> Result<Line, String> {
        let t = s.trim();
        if t.is_empty() {
            return Err("must not be empty".into());
        }
        if t.chars().count() > Line::MAX_CHARS {
            return Err(format!("use at most {} characters", Line::MAX_CHARS));
        }
        if t.chars().any(|c| c.is_control()) {
            return Err("must be a single line without control characters".into());
        }
        if t.contains('<') || t.contains('>') {
            return Err("must not contain < or > (no markup in a single-line field)".into());
        }
        Ok(Line(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Public prose: a summary, description or Markdown body. Not empty, at most
/// `max` characters (each field names its own bound), no control characters
/// other than line breaks and tabs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Text(String);

impl Text {
    /// The bound for summaries, descriptions and statements.
    pub const PROSE: usize = 10_000;
    /// The bound for an update's Markdown body.
    pub const BODY: usize = 50_000;

    pub fn parse(s: &str, max: usize) -> Result<Text, String> {
        let t = s.trim();
        if t.is_empty() {
            return Err("must not be empty".into());
        }
        if t.chars().count() > max {
            return Err(format!("use at most {max} characters"));
        }
        if t.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
            return Err("must not contain control characters".into());
        }
        Ok(Text(t.replace("\r\n", "\n")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_refuse_markup_breaks_and_excess() {
        assert_eq!(Line::parse("  Acme Corp.  ").unwrap().as_str(), "Acme Corp.");
        assert!(Line::parse("AT&T").is_ok());
        for bad in ["", "   ", "a\nb", "</title><meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">", "x<y"]
        {
            assert!(Line::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(Line::parse(&"a".repeat(301)).is_err());
    }

    #[test]
    fn texts_keep_lines_and_refuse_excess() {
        assert_eq!(Text::parse("one\r\ntwo", 100).unwrap().as_str(), "one\ntwo");
        assert!(Text::parse("a\u{0}b", 100).is_err());
        assert!(Text::parse(&"a".repeat(101), 100).is_err());
        assert!(Text::parse(" ", 100).is_err());
    }
}

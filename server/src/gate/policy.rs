//! The withholding policy, as data: the legal bases a withholding may name, which
//! fields may carry withheld details and which facts are always open, and the
//! scanner's word lists. Missouri's policy (`policy/missouri.toml`) is built in and
//! is the default; `PORTAL_POLICY` names another file.

use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

/// The default policy, compiled in so the portal always starts with one.
pub const MISSOURI_TOML: &str = include_str!("../../../policy/missouri.toml");

/// Every field a policy may name, as `kind.field`. A policy naming anything else is
/// refused, so a typo cannot silently open or close a field.
pub const KNOWN_FIELDS: &[&str] = &[
    "audit.election",
    "audit.jurisdiction",
    "audit.audit_type",
    "audit.math",
    "audit.risk_limit",
    "audit.seed",
    "audit.started_on",
    "audit.completed_on",
    "audit.outcome",
    "audit.summary",
    "audit.contests",
    "audit.documents",
    "audit.sampler",
    "audit.seed_drawn_at",
    "audit.manifest",
    "audit.committed_files",
    "audit.sampled_units",
    "audit.batch_labels",
    "audit.security_details",
    "audit.internal_notes",
    "grant.program",
    "grant.funder",
    "grant.recipient",
    "grant.federal_amount",
    "grant.match_amount",
    "grant.award_date",
    "grant.period",
    "grant.source",
    "expenditure.grant",
    "expenditure.recipient",
    "expenditure.category",
    "expenditure.federal_amount",
    "expenditure.match_amount",
    "expenditure.date",
    "expenditure.vendor",
    "expenditure.description",
    "expenditure.security_details",
    "expenditure.internal_notes",
    "update.title",
    "update.body",
    "update.office",
    "update.date",
    "update.internal_notes",
];

#[derive(Clone, Debug)]
pub struct Basis {
    pub id: String,
    /// How officials and the public cite it, e.g. "RSMo 610.021(21)".
    pub citation: String,
    pub description: String,
    /// Whether a withholding under it needs the written statement (Missouri: always).
    pub requires_statement: bool,
}

#[derive(Clone, Debug, Default)]
pub struct ScannerLists {
    pub allowed_domains: Vec<String>,
    pub internal_suffixes: Vec<String>,
    pub public_contacts: Vec<String>,
    pub watch_list: Vec<String>,
    pub physical_terms: Vec<String>,
    /// Remote-access tools (TeamViewer, VNC, ...): named as installed, enabled or in use,
    /// they are a finding.
    pub remote_access_tools: Vec<String>,
    /// First labels of public web hosts (www, vote, elections, ...) that may appear under
    /// an allowed domain; other host-looking names under it are internal hosts.
    pub public_host_labels: Vec<String>,
    /// Words that make a host name under an allowed domain look internal (vpn, dc, db, ...).
    pub internal_host_words: Vec<String>,
    /// Suffixes of public government domains (`gov`, `mil`, `state.*.us`; `*` is any one
    /// label): a domain under one is a public body's and may be published, like an allowed
    /// domain, while an internal-looking host under it is still a finding.
    pub public_suffixes: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub name: String,
    pub bases: Vec<Basis>,
    pub withholdable: Vec<String>,
    pub always_open: Vec<String>,
    pub scanner: ScannerLists,
}

/// A mistake in a policy file, with the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    name: Spanned<String>,
    bases: Spanned<Vec<Spanned<RawBasis>>>,
    fields: Spanned<RawFields>,
    scanner: Spanned<RawScanner>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBasis {
    id: Spanned<String>,
    citation: Spanned<String>,
    description: Spanned<String>,
    #[serde(default = "yes")]
    requires_statement: bool,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFields {
    withholdable: Vec<Spanned<String>>,
    always_open: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScanner {
    allowed_domains: Vec<Spanned<String>>,
    #[serde(default)]
    internal_suffixes: Vec<Spanned<String>>,
    #[serde(default)]
    public_contacts: Vec<Spanned<String>>,
    #[serde(default)]
    watch_list: Vec<Spanned<String>>,
    #[serde(default)]
    physical_terms: Vec<Spanned<String>>,
    #[serde(default)]
    remote_access_tools: Vec<Spanned<String>>,
    #[serde(default)]
    public_host_labels: Vec<Spanned<String>>,
    #[serde(default)]
    internal_host_words: Vec<Spanned<String>>,
    #[serde(default)]
    public_suffixes: Vec<Spanned<String>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Policy {
    /// The built-in Missouri policy.
    pub fn missouri() -> Policy {
        Policy::parse(MISSOURI_TOML).expect("the built-in Missouri policy is valid")
    }

    /// Reads the policy named by `PORTAL_POLICY`, or the built-in Missouri policy.
    pub fn from_env() -> Result<Policy, String> {
        match std::env::var("PORTAL_POLICY") {
            Ok(path) if !path.is_empty() => Policy::load(&path),
            _ => Ok(Policy::missouri()),
        }
    }

    /// Reads and checks a policy file; the error names the file and every mistake.
    pub fn load(path: &str) -> Result<Policy, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("could not read the policy file {path}: {e}"))?;
        Policy::parse(&text).map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(|e| format!("{path}:{}: {}", e.line, e.message)).collect();
            format!("the policy file is not valid:\n{}", lines.join("\n"))
        })
    }

    /// Parses and checks a policy, reporting every mistake with its line.
    pub fn parse(text: &str) -> Result<Policy, Vec<PolicyError>> {
        let raw: RawPolicy = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            vec![PolicyError { line, message: e.message().trim().to_string() }]
        })?;
        let mut errors = Vec::new();
        let mut err = |span: std::ops::Range<usize>, message: String| {
            errors.push(PolicyError { line: line_of(text, span.start), message });
        };

        if raw.name.get_ref().trim().is_empty() {
            err(raw.name.span(), "`name` must not be empty".into());
        }
        if raw.bases.get_ref().is_empty() {
            err(raw.bases.span(), "at least one basis is needed in [[bases]]".into());
        }
        let mut ids = HashSet::new();
        let mut citations = HashSet::new();
        for b in raw.bases.get_ref() {
            let b = b.get_ref();
            for (what, v) in [("id", &b.id), ("citation", &b.citation), ("description", &b.description)] {
                if v.get_ref().trim().is_empty() {
                    err(v.span(), format!("a basis needs a non-empty `{what}`"));
                }
            }
            if !ids.insert(b.id.get_ref().to_ascii_lowercase()) {
                err(b.id.span(), format!("the basis id \"{}\" is used twice", b.id.get_ref()));
            }
            if !citations.insert(b.citation.get_ref().to_ascii_lowercase()) {
                err(b.citation.span(), format!("the citation \"{}\" is used twice", b.citation.get_ref()));
            }
        }

        let fields = raw.fields.get_ref();
        let open: HashSet<&str> = fields.always_open.iter().map(|f| f.get_ref().as_str()).collect();
        for f in fields.withholdable.iter().chain(fields.always_open.iter()) {
            if !KNOWN_FIELDS.contains(&f.get_ref().as_str()) {
                err(
                    f.span(),
                    format!(
                        "\"{}\" is not a field the portal has (write kind.field, e.g. audit.security_details)",
                        f.get_ref()
                    ),
                );
            }
        }
        for f in &fields.withholdable {
            if open.contains(f.get_ref().as_str()) {
                err(f.span(), format!("\"{}\" cannot be both withholdable and always open", f.get_ref()));
            }
        }

        let s = raw.scanner.get_ref();
        for d in &s.allowed_domains {
            let d = d.get_ref();
            if d.is_empty() || d.contains('/') || d.contains(' ') || !d.contains('.') {
                err(
                    s.allowed_domains.iter().find(|x| x.get_ref() == d).map(|x| x.span()).unwrap_or(0..0),
                    format!("\"{d}\" is not a domain name like sos.mo.gov"),
                );
            }
        }
        for list in [&s.watch_list, &s.physical_terms, &s.internal_suffixes, &s.public_contacts, &s.remote_access_tools]
        {
            for item in list {
                if item.get_ref().trim().is_empty() {
                    err(item.span(), "list entries must not be empty".into());
                }
            }
        }
        for item in s.public_host_labels.iter().chain(&s.internal_host_words) {
            let label = item.get_ref();
            if label.is_empty() || !label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                err(item.span(), format!("\"{label}\" is not one label of a host name, like www or vpn"));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let strings = |v: &Vec<Spanned<String>>| v.iter().map(|x| x.get_ref().trim().to_string()).collect();
        let lower = |v: &Vec<Spanned<String>>| v.iter().map(|x| x.get_ref().trim().to_ascii_lowercase()).collect();
        Ok(Policy {
            name: raw.name.into_inner(),
            bases: raw
                .bases
                .into_inner()
                .into_iter()
                .map(|b| {
                    let b = b.into_inner();
                    Basis {
                        id: b.id.into_inner(),
                        citation: b.citation.into_inner(),
                        description: b.description.into_inner(),
                        requires_statement: b.requires_statement,
                    }
                })
                .collect(),
            withholdable: strings(&fields.withholdable),
            always_open: strings(&fields.always_open),
            scanner: ScannerLists {
                allowed_domains: lower(&s.allowed_domains),
                internal_suffixes: lower(&s.internal_suffixes),
                public_contacts: strings(&s.public_contacts),
                watch_list: strings(&s.watch_list),
                physical_terms: lower(&s.physical_terms),
                remote_access_tools: strings(&s.remote_access_tools),
                public_host_labels: lower(&s.public_host_labels),
                internal_host_words: lower(&s.internal_host_words),
                public_suffixes: lower(&s.public_suffixes),
            },
        })
    }

    /// Finds a basis by its citation (as officials write it) or its id.
    pub fn basis(&self, name: &str) -> Option<&Basis> {
        let name = name.trim();
        self.bases.iter().find(|b| b.citation.eq_ignore_ascii_case(name) || b.id == name)
    }

    /// Whether the policy lets `kind.field` carry withheld details.
    pub fn may_withhold(&self, field: &str) -> bool {
        self.withholdable.iter().any(|f| f == field) && !self.always_open.iter().any(|f| f == field)
    }
}

impl crate::domain::withholding::WithholdingPolicy for Policy {
    fn name(&self) -> &str {
        &self.name
    }

    fn basis(&self, citation: &str) -> Option<crate::domain::withholding::BasisRef<'_>> {
        Policy::basis(self, citation).map(|b| crate::domain::withholding::BasisRef {
            citation: &b.citation,
            description: &b.description,
            requires_statement: b.requires_statement,
        })
    }

    fn citations(&self) -> Vec<&str> {
        self.bases.iter().map(|b| b.citation.as_str()).collect()
    }

    fn may_withhold(&self, field: &str) -> bool {
        Policy::may_withhold(self, field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_missouri_policy_is_valid() {
        let p = Policy::missouri();
        assert_eq!(p.basis("RSMo 610.021(21)").unwrap().id, "computer-configuration");
        assert_eq!(p.basis("keys-and-codes").unwrap().citation, "RSMo 610.021(22)");
        assert!(p.basis("RSMo 610.021(99)").is_none());
        assert!(p.may_withhold("audit.security_details"));
        assert!(!p.may_withhold("expenditure.vendor"));
        assert!(p.always_open.iter().any(|f| f == "expenditure.federal_amount"));
        assert!(p.scanner.allowed_domains.iter().any(|d| d == "sos.mo.gov"));
        assert!(p.scanner.remote_access_tools.iter().any(|t| t == "TeamViewer"));
        assert!(p.scanner.public_host_labels.iter().any(|l| l == "www"));
        assert!(p.scanner.internal_host_words.iter().any(|w| w == "vpn"));
    }

    #[test]
    fn host_labels_must_be_single_labels() {
        let text = MISSOURI_TOML.replace("public_host_labels = [", "public_host_labels = [\"www.x\", ");
        let errors = Policy::parse(&text).unwrap_err();
        assert!(errors[0].message.contains("www.x"), "{errors:?}");
        let line = text.lines().position(|l| l.starts_with("public_host_labels")).unwrap() + 1;
        assert_eq!(errors[0].line, line, "{errors:?}");
    }

    #[test]
    fn syntax_errors_have_line_numbers() {
        let errors = Policy::parse("name = \"x\"\n\n[[bases]]\nid = \n").unwrap_err();
        assert_eq!(errors[0].line, 4, "{errors:?}");
    }

    #[test]
    fn mistakes_are_reported_with_their_lines() {
        let text = MISSOURI_TOML
            .replace(
                "withholdable = [\"audit.security_details\", \"audit.batch_labels\", \"expenditure.security_details\"]",
                "withholdable = [\"audit.security_details\", \"expenditure.vendor\", \"audit.colour\"]",
            )
            .replace("citation = \"RSMo 610.021(19)\"", "citation = \"RSMo 610.021(18)\"");
        let errors = Policy::parse(&text).unwrap_err();
        let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        let line_of_fields = text.lines().position(|l| l.starts_with("withholdable")).unwrap() + 1;
        assert!(messages.iter().any(|m| m.contains("used twice")), "{messages:?}");
        assert!(
            messages.iter().any(|m| m == &format!("line {line_of_fields}: \"audit.colour\" is not a field the portal has (write kind.field, e.g. audit.security_details)")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.starts_with(&format!("line {line_of_fields}:"))
                && m.contains("both withholdable and always open")),
            "{messages:?}"
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        let text = MISSOURI_TOML.replace("[scanner]", "[scanner]\nallowed_domain = [\"x.gov\"]");
        let errors = Policy::parse(&text).unwrap_err();
        assert!(errors[0].message.contains("allowed_domain"), "{errors:?}");
    }
}

//! The withholding policy: which legal bases may close a detail, and what they mean.
//!
//! Missouri's policy is the default. (The policy file, field rules and scanner word
//! lists arrive with the gate's full judgement; this holds the bases it needs now.)

#[derive(Clone, Debug)]
pub struct Basis {
    pub id: &'static str,
    /// How officials and the public cite it, e.g. "RSMo 610.021(21)".
    pub citation: &'static str,
    pub description: &'static str,
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub bases: Vec<Basis>,
}

impl Policy {
    pub fn missouri() -> Policy {
        Policy {
            bases: vec![
                Basis {
                    id: "security-plans",
                    citation: "RSMo 610.021(18)",
                    description: "Security systems, plans and operational guidelines whose disclosure would impair the office's ability to protect persons or property.",
                },
                Basis {
                    id: "security-systems",
                    citation: "RSMo 610.021(19)",
                    description: "Existing or proposed security systems and structural plans of property owned or leased by a public body.",
                },
                Basis {
                    id: "computer-configuration",
                    citation: "RSMo 610.021(21)",
                    description: "Records that identify the configuration of components or the operation of a computer, computer system, computer network or telecommunications network.",
                },
                Basis {
                    id: "keys-and-codes",
                    citation: "RSMo 610.021(22)",
                    description: "Digital certificates, physical and virtual keys, access codes or authorization codes.",
                },
            ],
        }
    }

    /// Finds a basis by its citation (as officials write it) or its id.
    pub fn basis(&self, name: &str) -> Option<&Basis> {
        let name = name.trim();
        self.bases.iter().find(|b| b.citation.eq_ignore_ascii_case(name) || b.id == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bases_by_citation_or_id() {
        let p = Policy::missouri();
        assert_eq!(p.basis("RSMo 610.021(21)").unwrap().id, "computer-configuration");
        assert_eq!(p.basis("keys-and-codes").unwrap().citation, "RSMo 610.021(22)");
        assert!(p.basis("RSMo 610.021(99)").is_none());
    }
}

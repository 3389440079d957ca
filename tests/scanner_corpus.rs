//! The scanner against labelled corpora written for this project: defensive details
//! it must find, and ordinary public prose it must let through. Prints both figures.
//! `scanner-corpus.tsv` was used while writing the rules; `scanner-corpus-holdout.tsv`
//! was written separately, without sight of the rules or the first corpus.

use portal::gate::policy::Policy;
use portal::gate::scanner::Scanner;

#[test]
fn scanner_meets_the_bars_on_the_development_corpus() {
    measure("development corpus", include_str!("data/scanner-corpus.tsv"));
}

#[test]
fn scanner_meets_the_bars_on_the_held_out_corpus() {
    measure("held-out corpus", include_str!("data/scanner-corpus-holdout.tsv"));
}

fn measure(name: &str, corpus: &str) {
    let policy = Policy::missouri();
    let scanner = Scanner::new(&policy);
    let (mut defensive, mut found, mut public, mut flagged) = (0, 0, 0, 0);
    let mut missed = Vec::new();
    let mut false_alarms = Vec::new();
    for (n, line) in corpus.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (label, sentence) = line.split_once('\t').unwrap_or_else(|| panic!("line {} has no tab", n + 1));
        let findings = scanner.scan("text", sentence);
        match label {
            "D" => {
                defensive += 1;
                if findings.is_empty() {
                    missed.push(format!("line {}: {sentence}", n + 1));
                } else {
                    found += 1;
                }
            }
            "P" => {
                public += 1;
                if !findings.is_empty() {
                    flagged += 1;
                    let rules: Vec<String> = findings.iter().map(|f| format!("{} {:?}", f.rule, f.excerpt)).collect();
                    false_alarms.push(format!("line {}: {sentence} -> {}", n + 1, rules.join(", ")));
                }
            }
            other => panic!("line {}: unknown label {other:?}", n + 1),
        }
    }
    assert!(defensive >= 100 && public >= 100, "the corpus holds at least 200 sentences");
    let recall = found as f64 * 100.0 / defensive as f64;
    let fp_rate = flagged as f64 * 100.0 / public as f64;
    println!("scanner recall ({name}): {found}/{defensive} defensive sentences found ({recall:.1}%)");
    println!("scanner false positives ({name}): {flagged}/{public} ordinary sentences flagged ({fp_rate:.1}%)");
    for m in &missed {
        println!("  missed: {m}");
    }
    for f in &false_alarms {
        println!("  false alarm: {f}");
    }
    assert!(recall >= 95.0, "recall {recall:.1}% is below 95%");
    assert!(fp_rate <= 2.0, "false-positive rate {fp_rate:.1}% is above 2%");
}

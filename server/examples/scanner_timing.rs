//! Times the gate's scanner on large and adversarial inputs, to show that a scan is
//! linear in the length of the text: `cargo run --release -p server --example
//! scanner_timing`. The unit tests check the same property by counting the work (regex
//! calls per sentence), which does not depend on the machine; this prints the times.

use portal::gate::policy::Policy;
use portal::gate::scanner::{Scanner, MAX_REGEX_CALLS_PER_SENTENCE};
use std::time::Instant;

fn main() {
    let policy = Policy::missouri();
    let scanner = Scanner::new(&policy);
    let chunk = "The door code is 4821 and the password is Spring2024! at 10.0.0.1 port 3389; camera 3 covers \
                 the rear door, the guard leaves at 11 p.m. TeamViewer is installed on \\\\fs01\\share$ and \
                 vault01.boonecountymo.org ten dot one dot two dot three &#46;&amp;&#x2e;\u{200B}\u{00AD} \
                 ＡＢＣ１２３ e\u{301} key kept in the drawer, keys keys keys [.] (dot) ";
    let units: [(&str, &str); 10] = [
        ("door", "door "),
        ("key", "key "),
        ("camera", "camera covers the door "),
        ("password", "password is "),
        ("mixed", chunk),
        ("no spaces", "a1."),
        ("dots", "1."),
        ("references", "&#46;&"),
        ("number words", "one two three four five six seven eight nine ten dot "),
        ("backslashes", "\\\\"),
    ];
    // The first scan compiles the rules; time the scans after it.
    scanner.scan("body", "warm up: the door code is 4821.");
    for (name, unit) in units {
        for kb in [16, 64, 256] {
            let text = unit.repeat(kb * 1024 / unit.len() + 1);
            let started = Instant::now();
            let (found, work) = scanner.scan_counted("body", &text);
            println!(
                "{name:>12} x {kb:>3} KB: {:>8.1} ms, {:>6} sentences, {:>8} regex calls (at most {} in one sentence, \
                 bound {MAX_REGEX_CALLS_PER_SENTENCE}), {} findings",
                started.elapsed().as_secs_f64() * 1000.0,
                work.sentences,
                work.regex_calls,
                work.max_regex_calls_in_a_sentence,
                found.len()
            );
        }
    }
}

//! The `portal` command line, run as a user would run it.

use std::process::Command;

fn portal(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .env_remove("PORTAL_POLICY")
        .output()
        .expect("run portal");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, contents: &str) -> String {
    let path = std::env::temp_dir().join(format!("portal-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path.display().to_string()
}

#[test]
fn help_documents_commands_and_variables() {
    let (code, out, _) = portal(&["--help"]);
    assert_eq!(code, 0);
    for word in ["serve", "migrate", "demo", "policy check", "scan", "DATABASE_URL", "PORTAL_ADDR", "PORTAL_POLICY"] {
        assert!(out.contains(word), "--help mentions {word}:\n{out}");
    }
    let (code, _, err) = portal(&["frobnicate"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown command"), "{err}");
}

#[test]
fn scan_exits_1_on_blocking_findings_and_0_otherwise() {
    let bad = temp_file("bad.txt", "All good here.\nThe new scanner sits at 10.20.4.17 behind the firewall.\n");
    let (code, out, _) = portal(&["scan", &bad]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(":2:") && out.contains("[ipv4]") && out.contains("block"), "{out}");

    let warn_only = temp_file("warn.txt", "We bought new DS200 units for every precinct.\n");
    let (code, out, _) = portal(&["scan", &warn_only]);
    assert_eq!(code, 0, "a warning does not block: {out}");
    assert!(out.contains("warn [watch-list]"), "{out}");

    let good = temp_file("good.txt", "The audit confirmed the outcome on November 18, 2024, at a 5% risk limit.\nSee https://www.sos.mo.gov/elections.\n");
    let (code, out, _) = portal(&["scan", &good]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("no defensive details found"), "{out}");
}

#[test]
fn policy_check_reports_mistakes_with_line_numbers() {
    let policy = include_str!("../../policy/missouri.toml");
    let good = temp_file("good.toml", policy);
    let (code, out, _) = portal(&["policy", "check", &good]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid"), "{out}");

    let broken = policy.replace("citation = \"RSMo 610.021(19)\"", "citation = \"RSMo 610.021(18)\"");
    let line = broken.lines().position(|l| l.contains("RSMo 610.021(18)")).unwrap(); // first use
    let second = broken.lines().enumerate().filter(|(_, l)| l.contains("citation = \"RSMo 610.021(18)\"")).nth(1).unwrap().0 + 1;
    assert!(second > line);
    let bad = temp_file("bad.toml", &broken);
    let (code, _, err) = portal(&["policy", "check", &bad]);
    assert_eq!(code, 1);
    assert!(err.contains(&format!("{bad}:{second}: the citation \"RSMo 610.021(18)\" is used twice")), "{err}");
}

#[test]
fn the_server_refuses_to_start_on_an_invalid_policy() {
    let bad = temp_file("invalid.toml", "name = \"x\"\n[[bases]]\nid = \"a\"\n");
    let out = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("serve")
        .env("PORTAL_POLICY", &bad)
        .env("DATABASE_URL", "sqlite::memory:")
        .env("PORTAL_ADDR", "127.0.0.1:0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the policy file is not valid") && err.contains(&format!("{bad}:")), "{err}");
}

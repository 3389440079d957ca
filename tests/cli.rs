//! The `portal` command line, run as a user would run it.

use std::process::Command;

fn portal(args: &[&str]) -> (i32, String, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_portal")).args(args).env_remove("PORTAL_POLICY").output().expect("run portal");
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

    let warn_only = temp_file("warn.txt", "Every precinct runs a DS200 on election day.\n");
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
    let policy = include_str!("../policy/missouri.toml");
    let good = temp_file("good.toml", policy);
    let (code, out, _) = portal(&["policy", "check", &good]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("valid"), "{out}");

    let broken = policy.replace("citation = \"RSMo 610.021(19)\"", "citation = \"RSMo 610.021(18)\"");
    let line = broken.lines().position(|l| l.contains("RSMo 610.021(18)")).unwrap(); // first use
    let second =
        broken.lines().enumerate().filter(|(_, l)| l.contains("citation = \"RSMo 610.021(18)\"")).nth(1).unwrap().0 + 1;
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

/// Runs `portal` on a database, with lines for standard input.
fn portal_on(db: &str, args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .env("DATABASE_URL", db)
        .env_remove("PORTAL_POLICY")
        .env_remove("PORTAL_PASSWORD")
        .env_remove("PORTAL_TOTP")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run portal");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn officials_import_review_and_publish_on_the_command_line() {
    let path = std::env::temp_dir().join(format!("portal-cli-workflow-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let db = format!("sqlite://{}?mode=rwc", path.display());
    let pw = "correct horse battery staple\n";
    assert_eq!(portal_on(&db, &["demo"], "").0, 0);
    for (email, role, office) in [
        ("author@boone.example", "author", Some("boone-county")),
        ("reviewer@boone.example", "reviewer", Some("boone-county")),
        ("reviewer@clay.example", "reviewer", Some("clay-county")),
        ("admin@sos.example", "admin", None),
    ] {
        let mut args = vec!["user", "add", email, "--role", role];
        if let Some(o) = office {
            args.extend(["--office", o]);
        }
        let (code, out, err) = portal_on(&db, &args, pw);
        assert_eq!(code, 0, "{out}{err}");
    }
    let (code, _, err) = portal_on(&db, &["user", "add", "weak@boone.example", "--role", "author"], "short\n");
    assert_eq!(code, 1);
    assert!(err.contains("at least 12 characters"), "{err}");
    let (_, list, _) = portal_on(&db, &["user", "list"], "");
    assert!(list.contains("admin@sos.example\tadmin\tmissouri\tactive"), "{list}");

    // A file with a mistake stores nothing and says where the mistake is.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates");
    let good = std::fs::read_to_string(root.join("spending.csv")).unwrap();
    let bad = temp_file("bad-spending.csv", &good.replacen("1250.00", "12.5.0", 1));
    let (code, out, err) = portal_on(&db, &["import", "spending", &bad, "--as", "author@boone.example"], pw);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("line 2, column 4 (federal_amount)"), "{err}");
    assert!(err.contains("nothing from"), "{err}");
    let (_, queue, _) = portal_on(&db, &["review", "list"], "");
    assert!(queue.trim().is_empty(), "nothing was submitted: {queue}");
    // A wrong password is refused.
    let (code, _, err) = portal_on(
        &db,
        &["import", "spending", &root.join("spending.csv").display().to_string(), "--as", "author@boone.example"],
        "wrong password here\n",
    );
    assert_eq!(code, 1);
    assert!(err.contains("not right"), "{err}");

    // The templates import; each submission's id is printed first on its line.
    let (code, out, err) = portal_on(
        &db,
        &["import", "spending", &root.join("spending.csv").display().to_string(), "--as", "author@boone.example"],
        pw,
    );
    assert_eq!(code, 0, "{out}{err}");
    let ids: Vec<String> = out.lines().map(|l| l.split('\t').next().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 2, "{out}");
    assert!(ids.iter().all(|id| id.parse::<i64>().is_ok()), "{out}");
    let (code, out, err) = portal_on(
        &db,
        &["import", "audits", &root.join("audits.csv").display().to_string(), "--as", "reviewer@boone.example"],
        pw,
    );
    assert_eq!(code, 0, "{out}{err}");
    let audit_id = out.split('\t').next().unwrap().to_string();
    let (_, queue, _) = portal_on(&db, &["review", "list"], "");
    let queued: Vec<&str> = queue.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(queued.len(), 3, "{queue}");
    assert!(queued.contains(&audit_id.as_str()) && queued.contains(&ids[0].as_str()), "{queue}");

    // Two people publish: the submitter, an author and another county are refused.
    let (code, _, err) = portal_on(&db, &["review", "approve", &audit_id, "--as", "reviewer@boone.example"], pw);
    assert_eq!(code, 1);
    assert!(err.contains("two-person rule"), "{err}");
    let (code, _, err) = portal_on(&db, &["review", "approve", &ids[0], "--as", "author@boone.example"], pw);
    assert_eq!(code, 1);
    assert!(err.contains("only reviewers"), "{err}");
    let (code, _, err) = portal_on(&db, &["review", "approve", &ids[0], "--as", "reviewer@clay.example"], pw);
    assert_eq!(code, 1);
    assert!(err.contains("not for boone-county"), "{err}");
    let (code, out, err) =
        portal_on(&db, &["review", "approve", &ids[0], &ids[1], "--as", "reviewer@boone.example"], pw);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.lines().filter(|l| l.contains("published")).count(), 2, "{out}");
    let (code, _, err) = portal_on(&db, &["review", "return", &audit_id, "--as", "admin@sos.example"], pw);
    assert_eq!(code, 1, "a return needs a comment");
    assert!(err.contains("--comment"), "{err}");
    let (code, out, err) = portal_on(
        &db,
        &["review", "return", &audit_id, "--as", "admin@sos.example", "--comment", "Add the batch manifest."],
        pw,
    );
    assert_eq!(code, 0, "{out}{err}");
    let (_, queue, _) = portal_on(&db, &["review", "list"], "");
    assert!(queue.trim().is_empty(), "{queue}");
    // A disabled account can no longer act.
    assert_eq!(portal_on(&db, &["user", "disable", "reviewer@clay.example"], "").0, 0);
    let (code, _, err) = portal_on(&db, &["review", "approve", "1", "--as", "reviewer@clay.example"], pw);
    assert_eq!(code, 1);
    assert!(err.contains("not right"), "a disabled account's right password is refused like a wrong one: {err}");
    // Account recovery: a new password, typed twice; the old one stops working.
    let (code, _, err) = portal_on(
        &db,
        &["user", "set-password", "reviewer@boone.example"],
        "one password here
another one here
",
    );
    assert_eq!(code, 1);
    assert!(err.contains("differ"), "{err}");
    let new_pw = "a brand new passphrase\n";
    let (code, out, err) = portal_on(
        &db,
        &["user", "set-password", "reviewer@boone.example"],
        "a brand new passphrase\na brand new passphrase\n",
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = portal_on(&db, &["review", "approve", "99999", "--as", "reviewer@boone.example"], pw);
    assert!(code == 1 && err.contains("not right"), "the old password no longer works: {err}");
    let (code, _, err) = portal_on(&db, &["review", "approve", "99999", "--as", "reviewer@boone.example"], new_pw);
    assert!(code == 1 && err.contains("no such submission"), "the new one does: {err}");
    // A second-factor reset asks for the address again.
    let (code, _, err) = portal_on(&db, &["user", "reset-2fa", "reviewer@boone.example"], "someone@else.example\n");
    assert_eq!(code, 1);
    assert!(err.contains("differs"), "{err}");
    let (code, out, err) = portal_on(&db, &["user", "reset-2fa", "reviewer@boone.example"], "reviewer@boone.example\n");
    assert_eq!(code, 0, "{out}{err}");
    let _ = std::fs::remove_file(&path);
}

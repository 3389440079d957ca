//! A process killed (SIGKILL) in the middle of a batch approval leaves every
//! publication whole: each published version has its activity entry and its
//! submission marked published, every other submission is still pending, and
//! nothing else changed, and the transparency log holds exactly one entry per
//! published version. Publication, its submission status, its activity entry and
//! its transparency log entry are one transaction; this proves it on both databases.

use crate::support::{fresh_db, Store};
use portal::domain::account::Role;
use portal::officials::{accounts, import};
use std::process::{Command, Stdio};

const PASSWORD: &str = "correct horse battery staple";
const BATCH: usize = 300;

fn spending_file(rows: usize, round: usize) -> String {
    let mut csv = String::from(
        "grant,recipient,category,federal_amount,match_amount,date,vendor,description,security_details,\
         withholding_basis,withholding_statement,internal_notes\n",
    );
    for i in 0..rows {
        csv.push_str(&format!(
            "hava-2018-election-security,boone-county,Voter Education,{}.00,1.00,2025-04-01,Batch Vendor {round} {i:04},\
             Voter guides for batch {round}.,,,,\n",
            100 + i
        ));
    }
    csv
}

/// What the tables hold for the batch's records.
struct Counts {
    drafts: i64,
    published_rows: i64,
    published_submissions: i64,
    pending_submissions: i64,
    other_submissions: i64,
    publication_entries: i64,
}

async fn counts(raw: &sqlx::AnyPool, round: usize) -> Counts {
    let like = format!("%batch-vendor-{round}-%");
    let n = |sql: &str| {
        let sql = sql.to_string();
        let like = like.clone();
        async move { sqlx::query_scalar::<_, i64>(&sql).bind(like).fetch_one(raw).await.unwrap() }
    };
    Counts {
        drafts: n("SELECT COUNT(*) FROM draft_expenditures WHERE slug LIKE $1").await,
        published_rows: n("SELECT COUNT(*) FROM published_expenditures WHERE slug LIKE $1").await,
        published_submissions: n("SELECT COUNT(*) FROM submissions WHERE slug LIKE $1 AND status = 'published' \
             AND published_version = 1")
        .await,
        pending_submissions: n("SELECT COUNT(*) FROM submissions WHERE slug LIKE $1 AND status = 'pending' \
             AND published_version IS NULL")
        .await,
        other_submissions: n(
            "SELECT COUNT(*) FROM submissions WHERE slug LIKE $1 AND status NOT IN ('pending', 'published')",
        )
        .await,
        publication_entries: n("SELECT COUNT(*) FROM activity_log WHERE action = 'publication' AND subject LIKE $1")
            .await,
    }
}

/// Every published row has its submission marked published and its log entry.
async fn each_publication_is_whole(raw: &sqlx::AnyPool, round: usize) {
    let like = format!("%batch-vendor-{round}-%");
    let orphans: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM published_expenditures p WHERE p.slug LIKE $1 AND (\
         NOT EXISTS (SELECT 1 FROM submissions s WHERE s.slug = p.slug AND s.status = 'published' AND s.published_version = p.version) \
         OR NOT EXISTS (SELECT 1 FROM activity_log a WHERE a.action = 'publication' \
                        AND a.subject = 'expenditure ' || p.slug || ' v' || CAST(p.version AS TEXT)))",
    )
    .bind(&like)
    .fetch_one(raw)
    .await
    .unwrap();
    assert_eq!(orphans, 0, "a published version lacks its submission status or its activity entry");
    // The transparency log agrees with the published tables: one entry per
    // published version and none for anything unpublished, indexes without gaps,
    // and the stored tree exactly as large as the log.
    let unlogged: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM published_expenditures p WHERE p.slug LIKE $1 AND (SELECT COUNT(*) FROM log_entries l \
         WHERE l.record_kind = 'expenditure' AND l.slug = p.slug AND l.version = p.version) <> 1",
    )
    .bind(&like)
    .fetch_one(raw)
    .await
    .unwrap();
    assert_eq!(unlogged, 0, "a published version is not logged exactly once");
    let ghosts: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM log_entries l WHERE l.slug LIKE $1 AND NOT EXISTS \
         (SELECT 1 FROM published_expenditures p WHERE p.slug = l.slug AND p.version = l.version)",
    )
    .bind(&like)
    .fetch_one(raw)
    .await
    .unwrap();
    assert_eq!(ghosts, 0, "the log names a version that was not published");
    let (size, rows, max, hashes): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT size FROM log_head), (SELECT COUNT(*) FROM log_entries), \
         (SELECT COALESCE(MAX(idx), -1) FROM log_entries), (SELECT COUNT(*) FROM log_hashes)",
    )
    .fetch_one(raw)
    .await
    .unwrap();
    assert_eq!((rows, max + 1), (size, size), "the log's entries run 0..size without gaps");
    assert_eq!(hashes as u64, tlog::stored::stored_hash_count(size as u64), "the stored tree matches the log's size");
}

async fn killed_during_a_batch_approval(store: Store) {
    let (db, _guard) = fresh_db(store).await;
    let raw = sqlx::AnyPool::connect(db.url()).await.unwrap();
    portal::demo::load(&db).await.unwrap();
    accounts::add(&db, "author@boone.example", PASSWORD, Role::Author, Some("boone-county"), "test", "test")
        .await
        .unwrap();
    accounts::add(&db, "reviewer@boone.example", PASSWORD, Role::Reviewer, Some("boone-county"), "test", "test")
        .await
        .unwrap();
    let author = accounts::find(&db, "author@boone.example").await.unwrap().unwrap();
    // Kill at three different points: early, midway and late in the batch.
    for (round, fraction) in [(1usize, 0.1f64), (2, 0.5), (3, 0.9)] {
        let created = import::spending(
            &db,
            &portal::gate::policy::Policy::missouri(),
            &author,
            spending_file(BATCH, round).as_bytes(),
            "test",
        )
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(created.len(), BATCH);
        let before = counts(&raw, round).await;
        assert_eq!((before.drafts, before.pending_submissions, before.published_rows), (BATCH as i64, BATCH as i64, 0));
        let entries_before: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM activity_log").fetch_one(&raw).await.unwrap();

        let ids: Vec<String> = created.iter().map(|c| c.id.to_string()).collect();
        let mut args = vec!["review".to_string(), "approve".to_string()];
        args.extend(ids);
        args.extend(["--as".to_string(), "reviewer@boone.example".to_string()]);
        let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(&args)
            .env("DATABASE_URL", db.url())
            .env("PORTAL_PASSWORD", PASSWORD)
            .env("PORTAL_LOG", "error")
            .env_remove("PORTAL_POLICY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run portal");
        // Wait for the batch to be part-way through (watching what is measured, not
        // the clock), then kill the process without warning.
        let target = (BATCH as f64 * fraction) as i64;
        loop {
            let published: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM submissions WHERE slug LIKE $1 AND status = 'published'")
                    .bind(format!("%batch-vendor-{round}-%"))
                    .fetch_one(&raw)
                    .await
                    .unwrap();
            if published >= target {
                break;
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!("the approval ended before it could be killed: {status}");
            }
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        child.kill().expect("kill the approval");
        child.wait().unwrap();

        let after = counts(&raw, round).await;
        assert!(
            after.published_rows >= target && after.published_rows < BATCH as i64,
            "killed part-way: {}",
            after.published_rows
        );
        assert_eq!(
            after.published_rows, after.published_submissions,
            "every published version's submission is marked published"
        );
        assert_eq!(after.published_rows, after.publication_entries, "every published version has its activity entry");
        assert_eq!(
            after.published_rows + after.pending_submissions,
            BATCH as i64,
            "every other submission is still pending"
        );
        assert_eq!(after.other_submissions, 0);
        assert_eq!(after.drafts, BATCH as i64, "no draft was added or lost");
        each_publication_is_whole(&raw, round).await;
        // Nothing else was written: the log holds the sign-in and one entry per publication.
        let entries_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activity_log").fetch_one(&raw).await.unwrap();
        assert_eq!(
            entries_after - entries_before,
            after.publication_entries + 1,
            "only the sign-in and the publications"
        );

        // Approving the batch again publishes the rest, and nothing twice.
        let out = Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(&args)
            .env("DATABASE_URL", db.url())
            .env("PORTAL_PASSWORD", PASSWORD)
            .env_remove("PORTAL_POLICY")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.matches("not pending").count() as i64, after.published_rows, "{stderr}");
        let done = counts(&raw, round).await;
        assert_eq!(
            (done.published_rows, done.published_submissions, done.publication_entries),
            (BATCH as i64, BATCH as i64, BATCH as i64)
        );
        assert_eq!(done.pending_submissions, 0);
        each_publication_is_whole(&raw, round).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_killed_during_a_batch_approval() {
    killed_during_a_batch_approval(Store::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_killed_during_a_batch_approval() {
    killed_during_a_batch_approval(Store::Postgres).await
}

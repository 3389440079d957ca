//! Commitment before the seed. An audit's inputs — its ballot manifest and the
//! files it names by hash — must be published before the random seed is drawn,
//! or the office could have chosen the seed after seeing which ballots it
//! picks. So a version that publishes a seed for the first time (or a new one)
//! is refused unless an earlier published version of the audit carries the same
//! manifest (and files), and the seed was drawn after that publication and not
//! in the future. At publication the commitment times are stamped on the rows:
//! when each manifest and file was first published.

use super::projection::{Projection, Rows};
use crate::db::audits::{file_committed, manifest_committed};
use crate::db::Conn;
use crate::error::{AppError, AppResult, Context};

/// The seed of the newest published version of an audit, if any.
async fn published_seed(conn: &mut Conn, slug: &str) -> AppResult<Option<String>> {
    let seed: Option<Option<String>> =
        sqlx::query_scalar("SELECT seed FROM published_audits WHERE slug = $1 ORDER BY version DESC LIMIT 1")
            .bind(slug)
            .fetch_optional(conn)
            .await
            .context("reading the published seed")?;
    Ok(seed.flatten())
}

fn refuse(message: String) -> AppError {
    AppError::validation("seed", message)
}

/// Checks the rule for a projection about to be published (or submitted) at
/// `now`, and stamps the commitment times on its rows.
pub async fn check_and_stamp(conn: &mut Conn, projection: &mut Projection, now: &str) -> AppResult<()> {
    let Rows::Audit(a) = &mut projection.rows else { return Ok(()) };
    let slug = a.audit.slug.clone();
    let committed = match &a.audit.manifest_sha256 {
        Some(sha) => manifest_committed(conn, &slug, sha).await?,
        None => None,
    };
    a.audit.manifest_committed_at = a
        .audit
        .manifest_sha256
        .as_ref()
        .map(|_| committed.as_ref().map(|(at, _)| at.clone()).unwrap_or_else(|| now.to_string()));
    let mut file_times = Vec::new();
    for f in &mut a.files {
        let at = file_committed(conn, &slug, &f.sha256).await?;
        f.committed_at = at.clone().unwrap_or_else(|| now.to_string());
        file_times.push((f.kind.clone(), at));
    }
    let Some(seed) = a.audit.seed.clone() else { return Ok(()) };
    if published_seed(conn, &slug).await?.as_deref() == Some(seed.as_str()) {
        // The seed is already public; this version does not publish it.
        return Ok(());
    }
    let Some((committed_at, version)) = committed else {
        return Err(refuse(format!(
            "\"{slug}\" publishes a random seed, but its ballot manifest was not published first. Publish the \
             audit with its manifest (portal import manifest), then draw the seed at the public ceremony and \
             publish it in a later version: the inputs must be committed before the seed is drawn"
        )));
    };
    let Some(drawn) = a.audit.seed_drawn_at.clone() else {
        return Err(refuse("say when the seed was drawn (seed_drawn_at)".into()));
    };
    let drawn_t = crate::domain::values::Timestamp::parse(&drawn).map_err(refuse)?;
    let committed_t = crate::domain::values::Timestamp::parse(&committed_at).map_err(refuse)?;
    let now_t = crate::domain::values::Timestamp::parse(now).map_err(refuse)?;
    if drawn_t <= committed_t {
        return Err(refuse(format!(
            "the seed was drawn at {drawn}, before the manifest was committed (version {version}, published \
             {committed_at}); a seed must be drawn after the inputs are published"
        )));
    }
    if drawn_t > now_t {
        return Err(refuse(format!("the seed's time {drawn} is in the future")));
    }
    for (kind, at) in file_times {
        let Some(at) = at else {
            return Err(refuse(format!(
                "the {kind} file was not published before the seed; publish its hash in an earlier version"
            )));
        };
        if crate::domain::values::Timestamp::parse(&at).map_err(refuse)? >= drawn_t {
            return Err(refuse(format!("the {kind} file was committed at {at}, after the seed was drawn")));
        }
    }
    Ok(())
}

//! Server functions the public pages call. Each is thin: it asks the backend (the
//! `server` crate's public store, which reads only published tables) and returns a
//! public wire type. They are GET endpoints under `/fn/` so that caches can keep them.

use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[cfg(feature = "ssr")]
pub use backend::*;

#[cfg(feature = "ssr")]
mod backend {
    use crate::model::*;
    use futures::future::BoxFuture;
    use std::sync::Arc;

    /// A failure the reader cannot fix; its cause is logged by the backend.
    #[derive(Debug)]
    pub struct BackendError;

    pub type BackendResult<T> = Result<T, BackendError>;

    /// What the public pages may ask of the server. Implemented by the `server`
    /// crate over the published tables only.
    pub trait PublicBackend: Send + Sync + 'static {
        fn site_info(&self) -> BoxFuture<'_, BackendResult<SiteInfo>>;
        fn home(&self) -> BoxFuture<'_, BackendResult<PublicHome>>;
        fn list_audits(&self, filter: AuditFilter) -> BoxFuture<'_, BackendResult<PublicAuditList>>;
        fn audit(&self, slug: String, version: Option<i64>) -> BoxFuture<'_, BackendResult<Option<PublicAuditPage>>>;
        fn spending(&self, cursor: GrantCursor) -> BoxFuture<'_, BackendResult<PublicSpendingOverview>>;
        fn grant(
            &self,
            slug: String,
            filter: ExpenditureFilter,
        ) -> BoxFuture<'_, BackendResult<Option<PublicGrantDetail>>>;
        fn list_updates(&self, page: u32) -> BoxFuture<'_, BackendResult<PublicUpdateList>>;
        fn update(&self, slug: String, version: Option<i64>) -> BoxFuture<'_, BackendResult<Option<PublicUpdatePage>>>;
        fn jurisdiction(&self, slug: String) -> BoxFuture<'_, BackendResult<Option<PublicJurisdiction>>>;
        fn grant_version(
            &self,
            slug: String,
            version: Option<i64>,
        ) -> BoxFuture<'_, BackendResult<Option<PublicGrantVersionPage>>>;
        fn expenditure(
            &self,
            slug: String,
            version: Option<i64>,
        ) -> BoxFuture<'_, BackendResult<Option<PublicExpenditurePage>>>;
    }

    /// The backend as the server provides it through Leptos context.
    pub type Backend = Arc<dyn PublicBackend>;

    pub(crate) fn backend() -> Result<Backend, leptos::prelude::ServerFnError> {
        leptos::prelude::use_context::<Backend>()
            .ok_or_else(|| leptos::prelude::ServerFnError::new("The portal is not ready."))
    }

    /// The one message a reader sees when the server failed; the cause is in the log.
    pub(crate) fn unavailable(_: BackendError) -> leptos::prelude::ServerFnError {
        leptos::prelude::ServerFnError::new("The portal could not load this data. Please try again in a moment.")
    }
}

#[cfg(feature = "ssr")]
fn check_slug(slug: &str) -> Result<(), ServerFnError> {
    if is_slug(slug) {
        Ok(())
    } else {
        Err(ServerFnError::Args(format!("\"{slug}\" is not a valid identifier.")))
    }
}

#[server(prefix = "/fn", endpoint = "site_info", input = GetUrl)]
pub async fn load_site_info() -> Result<SiteInfo, ServerFnError> {
    backend()?.site_info().await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "home", input = GetUrl)]
pub async fn home() -> Result<PublicHome, ServerFnError> {
    backend()?.home().await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "audits", input = GetUrl)]
pub async fn list_audits(filter: AuditFilter) -> Result<PublicAuditList, ServerFnError> {
    for slug in [&filter.election, &filter.jurisdiction].into_iter().flatten() {
        check_slug(slug)?;
    }
    backend()?.list_audits(filter).await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "audit", input = GetUrl)]
pub async fn get_audit(slug: String, version: Option<i64>) -> Result<Option<PublicAuditPage>, ServerFnError> {
    check_slug(&slug)?;
    backend()?.audit(slug, version).await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "spending", input = GetUrl)]
pub async fn spending(after: Option<String>, before: Option<String>) -> Result<PublicSpendingOverview, ServerFnError> {
    for slug in [&after, &before].into_iter().flatten() {
        check_slug(slug)?;
    }
    backend()?.spending(GrantCursor { after, before }).await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "grant", input = GetUrl)]
pub async fn get_grant(
    slug: String,
    category: Option<Category>,
    recipient: Option<String>,
    after: Option<String>,
    before: Option<String>,
) -> Result<Option<PublicGrantDetail>, ServerFnError> {
    check_slug(&slug)?;
    for s in [&recipient, &after, &before].into_iter().flatten() {
        check_slug(s)?;
    }
    let filter = ExpenditureFilter { category, recipient, after, before };
    backend()?.grant(slug, filter).await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "updates", input = GetUrl)]
pub async fn list_updates(page: u32) -> Result<PublicUpdateList, ServerFnError> {
    backend()?.list_updates(page.max(1)).await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "update", input = GetUrl)]
pub async fn get_update(slug: String, version: Option<i64>) -> Result<Option<PublicUpdatePage>, ServerFnError> {
    check_slug(&slug)?;
    backend()?.update(slug, version).await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "jurisdiction", input = GetUrl)]
pub async fn get_jurisdiction(slug: String) -> Result<Option<PublicJurisdiction>, ServerFnError> {
    check_slug(&slug)?;
    backend()?.jurisdiction(slug).await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "grant_version", input = GetUrl)]
pub async fn get_grant_version(
    slug: String,
    version: Option<i64>,
) -> Result<Option<PublicGrantVersionPage>, ServerFnError> {
    check_slug(&slug)?;
    backend()?.grant_version(slug, version).await.map_err(unavailable)
}

#[server(prefix = "/fn", endpoint = "expenditure", input = GetUrl)]
pub async fn get_expenditure(
    slug: String,
    version: Option<i64>,
) -> Result<Option<PublicExpenditurePage>, ServerFnError> {
    check_slug(&slug)?;
    backend()?.expenditure(slug, version).await.map_err(unavailable)
}

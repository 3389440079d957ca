//! The public side: its own state, which holds only a [`PublicDb`] (through the
//! [`reader::Reader`]), so no public handler can name a draft query; and its own
//! router: the Leptos pages and server functions, record JSON, downloads, the
//! API, feeds and charts.

pub mod api;
pub mod assets;
pub mod charts;
pub mod collections;
pub mod downloads;
pub mod feeds;
pub mod history;
pub mod qr;
pub mod reader;
pub mod records;
pub mod urls;

use crate::db::PublicDb;
use app::api::Backend;
use app::i18n::Lang;
use app::model::is_slug;
use app::{shell, App};
use axum::extract::{FromRef, Path, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use reader::Reader;
use std::sync::{Arc, OnceLock};
use tower_http::cors::{Any, CorsLayer};

/// What the public side needs: the Leptos options and the public reader. Every
/// request clones its handler's state, so it is one shared allocation.
#[derive(Clone)]
pub struct PublicState(Arc<PublicParts>);

impl std::ops::Deref for PublicState {
    type Target = PublicParts;
    fn deref(&self) -> &PublicParts {
        &self.0
    }
}

pub struct PublicParts {
    pub leptos_options: LeptosOptions,
    pub reader: Reader,
    /// The transparency log's identity, for the feed's checkpoint.
    pub log: crate::transparency::keys::LogKeys,
    /// The stylesheet, JS and WASM under hashed names.
    pub assets: assets::SiteAssets,
}

impl PublicState {
    pub fn new(
        leptos_options: LeptosOptions,
        db: PublicDb,
        public_url: &str,
        log: crate::transparency::keys::LogKeys,
    ) -> PublicState {
        let assets = assets::SiteAssets::load(&leptos_options.site_root);
        PublicState(Arc::new(PublicParts {
            leptos_options,
            reader: Reader::new(db, public_url, log.vkey()),
            log,
            assets,
        }))
    }
}

impl FromRef<PublicState> for LeptosOptions {
    fn from_ref(state: &PublicState) -> Self {
        state.leptos_options.clone()
    }
}

/// The app's routes, listed once per process: listing them renders the app in a
/// special mode, which must not overlap with other renders (tests run several
/// portals in one process).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The public routes, with their own state (open-data routes allow any origin).
pub fn router(state: PublicState) -> Router {
    let backend: Backend = Arc::new(state.reader.clone());
    let names = state.assets.names.clone();
    let context = move || {
        provide_context(backend.clone());
        provide_context(names.clone());
    };
    let cors = CorsLayer::new().allow_origin(Any).allow_methods([Method::GET, Method::HEAD]);
    let open_data =
        records::routes(Router::new().route("/data/{file}", get(download))).merge(api::router()).layer(cors);
    Router::new()
        .merge(open_data)
        .route("/feed.atom", get(feed))
        .route("/jurisdictions/{slug}/feed.atom", get(jurisdiction_feed))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
        .route("/charts/{name}", get(chart_en))
        .route("/es/charts/{name}", get(chart_es))
        .route("/audits/{slug}/v/{version}/qr.svg", get(qr::audit_qr))
        .leptos_routes_with_context(&state, route_list(), context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<PublicState, _>(context, shell))
        .with_state(state)
}

/// Marks a streamed response (a download): the response cache keeps it only if
/// it is small enough (`http::cache::MAX_ENTRY_BYTES`).
#[derive(Clone, Copy)]
pub struct Streamed;

/// `/data/{collection}.csv`, `/data/{collection}.json` (whole or filtered, streamed)
/// and `/data/datapackage.json`.
async fn download(State(state): State<PublicState>, Path(file): Path<String>, uri: axum::http::Uri) -> Response {
    use app::data::*;
    use collections::{parse_filter, CollectionEntry, Filter};
    use downloads::{stream, Format};
    if file == "datapackage.json" {
        let office = match state.reader.site_info().await {
            Ok(i) => i.office,
            Err(e) => {
                e.log("data package failed");
                return (StatusCode::SERVICE_UNAVAILABLE, "The data package could not be built. Please try again.")
                    .into_response();
            }
        };
        let body = downloads::datapackage(state.reader.public_url(), &office);
        return ([(header::CONTENT_TYPE, "application/json")], serde_json::to_vec_pretty(&body).unwrap_or_default())
            .into_response();
    }
    let (name, format) = match (file.strip_suffix(".csv"), file.strip_suffix(".json")) {
        (Some(n), _) => (n, Format::Csv),
        (_, Some(n)) => (n, Format::Json),
        _ => return (StatusCode::NOT_FOUND, "There is no download with that name; see /data.").into_response(),
    };
    let Some(collection) = Collection::from_name(name) else {
        return (StatusCode::NOT_FOUND, "There is no download with that name; see /data.").into_response();
    };
    let Ok(axum::extract::Query(query)) = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&uri) else {
        return (StatusCode::BAD_REQUEST, "The download's query string could not be read.").into_response();
    };
    let filter = match parse_filter(collection, &query, &[]) {
        Ok(f) => f,
        Err(message) => {
            return (StatusCode::BAD_REQUEST, format!("The download's filters are not valid: {message}."))
                .into_response()
        }
    };
    fn body<E: CollectionEntry>(reader: Reader, filter: Filter, format: Format) -> axum::body::Body {
        axum::body::Body::from_stream(stream::<E>(reader, filter, format))
    }
    let reader = state.reader.clone();
    let body = match collection {
        Collection::Audits => body::<PublicAuditEntry>(reader, filter, format),
        Collection::AuditContests => body::<PublicContestEntry>(reader, filter, format),
        Collection::Grants => body::<PublicGrantEntry>(reader, filter, format),
        Collection::Expenditures => body::<PublicExpenditureEntry>(reader, filter, format),
        Collection::Updates => body::<PublicUpdateEntry>(reader, filter, format),
        Collection::Manifests => body::<PublicManifestEntry>(reader, filter, format),
        Collection::SampledUnits => body::<PublicSampledUnitEntry>(reader, filter, format),
        Collection::AuditRounds => body::<PublicRoundEntry>(reader, filter, format),
        Collection::BatchTallies => body::<PublicBatchTallyEntry>(reader, filter, format),
    };
    let content_type = match format {
        Format::Csv => "text/csv; charset=utf-8; header=present",
        Format::Json => "application/json",
    };
    let disposition = format!("inline; filename=\"{file}\"");
    let mut res =
        ([(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, disposition)], body)
            .into_response();
    res.extensions_mut().insert(Streamed);
    res
}

fn xml_response(result: crate::error::AppResult<Option<String>>, content_type: &'static str) -> Response {
    match result {
        Ok(Some(body)) => ([(header::CONTENT_TYPE, content_type)], body).into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "There is no jurisdiction at this address.").into_response(),
        Err(e) => {
            e.log("feed failed");
            (StatusCode::SERVICE_UNAVAILABLE, "The feed could not be built. Please try again.").into_response()
        }
    }
}

const ATOM: &str = "application/atom+xml; charset=utf-8";

async fn feed(State(state): State<PublicState>) -> Response {
    xml_response(atom(&state, None).await, ATOM)
}

/// A feed with the log's current checkpoint.
async fn atom(state: &PublicState, jurisdiction: Option<&str>) -> crate::error::AppResult<Option<String>> {
    let (checkpoint, _) = crate::transparency::routes::signed_checkpoint(state.reader.db(), &state.log).await?;
    feeds::atom(&state.reader, jurisdiction, &checkpoint).await
}

async fn jurisdiction_feed(State(state): State<PublicState>, Path(slug): Path<String>) -> Response {
    if !is_slug(&slug) {
        return xml_response(Ok(None), ATOM);
    }
    xml_response(atom(&state, Some(&slug)).await, ATOM)
}

async fn sitemap(State(state): State<PublicState>) -> Response {
    xml_response(feeds::sitemap(&state.reader).await.map(Some), "application/xml; charset=utf-8")
}

async fn robots(State(state): State<PublicState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], feeds::robots(&state.reader)).into_response()
}

async fn chart_en(State(state): State<PublicState>, Path(name): Path<String>) -> Response {
    chart(state, Lang::En, &name).await
}

async fn chart_es(State(state): State<PublicState>, Path(name): Path<String>) -> Response {
    chart(state, Lang::Es, &name).await
}

/// `/charts/spending-by-category.svg` and `/charts/spending-by-recipient.svg`.
async fn chart(state: PublicState, lang: Lang, name: &str) -> Response {
    let t = lang.t();
    let db = state.reader.db();
    let (totals, as_of) = match (crate::db::expenditures::totals(db).await, crate::db::expenditures::as_of(db).await) {
        (Ok(totals), Ok(as_of)) => (totals, as_of),
        (Err(e), _) | (_, Err(e)) => {
            e.log("chart data failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "The chart could not be drawn. Please try again.")
                .into_response();
        }
    };
    let (title, totals) = match name {
        "spending-by-category.svg" => (t.chart_category_title, &totals.0),
        "spending-by-recipient.svg" => (t.chart_recipient_title, &totals.1),
        _ => return (StatusCode::NOT_FOUND, "There is no chart with that name.").into_response(),
    };
    let bars = lang.spending_bars(totals);
    let description = app::format::chart_description(&bars);
    let as_of = as_of.map(|at| app::format::date(lang, &at)).unwrap_or_else(|| t.none_dash.to_string());
    let note = app::i18n::fill(t.chart_note, &[t.site_name, &as_of]);
    let svg = charts::bar_chart(title, &description, &note, &bars);
    ([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")], svg).into_response()
}

//! The parts of a record page that make it citable: which version is shown, the
//! "Cite this" box, and the history with what changed in each version.

use crate::components::set_status;
use crate::format;
use crate::i18n::{fill, Lang};
use crate::model::{PublicCitation, PublicRetraction, PublicVersionInfo};
use leptos::prelude::*;

/// Tells a reader on an old version's permanent page that a newer one exists.
#[component]
pub fn OldVersionNotice(version: i64, current_version: i64, current_href: String) -> impl IntoView {
    let t = Lang::current_untracked().t();
    (version != current_version).then(|| {
        view! {
            <p class="old-version" role="note">
                {fill(t.old_version_notice, &[&version.to_string(), &current_version.to_string()])} " "
                <a href=current_href>{t.see_current}</a>
            </p>
        }
    })
}

/// The tombstone of a retracted record, on every one of its pages. At the record's
/// current address (no version asked for) the page answers 410 Gone.
#[component]
pub fn RetractionNotice(retraction: Option<PublicRetraction>, current_address: bool) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    retraction.map(|r| {
        if current_address {
            set_status(410);
        }
        view! {
            <section class="retracted" role="note" aria-labelledby="retracted-heading">
                <h2 id="retracted-heading">{t.retracted_heading}</h2>
                <p>{fill(t.retracted_body, &[&format::date(lang, &r.retracted_at)])} " " <span lang="en">{r.reason}</span></p>
                <p>{t.retracted_versions}</p>
            </section>
        }
    })
}

/// "Cite this": permanent address, date, office, ready citations and the SHA-256.
#[component]
pub fn CiteThis(title: String, version: i64, citation: PublicCitation) -> impl IntoView {
    let t = Lang::current_untracked().t();
    let c = citation;
    let date = format::date(Lang::En, &c.published_at);
    let plain = format!(
        "{}. “{title}.” Version {version}, published {date}. {}. SHA-256: {}.",
        c.office, c.permanent_url, c.sha256
    );
    let apa = format!(
        "{}. ({}). {title} (Version {version}) [Data set]. {}. {}",
        c.office,
        format::apa_date(&c.published_at),
        c.site_name,
        c.permanent_url
    );
    let chicago =
        format!("{}. “{title}.” {}. Version {version}, published {date}. {}.", c.office, c.site_name, c.permanent_url);
    view! {
        <section class="cite" aria-labelledby="cite-heading">
            <h2 id="cite-heading">{t.cite_heading}</h2>
            <dl class="facts">
                <div><dt>{t.cite_permanent}</dt><dd><a href=c.permanent_url.clone()>{c.permanent_url.clone()}</a></dd></div>
                <div><dt>{t.cite_published}</dt><dd>{format::date(Lang::current_untracked(), &c.published_at)}</dd></div>
                <div><dt>{t.cite_office}</dt><dd>{c.office.clone()}</dd></div>
                <div><dt>{t.cite_sha}</dt><dd><code class="hash">{c.sha256.clone()}</code></dd></div>
            </dl>
            <p><small>{t.cite_hash_help}</small> " " <a href=c.data_url.clone()>{t.cite_data}</a></p>
            {c.log_index.zip(c.proof_url.clone()).map(|(index, proof)| view! {
                <dl class="facts">
                    <div>
                        <dt>{t.cite_log}</dt>
                        <dd>{fill(t.cite_log_entry, &[&index.to_string()])} " · " <a href=proof download="">{t.cite_proof}</a></dd>
                    </div>
                </dl>
                <p><small>{t.cite_log_help}</small></p>
            })}
            <dl class="citations" lang="en">
                <dt>{t.cite_plain}</dt><dd>{plain}</dd>
                <dt>{t.cite_apa}</dt><dd>{apa}</dd>
                <dt>{t.cite_chicago}</dt><dd>{chicago}</dd>
            </dl>
        </section>
    }
}

/// The record's versions, newest first, each with its date, correction note and
/// what changed from the version before.
#[component]
pub fn History(history: Vec<PublicVersionInfo>, shown: i64, base_href: String) -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let dash = t.none_dash;
    view! {
        <section class="history" aria-labelledby="history-heading">
            <h2 id="history-heading">{t.history_heading}</h2>
            <ol reversed>
                {history.into_iter().rev().map(|v| {
                    let label = fill(t.history_version, &[&v.version.to_string()]);
                    let caption = fill(t.history_changes_caption, &[&v.version.to_string()]);
                    let region = caption.clone();
                    let first = v.version == 1;
                    let unchanged = !first && v.changes.is_empty();
                    view! {
                        <li>
                            <p>
                                <a href=format!("{base_href}/v/{}", v.version)>{label}</a>
                                " · " <time datetime=v.published_at.clone()>{format::date(lang, &v.published_at)}</time>
                                {(v.version == shown).then(|| view! { " " {t.history_shown} })}
                            </p>
                            {v.correction_note.map(|n| view! { <p>{t.history_note} " " <span lang="en">{n}</span></p> })}
                            {first.then(|| view! { <p>{t.history_first}</p> })}
                            {unchanged.then(|| view! { <p>{t.history_no_changes}</p> })}
                            {(!v.changes.is_empty()).then(|| view! {
                                <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                                    <table>
                                        <caption>{caption}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t.col_field}</th>
                                                <th scope="col">{t.col_before}</th>
                                                <th scope="col">{t.col_after}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {v.changes.into_iter().map(|c| view! {
                                                <tr>
                                                    <th scope="row"><code>{c.field}</code></th>
                                                    <td lang="en">{c.before.unwrap_or_else(|| dash.to_string())}</td>
                                                    <td lang="en">{c.after.unwrap_or_else(|| dash.to_string())}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

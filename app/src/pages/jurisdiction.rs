use super::record_by_slug;
use crate::api::get_jurisdiction;
use crate::components::{AuditTable, Downloads, OfficialTextNote, PageTitle, UpdateList};
use crate::data::Collection;
use crate::format;
use crate::i18n::{fill, Lang};

use super::when_loaded;
use crate::pages::grant::expenditure_table;
use leptos::prelude::*;

/// `/jurisdictions/{slug}`: everything published about one county or the state.
#[component]
pub fn JurisdictionPage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let data = record_by_slug(|slug, _| get_jurisdiction(slug));
    view! {
        {when_loaded(data, move |j| {
                    let audits_shown = j.audits.len() as i64;
                    let audits_count = if j.audit_count > crate::model::COUNT_CAP {
                        format!("{}+", crate::model::COUNT_CAP)
                    } else {
                        j.audit_count.to_string()
                    };
                    let all_audits = lang.href(&format!("/audits?jurisdiction={}", j.slug));
                    let spending_shown = j.expenditures.len() as i64;
                    let spending_count = j.expenditure_count;
                    let downloads = vec![("recipient".to_string(), j.slug.clone())];
                    view! {
                        <PageTitle text=j.name.clone()/>
                        <h1>{j.name.clone()}</h1>
                        <p class="lead">{lang.jurisdiction_kind(j.kind)} " · " {t.fips_label} " " {j.fips.clone()}</p>
                        <OfficialTextNote/>
                        <section aria-labelledby="j-audits">
                            <h2 id="j-audits">{t.j_audits}</h2>
                            {if j.audits.is_empty() {
                                view! { <p>{t.j_none}</p> }.into_any()
                            } else {
                                view! {
                                    <AuditTable audits=j.audits caption=t.j_audits/>
                                    {(j.audit_count > audits_shown).then(|| view! {
                                        <p>
                                            {fill(t.j_audits_more, &[&audits_shown.to_string(), &audits_count])} " "
                                            <a href=all_audits>{t.j_audits_all}</a>
                                        </p>
                                    })}
                                }.into_any()
                            }}
                        </section>
                        {(!j.grants.is_empty()).then(|| view! {
                            <section aria-labelledby="j-grants">
                                <h2 id="j-grants">{t.j_grants}</h2>
                                <ul>
                                    {j.grants.into_iter().map(|g| view! {
                                        <li>
                                            <a href=lang.href(&format!("/spending/{}", g.slug))>{g.program.clone()}</a>
                                            ": " {format::money(g.total_cents())}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        })}
                        <section aria-labelledby="j-spending">
                            <h2 id="j-spending">{t.j_spending}</h2>
                            {if j.expenditures.is_empty() {
                                view! { <p>{t.j_none}</p> }.into_any()
                            } else {
                                view! {
                                    <p>{fill(t.j_spending_total, &[&format::money(j.spent_cents)])}</p>
                                    {(spending_count > spending_shown).then(|| view! {
                                        <p>{fill(t.j_spending_more, &[&spending_shown.to_string(), &spending_count.to_string()])}</p>
                                    })}
                                    {expenditure_table(lang, j.expenditures, j.federal_cents, j.match_cents)}
                                    <Downloads collection=Collection::Expenditures query=downloads/>
                                }.into_any()
                            }}
                        </section>
                        <section aria-labelledby="j-updates">
                            <h2 id="j-updates">{t.j_updates}</h2>
                            {if j.updates.is_empty() {
                                view! { <p>{t.j_none}</p> }.into_any()
                            } else {
                                view! { <UpdateList updates=j.updates/> }.into_any()
                            }}
                        </section>
                    }
                    .into_any()
                })}
    }
}

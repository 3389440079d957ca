use super::when_loaded;
use crate::api::home;
use crate::components::{loaded, AuditTable, PageTitle, UpdateList};
use crate::format;
use crate::i18n::{fill, Lang};
use leptos::prelude::*;

/// `/`: the portal at a glance.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = Lang::current_untracked();
    let t = lang.t();
    let data = Resource::new(|| (), |_| async move { loaded(home().await) });
    view! {
        <PageTitle text=t.nav_home/>
        <h1>{t.home_title}</h1>
        <p class="lead">{t.home_intro}</p>
        {when_loaded(data, move |h| view! {
                    <section aria-labelledby="latest-audits">
                        <h2 id="latest-audits">{t.latest_audits}</h2>
                        <p>{fill(t.audits_published, &[&h.audit_count.to_string()])}</p>
                        <AuditTable audits=h.latest_audits caption=t.latest_audits/>
                        <p><a href=lang.href("/audits")>{t.all_audits}</a></p>
                    </section>
                    <section aria-labelledby="money">
                        <h2 id="money">{t.money_heading}</h2>
                        <dl class="figures">
                            <div><dt>{t.awarded}</dt><dd>{format::money(h.awarded_cents)}</dd></div>
                            <div><dt>{t.spent}</dt><dd>{format::money(h.spent_cents)}</dd></div>
                        </dl>
                        <p>{fill(t.spent_share, &[&format::share(h.spent_cents, h.awarded_cents)])}</p>
                        <p><a href=lang.href("/spending")>{t.view_spending}</a></p>
                    </section>
                    <section aria-labelledby="latest-updates">
                        <h2 id="latest-updates">{t.latest_updates}</h2>
                        <UpdateList updates=h.latest_updates/>
                        <p><a href=lang.href("/updates")>{t.all_updates}</a></p>
                    </section>
                    <section aria-labelledby="withheld">
                        <h2 id="withheld">{t.withheld_heading}</h2>
                        <p>{t.withheld_intro}</p>
                        <p>{t.withheld_how}</p>
                        <p>{fill(t.withheld_count, &[&h.records_with_withholdings.to_string()])}</p>
                        <p><a href=lang.href("/about#policy")>{t.read_policy}</a></p>
                    </section>
                }.into_any())}
    }
}

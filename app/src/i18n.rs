//! The one translation layer: every string a reader sees comes from here.
//!
//! Each entry holds its English and Spanish text side by side, so a new string
//! cannot be added in one language only (the compiler asks for both).

use crate::model::{AuditMath, AuditType, Category, JurisdictionKind, Outcome};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    /// The language a path is in: everything under `/es` is Spanish.
    pub fn from_path(path: &str) -> Lang {
        if path == "/es" || path.starts_with("/es/") {
            Lang::Es
        } else {
            Lang::En
        }
    }

    /// The language of the page being shown: the one the server provided for
    /// this request ([`crate::shell`] reads it from the path once, since every
    /// page is rendered on the server and nothing navigates in the browser), or
    /// else the router's location.
    pub fn current() -> Lang {
        use_context::<Lang>().unwrap_or_else(|| Lang::from_path(&use_location().pathname.get()))
    }

    /// As [`Lang::current`], without subscribing to navigation.
    pub fn current_untracked() -> Lang {
        use_context::<Lang>().unwrap_or_else(|| Lang::from_path(&use_location().pathname.get_untracked()))
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    pub fn t(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Es => &ES,
        }
    }

    /// The planner's messages in this language.
    pub fn planner(self) -> &'static PlannerStrings {
        match self {
            Lang::En => &PL_EN,
            Lang::Es => &PL_ES,
        }
    }

    /// A site path in this language: `/audits` becomes `/es/audits` in Spanish.
    pub fn href(self, path: &str) -> String {
        match (self, path) {
            (Lang::En, _) => path.to_string(),
            (Lang::Es, "/") => "/es".to_string(),
            (Lang::Es, _) => format!("/es{path}"),
        }
    }

    /// The same page in the other language.
    pub fn switch_path(self, path: &str) -> String {
        match self {
            Lang::Es => {
                let rest = path.strip_prefix("/es").unwrap_or(path);
                if rest.is_empty() {
                    "/".to_string()
                } else {
                    rest.to_string()
                }
            }
            Lang::En => Lang::Es.href(path),
        }
    }

    pub fn audit_type(self, t: AuditType) -> &'static str {
        let s = self.t();
        match t {
            AuditType::BallotPolling => s.type_ballot_polling,
            AuditType::BallotComparison => s.type_ballot_comparison,
            AuditType::BatchComparison => s.type_batch_comparison,
            AuditType::ManualTally => s.type_manual_tally,
            AuditType::LogicAndAccuracy => s.type_logic_and_accuracy,
            AuditType::Canvass => s.type_canvass,
        }
    }

    pub fn math(self, m: AuditMath) -> &'static str {
        let s = self.t();
        match m {
            AuditMath::Bravo => "BRAVO",
            AuditMath::KaplanMarkov => "Kaplan–Markov (SuperSimple)",
            AuditMath::Macro => "MACRO",
            AuditMath::Minerva => "Minerva",
            AuditMath::None => s.math_none,
        }
    }

    pub fn outcome(self, o: Outcome) -> &'static str {
        let s = self.t();
        match o {
            Outcome::Confirmed => s.outcome_confirmed,
            Outcome::FullHandCount => s.outcome_full_hand_count,
            Outcome::OutcomeChanged => s.outcome_changed,
            Outcome::Inconclusive => s.outcome_inconclusive,
            Outcome::InProgress => s.outcome_in_progress,
        }
    }

    pub fn category(self, c: Category) -> &'static str {
        let s = self.t();
        match c {
            Category::VotingEquipment => s.cat_voting_equipment,
            Category::VotingProcesses => s.cat_voting_processes,
            Category::VoterRegistrationSystems => s.cat_voter_registration_systems,
            Category::ElectionAuditing => s.cat_election_auditing,
            Category::CyberSecurity => s.cat_cyber_security,
            Category::PhysicalSecurity => s.cat_physical_security,
            Category::VoterEducation => s.cat_voter_education,
            Category::Accessibility => s.cat_accessibility,
            Category::Communications => s.cat_communications,
            Category::Other => s.cat_other,
        }
    }

    pub fn jurisdiction_kind(self, k: JurisdictionKind) -> &'static str {
        match k {
            JurisdictionKind::State => self.t().kind_state,
            JurisdictionKind::County => self.t().kind_county,
        }
    }

    /// Chart bars from spending totals: a category's translated name, or the
    /// jurisdiction's name.
    pub fn spending_bars(self, totals: &[crate::model::SpendingTotal]) -> Vec<(String, i64)> {
        totals
            .iter()
            .map(|b| {
                let label = match Category::from_code(&b.key) {
                    Some(c) if b.name.is_empty() => self.category(c).to_string(),
                    _ => b.name.clone(),
                };
                (label, b.cents)
            })
            .collect()
    }

    pub fn yes_no(self, b: bool) -> &'static str {
        if b {
            self.t().yes
        } else {
            self.t().no
        }
    }
}

/// Fills `{0}`, `{1}`… in a translated template.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, a) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), a);
    }
    out
}

/// A struct of messages, one field per message, and its English and Spanish
/// statics.
macro_rules! strings {
    ($(#[$doc:meta])* $name:ident, $en_static:ident, $es_static:ident; $($key:ident: $en:expr, $es:expr;)+) => {
        $(#[$doc])*
        pub struct $name { $(pub $key: &'static str,)+ }
        pub static $en_static: $name = $name { $($key: $en,)+ };
        pub static $es_static: $name = $name { $($key: $es,)+ };
    };
}

strings! {
    /// Every user-facing string, one field per message.
    Strings, EN, ES;
    site_name: "Election Transparency Portal", "Portal de Transparencia Electoral";
    skip_to_content: "Skip to main content", "Saltar al contenido principal";
    nav_label: "Main", "Principal";
    nav_home: "Home", "Inicio";
    nav_audits: "Audits", "Auditorías";
    nav_spending: "Security spending", "Gasto en seguridad";
    nav_updates: "Updates", "Avisos";
    nav_about: "About", "Acerca de";
    switch_language: "Español", "English";
    switch_language_label: "Ver esta página en español", "View this page in English";
    sample_notice: "Demonstration data: apart from the 2018 HAVA Election Security grant figures taken from the U.S. Election Assistance Commission's funding table, every record on this portal is sample data made up for the demonstration.",
        "Datos de demostración: salvo las cifras de la subvención HAVA de Seguridad Electoral de 2018, tomadas de la tabla de fondos de la Comisión de Asistencia Electoral de EE. UU., todos los registros de este portal son datos de ejemplo inventados para la demostración.";
    footer_withholding: "This portal publishes approved public facts. Details that would help an attacker — system configuration, network details, keys and access codes, physical security specifics — are withheld under the Missouri Sunshine Law, and every record says when something was withheld and why.",
        "Este portal publica hechos públicos aprobados. Los detalles que ayudarían a un atacante — configuración de sistemas, detalles de redes, llaves y códigos de acceso, detalles de seguridad física — se reservan conforme a la Ley Sunshine de Misuri, y cada registro indica cuándo se reservó algo y por qué.";
    footer_about_link: "How audits work and what we withhold", "Cómo funcionan las auditorías y qué reservamos";
    footer_no_tracking: "No cookies, no tracking, no third-party requests.", "Sin cookies, sin rastreo, sin solicitudes a terceros.";
    loading: "Loading…", "Cargando…";
    not_found_title: "Page not found", "Página no encontrada";
    not_found_body: "There is no page at this address. The address may be mistyped, or the record may not be published.",
        "No hay ninguna página en esta dirección. Puede que la dirección esté mal escrita o que el registro no esté publicado.";
    back_home: "Go to the home page", "Ir a la página de inicio";
    bad_request_title: "This address has a problem", "Esta dirección tiene un problema";
    bad_request_hint: "Check the address, or start again from the list.", "Revise la dirección o vuelva a empezar desde la lista.";
    unavailable_title: "Something went wrong", "Algo salió mal";
    unavailable_body: "The portal could not load this page. Please try again in a moment.", "El portal no pudo cargar esta página. Inténtelo de nuevo en un momento.";
    official_text_note: "", "El texto oficial de los registros se publica en inglés.";
    err_bad_value: "“{1}” is not a valid value for “{0}”. Choose a value from the filter form, or leave it empty.", "«{1}» no es un valor válido para «{0}». Elija un valor del formulario de filtros o déjelo vacío.";
    err_bad_page: "“page” must be a whole number from 1 to 100000.", "«page» debe ser un número entero del 1 al 100000.";
    err_bad_cursor: "“after” and “before” must name a published audit on this list; start again from the first page.", "«after» y «before» deben nombrar una auditoría publicada de esta lista; vuelva a empezar desde la primera página.";
    err_bad_grant_cursor: "“after” and “before” must name a published grant on this list; start again from the first page.", "«after» y «before» deben nombrar una subvención publicada de esta lista; vuelva a empezar desde la primera página.";
    err_bad_expenditure_cursor: "“after” and “before” must name a published expenditure on this list; start again from the first page.", "«after» y «before» deben nombrar un gasto publicado de esta lista; vuelva a empezar desde la primera página.";
    cite_heading: "Cite this", "Cómo citar";
    cite_permanent: "Permanent address of this version", "Dirección permanente de esta versión";
    cite_office: "Office", "Oficina";
    cite_published: "Published", "Publicado";
    cite_plain: "Plain", "Sencilla";
    cite_apa: "APA", "APA";
    cite_chicago: "Chicago", "Chicago";
    cite_sha: "SHA-256 of this version's JSON", "SHA-256 del JSON de esta versión";
    cite_hash_help: "The fingerprint pins the exact content: hash the JSON file yourself and compare.", "La huella fija el contenido exacto: calcule usted mismo el hash del archivo JSON y compárelo.";
    cite_data: "This version as JSON", "Esta versión en JSON";
    cite_log: "Transparency log", "Registro de transparencia";
    cite_log_entry: "Entry {0} of the public log", "Entrada {0} del registro público";
    cite_proof: "Download the proof (tlog-proof)", "Descargar la prueba (tlog-proof)";
    cite_log_help: "The proof shows this version's fingerprint is in the signed, append-only log; check it with portal verify or any tlog client.", "La prueba muestra que la huella de esta versión está en el registro firmado, al que solo se añade; compruébela con portal verify o cualquier cliente tlog.";
    history_heading: "History", "Historial";
    history_version: "Version {0}", "Versión {0}";
    history_first: "First published.", "Primera publicación.";
    history_no_changes: "No field changed.", "Ningún campo cambió.";
    history_note: "Correction note:", "Nota de corrección:";
    history_shown: "(shown above)", "(mostrada arriba)";
    history_changes_caption: "What changed in version {0}", "Qué cambió en la versión {0}";
    col_field: "Field", "Campo";
    col_before: "Before", "Antes";
    col_after: "After", "Después";
    old_version_notice: "You are reading version {0}, kept at its permanent address. The current version is {1}.", "Está leyendo la versión {0}, conservada en su dirección permanente. La versión vigente es la {1}.";
    see_current: "See the current version", "Ver la versión vigente";
    yes: "Yes", "Sí";
    no: "No", "No";
    none_dash: "—", "—";

    home_title: "Election audits and security spending, in plain language", "Auditorías electorales y gasto en seguridad, en lenguaje claro";
    home_intro: "Here the election office publishes what it checked after each election, what the checks found, and how election-security grant money was spent.",
        "Aquí la oficina electoral publica lo que verificó después de cada elección, lo que encontraron esas verificaciones y cómo se gastó el dinero de las subvenciones de seguridad electoral.";
    latest_audits: "Latest audits", "Auditorías recientes";
    all_audits: "See all audits", "Ver todas las auditorías";
    audits_published: "{0} audits published", "{0} auditorías publicadas";
    money_heading: "Election-security grant money", "Dinero de subvenciones de seguridad electoral";
    awarded: "Awarded", "Otorgado";
    spent: "Spent to date", "Gastado hasta la fecha";
    spent_share: "{0} of the awarded money has been spent.", "Se ha gastado el {0} del dinero otorgado.";
    view_spending: "See how the money was spent", "Ver cómo se gastó el dinero";
    latest_updates: "Latest updates", "Avisos recientes";
    all_updates: "See all updates", "Ver todos los avisos";
    withheld_heading: "What this portal withholds, and why", "Qué reserva este portal y por qué";
    withheld_intro: "Missouri's Sunshine Law makes public records open unless a law closes them. We publish every amount, vendor, date, spending category and audit outcome. We withhold only details that would help someone attack an election: how computers and networks are configured, keys and access codes, and where cameras, alarms and locks are.",
        "La Ley Sunshine de Misuri hace públicos los registros salvo que una ley los cierre. Publicamos cada monto, proveedor, fecha, categoría de gasto y resultado de auditoría. Solo reservamos los detalles que ayudarían a alguien a atacar una elección: cómo están configurados las computadoras y las redes, llaves y códigos de acceso, y dónde están las cámaras, alarmas y cerraduras.";
    withheld_how: "When a record has something withheld, its page says so, names the law that allows it, and shows the office's written reason.",
        "Cuando un registro tiene algo reservado, su página lo dice, nombra la ley que lo permite y muestra la razón escrita de la oficina.";
    withheld_count: "{0} published records have details withheld.", "{0} registros publicados tienen detalles reservados.";
    read_policy: "Read the withholding policy", "Leer la política de reserva";

    col_election: "Election", "Elección";
    col_jurisdiction: "Jurisdiction", "Jurisdicción";
    col_audit_type: "Audit type", "Tipo de auditoría";
    col_outcome: "Outcome", "Resultado";
    col_completed: "Completed", "Terminada";
    col_withheld: "Withheld details", "Detalles reservados";
    no_audits: "No published audits match these filters.", "Ninguna auditoría publicada coincide con estos filtros.";

    audits_title: "Post-election audits", "Auditorías poselectorales";
    audits_intro: "Every audit the office has published, newest first. An audit checks paper ballots by hand against the machine count.",
        "Todas las auditorías que la oficina ha publicado, de la más reciente a la más antigua. Una auditoría compara a mano las boletas de papel con el conteo de las máquinas.";
    filter_heading: "Filter", "Filtrar";
    filter_any: "Any", "Cualquiera";
    filter_apply: "Apply filters", "Aplicar filtros";
    filter_clear: "Clear filters", "Quitar filtros";
    results_count: "{0} results", "{0} resultados";
    page_of: "Page {0} of {1}", "Página {0} de {1}";
    prev_page: "Previous page", "Página anterior";
    next_page: "Next page", "Página siguiente";
    pagination_label: "Pages", "Páginas";

    fact_election: "Election", "Elección";
    fact_jurisdiction: "Jurisdiction", "Jurisdicción";
    fact_type: "Audit type", "Tipo de auditoría";
    fact_math: "Statistical method", "Método estadístico";
    fact_risk_limit: "Risk limit", "Límite de riesgo";
    fact_seed: "Random seed", "Semilla aleatoria";
    fact_started: "Started", "Inicio";
    fact_completed: "Completed", "Fin";
    fact_outcome: "Outcome", "Resultado";
    fact_version: "Version", "Versión";
    fact_published: "Published", "Publicado";
    facts_heading: "The facts", "Los datos";
    summary_heading: "In plain language", "En lenguaje claro";
    contests_heading: "Contests audited", "Contiendas auditadas";
    contests_caption: "Each contest's sample and findings", "Muestra y hallazgos de cada contienda";
    col_contest: "Contest", "Contienda";
    col_winners: "Reported winners", "Ganadores reportados";
    col_votes_allowed: "Winners allowed", "Ganadores permitidos";
    col_ballots: "Ballots cast", "Boletas emitidas";
    col_sample: "Ballots sampled", "Boletas en la muestra";
    col_discrepancies: "Discrepancies (o1 / o2 / u1 / u2)", "Discrepancias (o1 / o2 / u1 / u2)";
    col_p_value: "p-value", "Valor p";
    col_limit_met: "Risk limit met", "Límite de riesgo cumplido";
    tallies_caption: "Reported and audited results: {0}", "Resultados reportados y auditados: {0}";
    col_candidate: "Choice", "Opción";
    col_reported: "Reported votes", "Votos reportados";
    col_audited: "Audited votes", "Votos auditados";
    documents_heading: "Public documents", "Documentos públicos";
    documents_help: "The SHA-256 fingerprint lets you check that a downloaded file is exactly the one the office published.",
        "La huella SHA-256 le permite comprobar que un archivo descargado es exactamente el que publicó la oficina.";
    col_document: "Document", "Documento";
    col_sha256: "SHA-256 fingerprint", "Huella SHA-256";
    documents_none: "No public documents were published with this audit.", "No se publicaron documentos públicos con esta auditoría.";
    withheld_notice_title: "Some details were withheld", "Se reservaron algunos detalles";
    withheld_under: "{0} withheld under {1}", "{0} reservados conforme a {1}";
    withheld_statement_label: "The office's written statement:", "Declaración escrita de la oficina:";
    withheld_rest: "Everything else about this record is published in full.", "Todo lo demás sobre este registro se publica completo.";
    detail_security_details: "Security details", "Detalles de seguridad";
    seed_help_batches: "With this seed, the published ballot manifest and the batch tallies, anyone can re-draw the same batches: see “Evidence” below.", "Con esta semilla, el inventario de boletas publicado y los totales por lote, cualquiera puede volver a sortear los mismos lotes: vea «Evidencia» más abajo.";
    seed_help: "With this seed and the published ballot manifest, anyone can re-draw the same sample of ballots: see “Evidence” below.", "Con esta semilla y el inventario de boletas publicado, cualquiera puede volver a sortear la misma muestra de boletas: vea «Evidencia» más abajo.";
    seed_no_redraw: "This audit did not publish its ballot manifest, sampler and sample size, so the sample cannot be re-drawn from what is published here.", "Esta auditoría no publicó su inventario de boletas, su muestreador y el tamaño de su muestra, así que la muestra no puede volver a sortearse con lo publicado aquí.";

    spending_title: "Election-security grant spending", "Gasto de subvenciones de seguridad electoral";
    spending_intro: "Grants the office received for election security, and how the money was spent, by category and by county. Amounts, vendors and dates are always public.",
        "Subvenciones que recibió la oficina para la seguridad electoral y cómo se gastó el dinero, por categoría y por condado. Los montos, proveedores y fechas son siempre públicos.";
    grants_heading: "Grants", "Subvenciones";
    grants_caption: "Grants with federal, match and total amounts", "Subvenciones con montos federales, de contrapartida y totales";
    col_grant: "Grant", "Subvención";
    col_recipient: "Recipient", "Beneficiario";
    col_federal: "Federal", "Federal";
    col_match: "State match", "Contrapartida estatal";
    col_total: "Total", "Total";
    col_spent: "Spent to date", "Gastado hasta la fecha";
    col_award_date: "Awarded", "Otorgada";
    source_label: "Source:", "Fuente:";
    no_grants: "No grants have been published yet.", "Todavía no se han publicado subvenciones.";
    chart_category_title: "Spending by EAC category", "Gasto por categoría de la EAC";
    chart_recipient_title: "Spending by recipient jurisdiction", "Gasto por jurisdicción beneficiaria";
    chart_alt: "Bar chart. {0}", "Gráfico de barras. {0}";
    chart_table_caption: "The numbers behind the chart: {0}", "Los datos del gráfico: {0}";
    col_category: "Category", "Categoría";
    col_amount: "Amount spent", "Monto gastado";
    col_share: "Share", "Porcentaje";
    chart_link: "Open this chart as an image (SVG)", "Abrir este gráfico como imagen (SVG)";
    chart_note: "Source: {0}, published expenditures as of {1}.", "Fuente: {0}, gastos publicados al {1}.";
    embed_label: "Embed this chart: copy this HTML into your page", "Insertar este gráfico: copie este HTML en su página";
    view_expenditures: "See the expenditures", "Ver los gastos";

    fact_program: "Program", "Programa";
    fact_funder: "Funder", "Financiador";
    fact_recipient: "Recipient", "Beneficiario";
    fact_award_date: "Award date", "Fecha de otorgamiento";
    fact_period: "Period", "Periodo";
    fact_federal: "Federal amount", "Monto federal";
    fact_match: "State match", "Contrapartida estatal";
    fact_total: "Total", "Total";
    fact_spent: "Spent to date", "Gastado hasta la fecha";
    expenditures_heading: "Expenditures", "Gastos";
    expenditures_caption: "Expenditures from this grant", "Gastos de esta subvención";
    col_date: "Date", "Fecha";
    col_vendor: "Vendor", "Proveedor";
    col_description: "Description", "Descripción";
    totals_row: "Total of the list (every page)", "Total de la lista (todas las páginas)";
    no_expenditures: "No expenditures match these filters.", "Ningún gasto coincide con estos filtros.";
    withheld_mark: "Details withheld", "Detalles reservados";

    updates_title: "Official updates", "Avisos oficiales";
    updates_intro: "Notices from the election office, newest first.", "Avisos de la oficina electoral, del más reciente al más antiguo.";
    no_updates: "No updates have been published yet.", "Todavía no se han publicado avisos.";
    col_title: "Title", "Título";
    col_office: "Office", "Oficina";
    fact_office: "Office", "Oficina";

    kind_state: "State", "Estado";
    kind_county: "County", "Condado";
    fips_label: "FIPS code", "Código FIPS";
    j_audits: "Audits", "Auditorías";
    j_grants: "Grants received", "Subvenciones recibidas";
    j_spending: "Grant spending in this jurisdiction", "Gasto de subvenciones en esta jurisdicción";
    j_spending_total: "{0} spent here to date.", "{0} gastados aquí hasta la fecha.";
    j_audits_more: "The first {0} of {1} audits.", "Las primeras {0} de {1} auditorías.";
    j_audits_all: "See all of its audits", "Ver todas sus auditorías";
    j_spending_more: "The newest {0} of {1} expenditures; the downloads below hold every one.", "Los {0} gastos más recientes de {1}; las descargas de abajo los contienen todos.";
    j_updates: "Updates from this office", "Avisos de esta oficina";
    j_none: "Nothing published yet.", "Nada publicado todavía.";

    type_ballot_polling: "Ballot-polling risk-limiting audit", "Auditoría de limitación de riesgo por sondeo de boletas";
    type_ballot_comparison: "Ballot-comparison risk-limiting audit", "Auditoría de limitación de riesgo por comparación de boletas";
    type_batch_comparison: "Batch-comparison risk-limiting audit", "Auditoría de limitación de riesgo por comparación de lotes";
    type_manual_tally: "Fixed-percentage manual tally", "Recuento manual de porcentaje fijo";
    type_logic_and_accuracy: "Logic and accuracy test", "Prueba de lógica y precisión";
    type_canvass: "Canvass", "Escrutinio";
    math_none: "None (not a statistical audit)", "Ninguno (no es una auditoría estadística)";
    outcome_confirmed: "Outcome confirmed", "Resultado confirmado";
    outcome_full_hand_count: "Escalated to a full hand count", "Se amplió a un recuento manual completo";
    outcome_changed: "Outcome changed", "El resultado cambió";
    outcome_inconclusive: "Inconclusive", "No concluyente";
    outcome_in_progress: "In progress", "En curso";
    cat_voting_equipment: "Voting Equipment", "Equipos de votación";
    cat_voting_processes: "Voting Processes", "Procesos de votación";
    cat_voter_registration_systems: "Voter Registration Systems", "Sistemas de registro de votantes";
    cat_election_auditing: "Election Auditing", "Auditoría electoral";
    cat_cyber_security: "Cyber Security", "Ciberseguridad";
    cat_physical_security: "Physical Security", "Seguridad física";
    cat_voter_education: "Voter Education", "Educación del votante";
    cat_accessibility: "Accessibility", "Accesibilidad";
    cat_communications: "Communications", "Comunicaciones";
    cat_other: "Other", "Otros";

    about_title: "About this portal", "Acerca de este portal";
    about_intro: "This portal is run by the election office so that anyone can see how elections are checked and how security money is spent, without asking and without an account.",
        "La oficina electoral mantiene este portal para que cualquiera pueda ver cómo se verifican las elecciones y cómo se gasta el dinero de seguridad, sin pedirlo y sin una cuenta.";
    about_audits_heading: "How audits work", "Cómo funcionan las auditorías";
    about_audits_body: "After an election, officials pull paper ballots and count them by hand to check that the machines counted correctly. A risk-limiting audit looks at a random sample of ballots that grows until there is strong statistical evidence that the reported winner really won — or, if that evidence never comes, until every ballot has been counted by hand.",
        "Después de una elección, los funcionarios sacan boletas de papel y las cuentan a mano para comprobar que las máquinas contaron bien. Una auditoría de limitación de riesgo revisa una muestra aleatoria de boletas que crece hasta que hay evidencia estadística sólida de que el ganador reportado realmente ganó, o, si esa evidencia nunca llega, hasta que se han contado a mano todas las boletas.";
    glossary_heading: "Glossary", "Glosario";
    g_rla: "Risk-limiting audit (RLA)", "Auditoría de limitación de riesgo (RLA)";
    g_rla_def: "An audit that guarantees a high chance of catching and correcting a wrong reported outcome.", "Una auditoría que garantiza una alta probabilidad de detectar y corregir un resultado reportado equivocado.";
    g_risk_limit: "Risk limit", "Límite de riesgo";
    g_risk_limit_def: "The largest chance the audit allows of missing a wrong outcome. A 5% risk limit means at least a 95% chance of catching it.", "La mayor probabilidad que la auditoría permite de no detectar un resultado equivocado. Un límite de riesgo del 5% significa al menos un 95% de probabilidad de detectarlo.";
    g_ballot_polling: "Ballot polling", "Sondeo de boletas";
    g_ballot_polling_def: "Auditors read randomly chosen ballots and check that the reported winner leads among them by enough.", "Los auditores leen boletas elegidas al azar y comprueban que el ganador reportado va adelante entre ellas por suficiente margen.";
    g_ballot_comparison: "Ballot comparison", "Comparación de boletas";
    g_ballot_comparison_def: "Auditors compare randomly chosen paper ballots with how the machine recorded each one.", "Los auditores comparan boletas de papel elegidas al azar con la forma en que la máquina registró cada una.";
    g_batch_comparison: "Batch comparison", "Comparación de lotes";
    g_batch_comparison_def: "Auditors hand-count randomly chosen batches of ballots, such as a precinct, and compare each batch with its machine total.", "Los auditores cuentan a mano lotes de boletas elegidos al azar, como un precinto, y comparan cada lote con su total de máquina.";
    g_manual_tally: "Fixed-percentage manual tally", "Recuento manual de porcentaje fijo";
    g_manual_tally_def: "A hand count of a set share of precincts or voting machines, chosen at random.", "Un recuento a mano de una proporción fija de precintos o máquinas de votación, elegidos al azar.";
    g_lat: "Logic and accuracy test", "Prueba de lógica y precisión";
    g_lat_def: "A public test before the election: a known set of test ballots is run through the equipment to confirm it counts them exactly.", "Una prueba pública antes de la elección: un conjunto conocido de boletas de prueba pasa por los equipos para confirmar que las cuentan con exactitud.";
    g_canvass: "Canvass", "Escrutinio";
    g_canvass_def: "The official review after election night that reconciles ballots, voters and totals before results are certified.", "La revisión oficial después de la noche electoral que cuadra boletas, votantes y totales antes de certificar los resultados.";
    g_seed: "Random seed", "Semilla aleatoria";
    g_seed_def: "A number rolled in public, often with dice, that decides which ballots are sampled. Publishing it lets anyone check the sample was fair.", "Un número obtenido en público, a menudo con dados, que decide qué boletas entran en la muestra. Publicarlo permite a cualquiera comprobar que la muestra fue justa.";
    g_discrepancy: "Discrepancies (o1, o2, u1, u2)", "Discrepancias (o1, o2, u1, u2)";
    g_discrepancy_def: "Differences between a paper ballot and the machine record. An overstatement (o1, o2) made the winner look better than the paper shows, by one or two votes; an understatement (u1, u2) made the winner look worse.", "Diferencias entre una boleta de papel y el registro de la máquina. Una sobreestimación (o1, o2) hizo que el ganador pareciera mejor de lo que muestra el papel, por uno o dos votos; una subestimación (u1, u2) lo hizo parecer peor.";
    g_p_value: "p-value", "Valor p";
    g_p_value_def: "How likely the audit's evidence would be if the reported winner had actually lost. The audit can stop when it falls below the risk limit.", "Qué tan probable sería la evidencia de la auditoría si el ganador reportado en realidad hubiera perdido. La auditoría puede terminar cuando baja del límite de riesgo.";
    g_full_count: "Full hand count", "Recuento manual completo";
    g_full_count_def: "If the sample never gives strong enough evidence, the audit counts every ballot by hand, and that count decides the outcome.", "Si la muestra nunca da evidencia suficiente, la auditoría cuenta a mano todas las boletas, y ese recuento decide el resultado.";
    g_methods: "BRAVO, Kaplan–Markov, MACRO, Minerva", "BRAVO, Kaplan–Markov, MACRO, Minerva";
    g_methods_def: "Published statistical methods that turn the sample into a measure of risk. BRAVO and Minerva are for ballot polling, Kaplan–Markov for ballot comparison, MACRO for batch comparison.", "Métodos estadísticos publicados que convierten la muestra en una medida de riesgo. BRAVO y Minerva son para sondeo de boletas, Kaplan–Markov para comparación de boletas y MACRO para comparación de lotes.";
    about_data_heading: "Where the data comes from", "De dónde vienen los datos";
    about_data_body: "Every record here was entered by an election official, checked by a second official, and only then published. Grant figures come from the office's grant agreements and the U.S. Election Assistance Commission's published funding tables. A published record is never silently changed: a correction is published as a new version with a note.",
        "Cada registro aquí fue ingresado por un funcionario electoral, revisado por un segundo funcionario y solo entonces publicado. Las cifras de subvenciones vienen de los acuerdos de subvención de la oficina y de las tablas de fondos publicadas por la Comisión de Asistencia Electoral de EE. UU. Un registro publicado nunca se cambia en silencio: una corrección se publica como una nueva versión con una nota.";
    about_log_heading: "The public log: proof that nothing was rewritten", "El registro público: prueba de que nada se reescribió";
    about_log_body: "Every publication, correction, retraction and audit commitment adds one entry to a public, append-only log: the address of the version and the SHA-256 fingerprint of its exact bytes. The entries form a Merkle tree, the same structure Certificate Transparency uses, and the office signs the tree's current state (its checkpoint) with a key. Nothing can be removed or changed in the log without breaking the signed checkpoints that people have already saved.", "Cada publicación, corrección, retiro y compromiso de auditoría añade una entrada a un registro público al que solo se añade: la dirección de la versión y la huella SHA-256 de su contenido exacto. Las entradas forman un árbol de Merkle, la misma estructura que usa Certificate Transparency, y la oficina firma el estado actual del árbol (su punto de control) con una clave. Nada puede quitarse ni cambiarse en el registro sin romper los puntos de control firmados que otras personas ya guardaron.";
    about_log_check: "To check a version: download its proof from the version's page, or run portal verify with the version's address. Save /log/checkpoint (the Atom feed carries it too); later, portal verify --checkpoint with your saved copy proves the log only grew. Witnesses (other bodies) may cosign checkpoints to vouch they saw the same log.", "Para comprobar una versión: descargue su prueba desde la página de la versión, o ejecute portal verify con la dirección de la versión. Guarde /log/checkpoint (el feed Atom también lo lleva); después, portal verify --checkpoint con su copia guardada prueba que el registro solo creció. Testigos (otras instituciones) pueden cofirmar los puntos de control para dar fe de que vieron el mismo registro.";
    about_log_key: "The log's public key", "La clave pública del registro";
    about_policy_heading: "What we withhold, and the law that allows it", "Qué reservamos y la ley que lo permite";
    about_policy_body: "The Missouri Sunshine Law (RSMo 610.011) opens public records unless a law closes them, and its exceptions are read narrowly. We withhold only what these provisions allow, and where we remove something we still publish the rest and say what was removed and why (RSMo 610.024). Amounts, vendors, dates, categories and audit outcomes are always public.",
        "La Ley Sunshine de Misuri (RSMo 610.011) abre los registros públicos salvo que una ley los cierre, y sus excepciones se interpretan de forma estricta. Solo reservamos lo que permiten estas disposiciones, y cuando quitamos algo seguimos publicando el resto y decimos qué se quitó y por qué (RSMo 610.024). Los montos, proveedores, fechas, categorías y resultados de auditoría son siempre públicos.";
    basis_18: "Security systems, plans and operational guidelines — but records of what security systems cost with public money stay open, and the office must state in writing why disclosure would impair its ability to protect people or property.",
        "Sistemas, planes y directrices operativas de seguridad — pero los registros de lo que costaron los sistemas de seguridad con dinero público siguen abiertos, y la oficina debe declarar por escrito por qué la divulgación afectaría su capacidad de proteger a personas o bienes.";
    basis_21: "Records that show how computers, computer systems, networks or telecommunications networks are configured or operated.",
        "Registros que muestran cómo están configurados o cómo funcionan las computadoras, los sistemas informáticos, las redes o las redes de telecomunicaciones.";
    basis_22: "Digital certificates, physical and virtual keys, access codes and authorization codes.",
        "Certificados digitales, llaves físicas y virtuales, códigos de acceso y códigos de autorización.";
    retracted_heading: "This record was retracted", "Este registro fue retirado";
    retracted_body: "The office retracted it on {0}. Its reason:", "La oficina lo retiró el {0}. Su motivo:";
    retracted_versions: "Its published versions stay readable at their permanent addresses, so citations still resolve.", "Sus versiones publicadas siguen disponibles en sus direcciones permanentes, para que las citas sigan funcionando.";
    expenditure_title: "Expenditure: {0}", "Gasto: {0}";
    fact_grant: "Grant", "Subvención";
    record_link: "Record", "Registro";
    grant_version_note: "This page shows the grant's published facts. The spending against it is on the grant's page.", "Esta página muestra los datos publicados de la subvención. El gasto realizado está en la página de la subvención.";
    see_spending: "See the spending", "Ver el gasto";
    downloads_label: "Download this list", "Descargar esta lista";
    downloads_help: "With the filters above; every column is explained in the data dictionary.", "Con los filtros de arriba; cada columna se explica en el diccionario de datos.";
    data_title: "Data, downloads and API", "Datos, descargas y API";
    data_intro: "Every published record is available as CSV and JSON, whole or filtered, and through a read-only JSON API. The files hold only public facts: withheld security details are not in them, and the withheld_details columns count them. Amounts are whole cents; dates are ISO 8601.", "Cada registro publicado está disponible en CSV y JSON, completo o filtrado, y mediante una API JSON de solo lectura. Los archivos contienen solo datos públicos: los detalles de seguridad reservados no están en ellos, y las columnas withheld_details los cuentan. Los montos van en centavos; las fechas en ISO 8601.";
    data_formulas: "In the CSV files only, a text cell that begins with =, +, -, @, a tab or a carriage return starts with an added apostrophe ('), so that a spreadsheet shows it as text instead of running it as a formula. The JSON files and the API keep the exact text.", "Solo en los archivos CSV, una celda de texto que empieza por =, +, -, @, un tabulador o un retorno de carro lleva un apóstrofo (') añadido al principio, para que una hoja de cálculo la muestre como texto en lugar de ejecutarla como fórmula. Los archivos JSON y la API conservan el texto exacto.";
    data_downloads_heading: "Downloads", "Descargas";
    data_filters: "Filters: {0}", "Filtros: {0}";
    data_package: "Frictionless Data Package describing every CSV file", "Paquete de datos Frictionless que describe cada archivo CSV";
    data_api_heading: "API", "API";
    data_api_body: "The API lists each collection with the same filters plus page and limit, and returns totals. Each record and each version is served as the exact JSON its citation hashes. Any website may read it (CORS is open).", "La API lista cada colección con los mismos filtros más page y limit, y devuelve totales. Cada registro y cada versión se sirven como el JSON exacto cuyo hash aparece en su cita. Cualquier sitio web puede leerla (CORS abierto).";
    data_openapi: "OpenAPI description of the API", "Descripción OpenAPI de la API";
    data_dictionary_heading: "Data dictionary", "Diccionario de datos";
    data_columns_caption: "Columns of {0}", "Columnas de {0}";
    col_column: "Column", "Columna";
    col_type: "Type", "Tipo";
    col_meaning: "Meaning", "Significado";
    data_always: "always filled", "siempre presente";
    data_may_be_empty: "may be empty", "puede estar vacío";
    data_codes: "Codes:", "Códigos:";
    footer_data_link: "Data, downloads and API", "Datos, descargas y API";

    contest_cards_label: "Each contest at a glance", "Cada contienda de un vistazo";
    sample_of: "{0} of {1} ballots cast", "{0} de {1} boletas emitidas";
    sample_batches: "{0} draws of precinct batches (a batch can be drawn twice)", "{0} extracciones de lotes (un lote puede salir dos veces)";
    margin_label: "Diluted margin", "Margen diluido";
    margin_value: "{0} of ballots cast (the winner's lead over the runner-up)", "{0} de las boletas emitidas (la ventaja del ganador sobre el segundo lugar)";
    p_and_check: "p-value and the portal's check", "Valor p y verificación del portal";
    check_published: "Published p = {0}", "p publicado = {0}";
    check_not_published: "No p-value was published", "No se publicó ningún valor p";
    check_recomputed: "recomputed from the numbers on this page: p = {0}", "recalculado con las cifras de esta página: p = {0}";
    check_consistent: "(consistent)", "(coincide)";
    check_mismatch: "— does not match the published value", "— no coincide con el valor publicado";
    check_not_macro: "Not recomputed here: this version was published without the batch tallies the check needs", "No se recalcula aquí: esta versión se publicó sin los totales por lote que necesita la verificación";
    check_not_statistical: "Not recomputed here: this is not a statistical audit, so there is no risk to compute", "No se recalcula aquí: no es una auditoría estadística, así que no hay riesgo que calcular";
    check_not_available: "Not recomputed here: this version was published without the numbers the check needs", "No se recalcula aquí: esta versión se publicó sin las cifras que necesita la verificación";
    check_limit_recomputed: "recomputed: {0}", "recalculado: {0}";
    contests_detail_caption: "Each contest's numbers in full", "Las cifras completas de cada contienda";
    targeted_label: "Targeted", "Objetivo de la auditoría";
    rounds_label: "Rounds", "Rondas";
    round_item: "Round {0}: {1} ballots in the sample so far. {2}. Risk limit met: {3}", "Ronda {0}: {1} boletas en la muestra hasta entonces. {2}. Límite de riesgo alcanzado: {3}";
    rounds_escalated: "Round {0} did not meet the risk limit, so the next round drew more ballots from the same seed and sampler; each round's risk is measured on all the ballots drawn so far.", "La ronda {0} no alcanzó el límite de riesgo, así que la ronda siguiente sacó más boletas con la misma semilla y el mismo muestreador; el riesgo de cada ronda se mide sobre todas las boletas sacadas hasta entonces.";
    rounds_caption: "Each contest's rounds (numbers cumulative)", "Las rondas de cada contienda (cifras acumuladas)";
    col_round: "Round", "Ronda";
    col_round_dates: "Dates", "Fechas";
    col_sample_so_far: "Sample so far", "Muestra acumulada";
    col_p_published: "Published p", "p publicado";
    col_p_recomputed: "Recomputed p", "p recalculado";
    round_dates: "{0} to {1}", "del {0} al {1}";
    not_targeted_measured: "No: counted on the same ballots without being targeted. Measured risk p = {0}: a measurement, not a confirmation of the outcome.", "No: se contó en las mismas boletas sin ser objetivo. Riesgo medido p = {0}: una medición, no una confirmación del resultado.";
    not_targeted_unmeasured: "No: this contest was not targeted, and its risk was not measured.", "No: esta contienda no fue objetivo de la auditoría y su riesgo no se midió.";

    readings_heading: "Each sampled ballot, machine against paper", "Cada boleta sorteada, máquina frente a papel";
    readings_intro: "For each sampled ballot: what the scanner recorded, what the audit board read on the paper, and the difference the portal counted from the two. A ballot the board could not find counts as the worst case.", "Para cada boleta sorteada: lo que registró el escáner, lo que leyó en el papel la junta de auditoría y la diferencia que el portal contó entre ambos. Una boleta que la junta no encontró cuenta como el peor caso.";
    readings_summary: "{0} ballot readings: {1} agree, {2} differ.", "{0} lecturas de boletas: {1} coinciden, {2} difieren.";
    readings_differ_caption: "The ballots where machine and paper differ", "Las boletas en que máquina y papel difieren";
    readings_all: "Every sampled ballot ({0})", "Todas las boletas sorteadas ({0})";
    readings_all_caption: "Every sampled ballot's readings", "Las lecturas de cada boleta sorteada";
    col_draw: "Draw", "Sorteo";
    col_batch: "Batch", "Lote";
    col_position: "Ballot in batch", "Boleta en el lote";
    col_machine: "Machine recorded", "Registró la máquina";
    col_paper: "Audit board read", "Leyó la junta";
    col_difference: "Difference", "Diferencia";
    no_vote: "no vote", "sin voto";
    not_found: "ballot not found", "boleta no encontrada";
    disc_none: "none", "ninguna";
    disc_o1: "one-vote overstatement (the machine favoured the winner by one vote)", "sobreestimación de un voto (la máquina favoreció al ganador por un voto)";
    disc_o2: "two-vote overstatement (the machine gave the winner a vote that was the loser's)", "sobreestimación de dos votos (la máquina dio al ganador un voto que era del perdedor)";
    disc_u1: "one-vote understatement (the machine missed one vote for the winner)", "subestimación de un voto (a la máquina le faltó un voto para el ganador)";
    disc_u2: "two-vote understatement (the machine gave the loser a vote that was the winner's)", "subestimación de dos votos (la máquina dio al perdedor un voto que era del ganador)";
    disc_not_found: "counted as a two-vote overstatement, the worst case", "contada como sobreestimación de dos votos, el peor caso";

    batches_heading: "Each sampled batch, machines against hand count", "Cada lote sorteado, máquinas frente al conteo a mano";
    batches_intro: "For each batch the seed drew: the votes the machines reported and the votes the audit board counted by hand, candidate by candidate, and the difference in the winner's margin. The risk is recomputed from these counts.", "Para cada lote que sacó la semilla: los votos que reportaron las máquinas y los que contó a mano la junta de auditoría, candidato por candidato, y la diferencia en el margen del ganador. El riesgo se recalcula con estos conteos.";
    batches_summary: "{0} batches counted by hand: {1} match the machines exactly, {2} differ.", "{0} lotes contados a mano: {1} coinciden exactamente con las máquinas, {2} difieren.";
    batches_caption: "Machine count and hand count of each sampled batch", "Conteo de las máquinas y conteo a mano de cada lote sorteado";
    batches_all_tallies: "Every batch's tallies (CSV)", "Los totales de cada lote (CSV)";
    col_times_drawn: "Times drawn", "Veces sorteado";
    col_machine_count: "Machines reported", "Reportaron las máquinas";
    col_hand_count: "Hand count", "Conteo a mano";
    batch_same: "the same", "igual";
    batch_margin_overstated: "the machines overstated {0}'s margin by {1} votes", "las máquinas sobreestimaron el margen de {0} por {1} votos";
    batch_margin_understated: "the machines understated {0}'s margin by {1} votes", "las máquinas subestimaron el margen de {0} por {1} votos";
    batch_margin_same: "counts differ, the winner's margin is the same", "los conteos difieren, el margen del ganador es el mismo";

    evidence_heading: "Evidence", "Evidencia";
    evidence_intro: "What the office committed to before the random draw, and how the sample followed from it, in order.", "Lo que la oficina fijó antes del sorteo, y cómo salió de ello la muestra, en orden.";
    ev_committed: "Inputs committed", "Datos fijados";
    ev_committed_help: "Each file's SHA-256 fingerprint was published before the seed was drawn, so the files could not be changed afterwards to steer the sample.", "La huella SHA-256 de cada archivo se publicó antes de sortear la semilla, así que los archivos no pudieron cambiarse después para dirigir la muestra.";
    what_manifest: "Ballot manifest", "Inventario de boletas";
    what_cvr: "Cast vote records", "Registros de votos emitidos";
    what_batch_tallies: "Batch tallies", "Totales por lote";
    ev_committed_at: "committed {0}", "fijado el {0}";
    ev_bytes: "{0} bytes", "{0} bytes";
    manifest_summary: "{0} ballots in {1} batches", "{0} boletas en {1} lotes";
    manifest_download: "Download the manifest (CSV)", "Descargar el inventario (CSV)";
    batch_tallies_download: "Download the batch tallies as committed (CSV)", "Descargar los recuentos por lote tal como se comprometieron (CSV)";
    ev_before_seed: "Every input was committed before the seed was drawn.", "Todos los datos se fijaron antes de sortear la semilla.";
    ev_after_seed: "Warning: {0} was committed after the seed was drawn.", "Atención: {0} se fijó después de sortear la semilla.";
    ev_seed: "Seed drawn", "Semilla sorteada";
    ev_seed_at: "Drawn on {0}", "Sorteada el {0}";
    ev_seed_notice: "The notice of the seed ceremony", "El aviso de la ceremonia de la semilla";
    ev_sample: "Sample drawn", "Muestra sorteada";
    ev_sampler: "Sampler", "Muestreador";
    sampler_consistent: "SHA-256 consistent sampler (as Arlo uses it)", "Muestreador consistente SHA-256 (como lo usa Arlo)";
    sampler_rivest: "Rivest's SHA-256 sampler (as ColoradoRLA uses it)", "Muestreador SHA-256 de Rivest (como lo usa ColoradoRLA)";
    ev_with_replacement: "Drawn with replacement: a ballot can be drawn more than once.", "Con reemplazo: una boleta puede salir más de una vez.";
    ev_batches_with_replacement: "Drawn with replacement: a batch can be drawn more than once, and counts once per draw.", "Con reemplazo: un lote puede salir más de una vez, y cuenta una vez por extracción.";
    ev_sampled_batches_list: "The list of sampled batches (CSV)", "La lista de lotes sorteados (CSV)";
    ev_without_replacement: "Drawn without replacement: each ballot at most once.", "Sin reemplazo: cada boleta sale como máximo una vez.";
    ev_sampled: "{0} ballots drawn", "{0} boletas sorteadas";
    ev_sampled_batches: "{0} draws of batches", "{0} extracciones de lotes";
    sampler_ppeb: "Batches drawn in proportion to their error bound (PPEB), with Rivest's SHA-256 draws", "Lotes sacados en proporción a su cota de error (PPEB), con las extracciones SHA-256 de Rivest";
    redraw_body_batches: "Anyone can re-draw these batches: save the manifest as manifest.csv and this audit's batch tallies as batch-tallies.csv, and run the portal's public sampler with the published seed. It prints the same batches, in the same order, as the list of sampled batches.", "Cualquiera puede volver a sortear estos lotes: guarde el inventario como manifest.csv y los totales por lote de esta auditoría como batch-tallies.csv, y ejecute el muestreador público del portal con la semilla publicada. Imprime los mismos lotes, en el mismo orden, que la lista de lotes sorteados.";
    ev_sampled_list: "The list of sampled ballots (CSV)", "La lista de boletas sorteadas (CSV)";
    ev_outcome_completed: "Completed {0}.", "Terminada el {0}.";
    redraw_heading: "Check it yourself", "Compruébelo usted mismo";
    redraw_body: "Anyone can re-draw this sample: save the manifest as manifest.csv and run the portal's public sampler with the published seed. It prints the same ballots, in the same order, as the list of sampled ballots.", "Cualquiera puede volver a sortear esta muestra: guarde el inventario como manifest.csv y ejecute el muestreador público del portal con la semilla publicada. Imprime las mismas boletas, en el mismo orden, que la lista de boletas sorteadas.";
    redraw_math: "To recompute a contest's risk from the numbers on this page, describe the contest in a JSON file (portal --help lists its fields) and run:", "Para recalcular el riesgo de una contienda con las cifras de esta página, describa la contienda en un archivo JSON (portal --help enumera sus campos) y ejecute:";
    planner_from_audit: "Plan a sample for a contest like this one", "Planificar la muestra para una contienda como esta";

    cert_heading: "Audit certificate", "Certificado de auditoría";
    cert_version: "Version {0}, published {1}", "Versión {0}, publicada el {1}";
    cert_scan: "Scan to open this exact version.", "Escanee para abrir esta versión exacta.";
    cert_qr_alt: "QR code of this version's permanent address: {0}", "Código QR de la dirección permanente de esta versión: {0}";

    planner_title: "Sample-size planner", "Planificador del tamaño de la muestra";
    planner_intro: "How many ballots should a risk-limiting audit plan to examine first? Enter the reported results: the planner uses the same math as Arlo, the audit software whose results this portal recomputes.", "¿Cuántas boletas debería planificar examinar primero una auditoría de limitación de riesgo? Escriba los resultados reportados: el planificador usa las mismas fórmulas que Arlo, el programa de auditoría cuyos resultados recalcula este portal.";
    planner_link: "Plan a sample size for an audit", "Planificar el tamaño de la muestra de una auditoría";
    pl_how_heading: "How this is computed", "Cómo se calcula";
    pl_how_body: "BRAVO sizes follow Arlo's get_sample_size; ballot-comparison sizes follow Arlo's Super-Simple sample size with the error inflation factor γ = 1.03905. A plan is an estimate: the audit stops when its evidence meets the risk limit, which may take fewer or more ballots. The same math runs in the portal's command line (portal audit-math).", "Los tamaños BRAVO siguen get_sample_size de Arlo; los de comparación de boletas siguen el tamaño Super-Simple de Arlo con el factor de inflación de errores γ = 1,03905. Un plan es una estimación: la auditoría se detiene cuando su evidencia cumple el límite de riesgo, lo que puede requerir menos o más boletas. Las mismas fórmulas están en la línea de comandos del portal (portal audit-math).";
}

strings! {
    /// The audit planner's form and answers: apart from [`Strings`] so that
    /// the planner's browser side (the one piece of WASM) links its own
    /// messages and not every page's.
    PlannerStrings, PL_EN, PL_ES;
    pl_form_legend: "The contest", "La contienda";
    pl_method: "Method", "Método";
    pl_bravo: "BRAVO ballot polling", "Sondeo de boletas BRAVO";
    pl_km: "Kaplan–Markov ballot comparison", "Comparación de boletas Kaplan–Markov";
    pl_risk: "Risk limit (%)", "Límite de riesgo (%)";
    pl_ballots: "Ballots cast", "Boletas emitidas";
    pl_winner: "Reported winner's votes", "Votos del ganador reportado";
    pl_runner_up: "Runner-up's votes", "Votos del segundo lugar";
    pl_comparison_legend: "Ballot comparison only (optional)", "Solo para comparación de boletas (opcional)";
    pl_o1: "Expected one-vote overstatements (% of ballots)", "Sobreestimaciones de un voto esperadas (% de boletas)";
    pl_o2: "Expected two-vote overstatements (% of ballots)", "Sobreestimaciones de dos votos esperadas (% de boletas)";
    pl_rates_help: "Empty: Arlo's defaults (0.1% and 0.01%, with as many understatements).", "Vacío: los valores de Arlo (0,1% y 0,01%, con otras tantas subestimaciones).";
    pl_submit: "Compute the sample size", "Calcular el tamaño de la muestra";
    pl_result_heading: "Sample size to plan for", "Tamaño de muestra a planificar";
    pl_empty: "Fill in the form to see the sample size.", "Complete el formulario para ver el tamaño de la muestra.";
    pl_fix: "Correct the marked fields to see the sample size.", "Corrija los campos marcados para ver el tamaño de la muestra.";
    pl_margin: "Diluted margin: {0} (the winner's lead over the runner-up, as a share of ballots cast).", "Margen diluido: {0} (la ventaja del ganador sobre el segundo lugar, como proporción de las boletas emitidas).";
    pl_plan_for: "Plan for {0} ballots", "Planifique {0} boletas";
    pl_bravo_asn: "This is BRAVO's average sample number: how many ballots the audit examines on average when the reported outcome is right.", "Es el número medio de muestra de BRAVO: cuántas boletas examina en promedio la auditoría cuando el resultado reportado es correcto.";
    pl_bravo_prob: "Chance of finishing in the first round with that many ballots: {0}.", "Probabilidad de terminar en la primera ronda con esa cantidad de boletas: {0}.";
    pl_quantiles_caption: "Ballots for a chance of finishing in one round (Arlo's options)", "Boletas para una probabilidad de terminar en una ronda (opciones de Arlo)";
    pl_col_chance: "Chance of finishing in one round", "Probabilidad de terminar en una ronda";
    pl_col_ballots: "Ballots", "Boletas";
    pl_full_count: "Plan for a full hand count of all {0} ballots: the margin is too narrow for a sample to give enough evidence.", "Planifique un recuento manual completo de las {0} boletas: el margen es demasiado estrecho para que una muestra dé evidencia suficiente.";
    pl_km_initial: "Arlo's first-round size for ballot comparison, allowing for the discrepancies audits usually find (1 in 1,000 ballots with a one-vote and 1 in 10,000 with a two-vote overstatement, and as many understatements).", "El tamaño de primera ronda de Arlo para la comparación de boletas, contando con las discrepancias que suelen encontrar las auditorías (1 de cada 1.000 boletas con una sobreestimación de un voto y 1 de cada 10.000 de dos votos, y otras tantas subestimaciones).";
    pl_km_custom: "With your expected overstatement rates ({0} and {1}), not counting understatements, which only help: {2} ballots.", "Con sus tasas de sobreestimación esperadas ({0} y {1}), sin contar las subestimaciones, que solo ayudan: {2} boletas.";
    pl_km_clean: "If the sample finds no discrepancies at all, {0} ballots are enough.", "Si la muestra no encuentra ninguna discrepancia, bastan {0} boletas.";
    pl_err_required: "Enter a number here.", "Escriba un número aquí.";
    pl_err_whole: "Enter a whole number, such as 92415.", "Escriba un número entero, como 92415.";
    pl_err_number: "Enter a number, such as 5 or 0.1.", "Escriba un número, como 5 o 0,1.";
    pl_err_risk: "Enter a risk limit above 0 and below 100, such as 5.", "Escriba un límite de riesgo mayor que 0 y menor que 100, como 5.";
    pl_err_ballots: "Enter at least 1 ballot.", "Escriba al menos 1 boleta.";
    pl_err_too_large: "This number is too large.", "Este número es demasiado grande.";
    pl_err_winner_zero: "The winner needs at least 1 vote.", "El ganador necesita al menos 1 voto.";
    pl_err_winner_ballots: "The winner cannot have more votes than ballots cast.", "El ganador no puede tener más votos que boletas emitidas.";
    pl_err_runner_up: "The runner-up cannot have more votes than the winner.", "El segundo lugar no puede tener más votos que el ganador.";
    pl_err_sum: "The winner's and runner-up's votes together cannot be more than the ballots cast.", "Los votos del ganador y del segundo lugar juntos no pueden superar las boletas emitidas.";
    pl_err_rate: "Enter a percentage from 0 up to (not including) 50, such as 0.1.", "Escriba un porcentaje desde 0 y menor que 50, como 0,1.";
    pl_err_method: "Choose one of the two methods.", "Elija uno de los dos métodos.";
    pl_err_math: "The sample size could not be computed for these numbers.", "No se pudo calcular el tamaño de la muestra con estas cifras.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_switch_language() {
        assert_eq!(Lang::from_path("/es/audits"), Lang::Es);
        assert_eq!(Lang::from_path("/es"), Lang::Es);
        assert_eq!(Lang::from_path("/estonia"), Lang::En);
        assert_eq!(Lang::En.switch_path("/audits/x"), "/es/audits/x");
        assert_eq!(Lang::Es.switch_path("/es/audits/x"), "/audits/x");
        assert_eq!(Lang::Es.switch_path("/es"), "/");
        assert_eq!(Lang::En.switch_path("/"), "/es");
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("Page {0} of {1}", &["2", "5"]), "Page 2 of 5");
    }
}

//! The web layer: the router (every route listed once), the page frame, the JSON and
//! paging extractors, the OpenAPI document. Handlers live in their capability's folder;
//! the shared state is `crate::app`, the errors `crate::error`.
pub mod extract;
pub mod health;
pub mod home;
pub mod json;
pub mod notice;
pub mod openapi;
pub mod pages;
pub mod paging;
mod static_files;
pub mod upload;

use crate::app::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, header};
use axum::routing::{get, post};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;

/// The whole application: every route, listed once, grouped by capability.
pub fn router(state: AppState) -> Router {
    use crate::{
        admin, auth, children, civil_society, council, danish_education, deadlines, employment, families, forecast, goals, housing, knowledge, my_plan,
        persons, plans, reports, status, translations, visits,
    };
    let x_request_id = HeaderName::from_static("x-request-id");
    let state_for_headers = state.clone();
    let state_for_notice = state.clone();
    let router = Router::new()
        // Session management
        .route("/login", get(auth::login::form).post(auth::login::submit))
        .route("/logout", post(auth::login::logout))
        .route("/login/oidc/{name}", get(auth::oidc::flow::start))
        .route("/login/oidc/{name}/callback", get(auth::oidc::flow::callback))
        // Pages
        .route("/", get(home::overview))
        .route("/personer", get(persons::pages::search))
        .route("/personer/ny", get(persons::pages::new_form).post(persons::pages::create))
        .route("/personer/{id}", get(persons::pages::show))
        .route("/personer/{id}/rediger", get(persons::pages::edit_form).post(persons::pages::update))
        .route("/familier", get(families::pages::list))
        .route("/familier/ny", post(families::pages::create))
        .route("/familier/{id}", get(families::pages::show))
        .route("/frister", get(deadlines::pages::dashboard))
        .route("/frister.csv", get(deadlines::pages::export))
        .route("/personer/{id}/haendelser", post(persons::pages::create_event))
        .route("/personer/{id}/haendelser/{event}", get(persons::events::edit).post(persons::events::correct))
        .route("/personer/{id}/haendelser/{event}/slet", post(persons::events::delete))
        .route("/personer/{id}/kontakt", post(persons::pages::save_contact))
        .route("/admin/kalender", get(deadlines::calendar_pages::show).post(deadlines::calendar_pages::add))
        .route("/admin/kalender/slet", post(deadlines::calendar_pages::remove))
        .route("/admin/regler", get(deadlines::rules_pages::show).post(deadlines::rules_pages::save))
        .route("/admin/danskuddannelse", get(danish_education::settings_page::show).post(danish_education::settings_page::save))
        .route("/admin/log", get(admin::pages::audit_log))
        .route("/admin/brugere", get(admin::pages::users))
        .route("/admin/post", get(admin::pages::outbox))
        .route("/moduler/{slug}", get(home::capability))
        .route("/oversaettelser", get(translations::pages::languages))
        .route("/oversaettelser/forslag/{id}", post(translations::pages::decide))
        .route("/oversaettelser/{lang}", get(translations::pages::language))
        .route("/oversaettelser/{lang}/eksport.ftl", get(translations::pages::export))
        .route("/oversaettelser/{lang}/eksempel.pdf", get(translations::pages::preview_pdf))
        .route("/oversaettelser/{lang}/{key}", get(translations::pages::message).post(translations::pages::propose))
        // JSON API
        .route("/api/v1/persons", get(persons::api::search).post(persons::api::create))
        .route("/api/v1/persons/{id}", get(persons::api::show).put(persons::api::update))
        .route("/api/v1/families", get(families::api::list).post(families::api::create))
        .route("/api/v1/families/{id}", get(families::api::show))
        .route("/api/v1/persons/{id}/deadlines", get(deadlines::api::person_deadlines))
        .route("/api/v1/persons/{id}/events", get(deadlines::api::events).post(deadlines::api::create_event))
        .route("/api/v1/persons/{id}/events/{event}", axum::routing::put(deadlines::api::change_event).delete(deadlines::api::delete_event))
        .route("/api/v1/deadlines", get(deadlines::api::deadlines))
        .route("/api/v1/audit", get(admin::api::audit_log))
        .route("/api/v1/me", get(admin::api::me))
        .route("/api/v1/translations/{lang}", get(translations::api::show))
        .route("/api/openapi.json", get(openapi::document))
        // Family plans
        .route("/koordinator", get(plans::overview::page))
        .route("/familier/{id}/plan", get(plans::pages::show))
        .route("/familier/{id}/plan/versioner", get(plans::versions::versions))
        .route("/familier/{id}/plan/versioner/gendan", post(plans::versions::restore))
        .route("/familier/{id}/plan/maal", post(plans::forms::add_goal))
        .route("/familier/{id}/plan/indsats", get(plans::forms::edit).post(plans::forms::save))
        .route("/personer/{id}/samtykke", get(plans::consent::show).post(plans::consent::create_form))
        .route("/personer/{id}/samtykke/{cid}/tilbagekald", post(plans::consent::withdraw_form))
        .route("/henvisninger", get(plans::referrals::show).post(plans::referrals::create_form))
        .route("/henvisninger/{id}/afgoerelse", post(plans::referrals::decide_form))
        .route("/notifikationer/{id}/laest", post(plans::notifications::mark_read_form))
        .route("/api/v1/families/{id}/plan", get(plans::api::show).put(plans::api::save))
        .route("/api/v1/families/{id}/plan/versions", get(plans::api::versions))
        .route("/api/v1/families/{id}/plan/compare", get(plans::api::compare_versions))
        .route("/api/v1/families/{id}/plan/restore", post(plans::api::restore))
        .route("/api/v1/families/{id}/plan/actions", post(plans::api::add_action))
        .route("/api/v1/families/{id}/plan/actions/{action_id}", axum::routing::put(plans::api::change_action))
        .route("/api/v1/persons/{id}/schedule", get(plans::api::person_schedule))
        .route("/api/v1/persons/{id}/consents", get(plans::consent::list).post(plans::consent::create))
        .route("/api/v1/persons/{id}/consents/{cid}/withdraw", post(plans::consent::withdraw))
        .route("/api/v1/referrals", get(plans::referrals::list).post(plans::referrals::create))
        .route("/api/v1/referrals/{id}/decision", post(plans::referrals::decision))
        .route("/api/v1/notifications", get(plans::notifications::list))
        .route("/api/v1/notifications/{id}/read", post(plans::notifications::mark_read))
        .route("/api/v1/coordinator/families", get(plans::overview::api))
        .route("/api/v1/plan-settings", get(plans::settings::show).put(plans::settings::update))
        // Home visits, offline (decision 180)
        .route("/besoeg", get(visits::pages::list))
        .route("/besoeg/offline", get(visits::pages::offline))
        .route("/familier/{id}/besoeg", post(visits::pages::mark))
        .route("/familier/{id}/besoeg/fjern", post(visits::pages::unmark))
        .route("/api/v1/visits", get(visits::api::list))
        .route("/api/v1/visits/offline", get(visits::api::bundle))
        .route("/api/v1/families/{id}/visit", axum::routing::put(visits::api::mark).delete(visits::api::unmark))
        .route("/api/v1/families/{id}/visit/notes", post(visits::api::add_note))
        // Housing
        .route("/bolig", get(housing::pages::show))
        .route("/bolig/forslag", post(housing::pages::propose))
        .route("/bolig/placeringer/{id}/godkend", post(housing::pages::approve))
        .route("/bolig/placeringer/{id}/tilsidesaet", post(housing::pages::override_placement))
        .route("/bolig/placeringer/{id}/frigiv", post(housing::pages::release))
        .route("/bolig/husstande", get(housing::households_page::show).post(housing::households_page::save))
        .route("/bolig/boliger", get(housing::units_page::show).post(housing::units_page::save))
        .route("/bolig/boliger/fil", post(housing::units_page::upload))
        .route("/bolig/boliger/{code}/slet", post(housing::units_page::delete_unit))
        .route("/bolig/omraader/{code}/slet", post(housing::units_page::delete_area))
        .route("/bolig/beskaeftigelse", get(housing::employment_page::show))
        .route("/bolig/beskaeftigelse/model", post(housing::employment_page::upload).layer(DefaultBodyLimit::max(housing::employment_page::UPLOAD_LIMIT)))
        .route("/bolig/beskaeftigelse/vaegt", post(housing::employment_page::set_weight))
        .route("/bolig/kvoter", get(housing::quota_page::show).post(housing::quota_page::calculate))
        .route("/api/v1/housing/areas", get(housing::api::areas).post(housing::api::save_areas))
        .route("/api/v1/housing/units", get(housing::api::units).post(housing::api::save_units))
        .route("/api/v1/housing/households", get(housing::api::households))
        .route("/api/v1/housing/households/{household}", axum::routing::put(housing::api::save_household))
        .route("/api/v1/housing/proposals", post(housing::api::propose))
        .route("/api/v1/housing/placements/{household}/approve", post(housing::api::approve))
        .route("/api/v1/housing/placements/{household}/override", post(housing::api::override_placement))
        .route("/api/v1/housing/placements/{household}/release", post(housing::api::release))
        // Min plan
        .route("/personer/{id}/minplan", get(my_plan::pages::show))
        .route("/personer/{id}/minplan/link", post(my_plan::links::create))
        .route("/minplan/engangslink", get(my_plan::links::new_form).post(my_plan::links::create_for))
        .route("/api/v1/persons/{id}/myplan", get(my_plan::api::show))
        .route("/api/v1/persons/{id}/myplan.pdf", get(my_plan::api::pdf))
        .route("/borger", get(my_plan::citizen::home))
        .route("/borger/sprog", post(my_plan::citizen::set_language))
        .route("/borger/plan/{id}", get(my_plan::citizen::plan))
        .route("/borger/plan/{id}/laest", post(my_plan::citizen::confirm_read))
        .route("/borger/plan/{id}/pdf", get(my_plan::citizen::pdf))
        .route("/borger/link", post(my_plan::citizen::link_login))
        .route("/borger/link/{token}", get(my_plan::citizen::link_page))
        // Knowledge base "hvad virker"
        .route("/viden", get(knowledge::pages::search))
        .route("/viden/ny", get(knowledge::forms::new_form).post(knowledge::forms::create))
        .route("/viden/mine", get(knowledge::pages::mine))
        .route("/viden/gennemgang", get(knowledge::pages::queue))
        .route("/viden/{id}", get(knowledge::pages::show))
        .route("/viden/{id}/rediger", get(knowledge::forms::edit_form).post(knowledge::forms::update))
        .route("/viden/{id}/indsend", post(knowledge::forms::submit))
        .route("/viden/{id}/ny-version", post(knowledge::forms::new_version))
        .route("/viden/{id}/afgoerelse", post(knowledge::forms::decide))
        .route("/viden/{id}/kommentarer", post(knowledge::forms::comment))
        .route("/viden/{id}/bilag", post(knowledge::forms::attach).layer(DefaultBodyLimit::max(knowledge::attachments::UPLOAD_LIMIT)))
        .route("/viden/{id}/bilag/{attachment}", get(knowledge::forms::download))
        .route("/api/v1/knowledge/search", get(knowledge::api::search))
        .route("/api/v1/knowledge/review-queue", get(knowledge::api::queue))
        .route("/api/v1/knowledge/methods", post(knowledge::api::create))
        .route("/api/v1/knowledge/methods/{id}", get(knowledge::api::show).put(knowledge::api::update))
        .route("/api/v1/knowledge/methods/{id}/submit", post(knowledge::api::submit))
        .route("/api/v1/knowledge/methods/{id}/versions", post(knowledge::api::new_version))
        .route("/api/v1/knowledge/methods/{id}/review", post(knowledge::api::decide))
        .route("/api/v1/knowledge/methods/{id}/comments", post(knowledge::api::comment))
        .route("/api/v1/knowledge/methods/{id}/attachments", post(knowledge::api::attach).layer(DefaultBodyLimit::max(knowledge::attachments::UPLOAD_LIMIT)))
        // Local goals and partnerships
        .route("/maal", get(goals::pages::show).post(goals::pages::save))
        .route("/maal/eksport", get(goals::pages::export_goals))
        .route("/maal/partnerskab", get(goals::pages::comparison))
        .route("/maal/partnerskab/eksport", get(goals::pages::export_comparison))
        .route("/sekretariat", get(goals::secretariat::show))
        .route("/sekretariat/partnerskaber", post(goals::secretariat::create_partnership))
        .route("/sekretariat/medlemmer", post(goals::secretariat::join))
        .route("/sekretariat/udmeldelser", post(goals::secretariat::leave))
        .route("/sekretariat/noter", post(goals::secretariat::add_note))
        .route("/sekretariat/moeder", post(goals::secretariat::add_meeting))
        .route("/api/v1/indicators", get(goals::api::list))
        .route("/api/v1/indicators/{id}/comparison", get(goals::api::comparison))
        .route("/api/v1/goals", get(goals::api::goals))
        .route("/api/v1/goals/{indicator}", axum::routing::put(goals::api::save_goal))
        .route("/api/v1/partnerships", get(goals::api::partnerships))
        // Status periods and outcome events
        .route("/personer/{id}/status", post(status::pages::add_period))
        .route("/personer/{id}/status/{period}", get(status::pages::edit_period).post(status::pages::correct_period))
        .route("/personer/{id}/status/{period}/afslut", post(status::pages::end_period))
        .route("/personer/{id}/status/{period}/slet", post(status::pages::delete_period))
        .route("/personer/{id}/resultater", post(status::pages::add_outcome))
        .route("/personer/{id}/resultater/{outcome}", get(status::pages::edit_outcome).post(status::pages::correct_outcome))
        .route("/personer/{id}/resultater/{outcome}/slet", post(status::pages::delete_outcome))
        .route("/api/v1/persons/{id}/status", get(status::api::periods).post(status::api::add_period))
        .route("/api/v1/persons/{id}/status/{period}", axum::routing::patch(status::api::change_period).delete(status::api::delete_period))
        .route("/api/v1/persons/{id}/outcomes", get(status::api::outcomes).post(status::api::add_outcome))
        .route("/api/v1/persons/{id}/outcomes/{outcome}", axum::routing::put(status::api::change_outcome).delete(status::api::delete_outcome))
        // Children and parents
        .route("/boern", get(children::pages::index))
        .route("/boern/underretninger", get(children::concern_pages::list).post(children::concern_pages::create))
        .route("/boern/underretninger/ny", get(children::concern_pages::new_form))
        .route("/boern/underretninger/{id}", get(children::concern_pages::show))
        .route("/boern/underretninger/{id}/behandling", post(children::concern_pages::handle))
        .route("/boern/barn/{id}", get(children::childcare_pages::show))
        .route("/boern/barn/{id}/perioder", post(children::childcare_pages::add))
        .route("/boern/barn/{id}/perioder/{period}", get(children::childcare_pages::edit).post(children::childcare_pages::change))
        .route("/boern/barn/{id}/perioder/{period}/slet", post(children::childcare_pages::delete))
        .route("/boern/barn/{id}/kontakter", post(children::childcare_pages::save_profile))
        .route("/api/v1/persons/{id}/childcare", get(children::childcare_api::show))
        .route("/api/v1/persons/{id}/childcare/periods", post(children::childcare_api::add_period))
        .route(
            "/api/v1/persons/{id}/childcare/periods/{period}",
            axum::routing::put(children::childcare_api::change_period).delete(children::childcare_api::delete_period),
        )
        .route("/api/v1/persons/{id}/childcare/profile", axum::routing::put(children::childcare_api::save_profile))
        .route("/api/v1/concern-notes", get(children::api::list).post(children::api::create))
        .route("/api/v1/concern-notes/{id}", get(children::api::show))
        .route("/api/v1/concern-notes/{id}/handling", axum::routing::put(children::api::handle))
        // Danish education
        .route("/danskuddannelse", get(danish_education::overview::list))
        .route("/danskuddannelse/fremmoede", get(danish_education::overview::attendance_form).post(danish_education::overview::attendance_save))
        .route("/personer/{id}/danskuddannelse", post(danish_education::pages::create))
        .route("/personer/{id}/danskuddannelse/ny", get(danish_education::pages::new_form))
        .route("/personer/{id}/danskuddannelse/proever", post(danish_education::pages::add_test))
        .route("/personer/{id}/danskuddannelse/{course}", get(danish_education::pages::edit_form).post(danish_education::pages::update))
        .route("/api/v1/persons/{id}/danish-education", get(danish_education::api::show).post(danish_education::api::add_course))
        .route("/api/v1/persons/{id}/danish-education/tests", post(danish_education::api::add_test))
        .route("/api/v1/persons/{id}/danish-education/attendance", get(danish_education::api::attendance).post(danish_education::api::record_attendance))
        .route("/api/v1/persons/{id}/danish-education/{course}", axum::routing::put(danish_education::api::change_course))
        .route("/api/v1/danish-education/settings", get(danish_education::settings::show).put(danish_education::settings::update))
        .route("/api/v1/danish-education/referrals", get(danish_education::api::referrals))
        .route("/api/v1/regions/{code}/danish-education/demand", get(danish_education::regional::api_demand))
        .route("/danskuddannelse/region", get(danish_education::regional::page))
        .route("/danskuddannelse/region/eksport", get(danish_education::regional::export))
        // Integration council
        .route("/integrationsraad", get(council::pages::overview))
        .route("/integrationsraad/medlemmer/ny", get(council::pages::new_member).post(council::pages::create_member))
        .route("/integrationsraad/medlemmer/{id}", get(council::pages::edit_member).post(council::pages::update_member))
        .route("/integrationsraad/moeder/ny", get(council::pages::new_meeting).post(council::pages::create_meeting))
        .route("/integrationsraad/moeder/{id}", get(council::pages::show_meeting))
        .route("/integrationsraad/moeder/{id}/dagsorden.pdf", get(council::pages::agenda_pdf))
        .route("/integrationsraad/moeder/{id}/referat.pdf", get(council::pages::minutes_pdf))
        .route("/integrationsraad/moeder/{id}/punkter", post(council::pages::create_item))
        .route("/integrationsraad/moeder/{id}/punkter/{item}/referat", post(council::pages::save_minutes))
        .route("/integrationsraad/moeder/{id}/offentliggoer", post(council::pages::publish))
        .route("/integrationsraad/anbefalinger/ny", get(council::pages::new_recommendation).post(council::pages::create_recommendation))
        .route("/integrationsraad/anbefalinger/{id}", get(council::pages::show_recommendation))
        .route("/integrationsraad/anbefalinger/{id}/status", post(council::pages::change_status))
        .route("/integrationsraad/anbefalinger/{id}/opfoelgning", post(council::pages::add_follow_up))
        .route("/integrationsraad/anbefalinger/{id}/opfoelgning/{follow_up}/udfoert", post(council::pages::complete_follow_up))
        .route("/integrationsraad/offentlig/{code}", get(council::public::page))
        .route("/integrationsraad/offentlig/{code}/moeder/{id}/referat.pdf", get(council::public::minutes_pdf))
        .route("/integrationsraad/offentlig/{code}/moeder/{id}/dagsorden.pdf", get(council::public::agenda_pdf))
        .route("/api/v1/council/members", get(council::api::members).post(council::api::add_member))
        .route("/api/v1/council/members/{id}", axum::routing::put(council::api::update_member))
        .route("/api/v1/council/meetings", get(council::api::meetings).post(council::api::add_meeting))
        .route("/api/v1/council/meetings/{id}/items/{item}/minutes", axum::routing::put(council::api::set_minutes))
        .route("/api/v1/council/recommendations", get(council::api::recommendations).post(council::api::add_recommendation))
        .route("/api/v1/council/recommendations/{id}/status", axum::routing::put(council::api::set_status))
        .route("/api/v1/council/recommendations/{id}/follow-ups", post(council::api::add_follow_up))
        // Civil society: organisations, offers, referrals with consent, participation, fritidspas
        .route("/civilsamfund", get(civil_society::pages::home))
        .route("/civilsamfund/organisationer", post(civil_society::pages::create_organisation))
        .route("/civilsamfund/organisationer/{id}", get(civil_society::pages::organisation).post(civil_society::pages::update_organisation))
        .route("/civilsamfund/organisationer/{id}/kontakter", post(civil_society::pages::add_contact))
        .route("/civilsamfund/organisationer/{id}/brugere", post(civil_society::pages::link_user))
        .route("/civilsamfund/organisationer/{id}/tilbud", post(civil_society::pages::create_offer))
        .route("/civilsamfund/tilbud", get(civil_society::pages::offers))
        .route("/civilsamfund/tilbud/{id}", get(civil_society::pages::offer).post(civil_society::pages::update_offer))
        .route("/civilsamfund/personer/{id}", get(civil_society::pages::person))
        .route("/civilsamfund/personer/{id}/henvisning", post(civil_society::pages::refer))
        .route("/civilsamfund/personer/{id}/deltagelse", post(civil_society::pages::participate))
        .route("/civilsamfund/personer/{id}/fritidspas", post(civil_society::pages::apply))
        .route("/civilsamfund/henvisninger", get(civil_society::pages::referrals))
        .route("/civilsamfund/henvisninger/{id}", get(civil_society::pages::referral))
        .route("/civilsamfund/henvisninger/{id}/svar", post(civil_society::pages::answer))
        .route("/civilsamfund/henvisninger/{id}/deltagelse", post(civil_society::pages::referral_participation))
        .route("/civilsamfund/fritidspas", get(civil_society::pages::fritidspas))
        .route("/civilsamfund/fritidspas/indstillinger", post(civil_society::pages::save_settings))
        .route("/civilsamfund/fritidspas/{id}/brugt", post(civil_society::pages::set_used))
        .route("/api/v1/organisations", get(civil_society::api::organisations).post(civil_society::api::create_organisation))
        .route("/api/v1/organisations/{id}", get(civil_society::api::organisation).put(civil_society::api::update_organisation))
        .route("/api/v1/offers", get(civil_society::api::offers).post(civil_society::api::create_offer))
        .route("/api/v1/offers/{id}", get(civil_society::api::offer).put(civil_society::api::update_offer))
        .route("/api/v1/persons/{id}/offer-matches", get(civil_society::api::offer_matches))
        .route("/api/v1/persons/{id}/participations", get(civil_society::api::participations).post(civil_society::api::add_participation))
        .route("/api/v1/offer-referrals", get(civil_society::api::referrals).post(civil_society::api::create_referral))
        .route("/api/v1/offer-referrals/{id}", get(civil_society::api::referral))
        .route("/api/v1/offer-referrals/{id}/answer", post(civil_society::api::answer))
        .route("/api/v1/offer-referrals/{id}/participation", post(civil_society::api::referral_participation))
        .route("/api/v1/fritidspas", get(civil_society::api::grants).post(civil_society::api::decide))
        .route("/api/v1/fritidspas/budget", get(civil_society::api::budget))
        .route("/api/v1/fritidspas/settings", axum::routing::put(civil_society::api::save_settings))
        .route("/api/v1/fritidspas/{id}/used", post(civil_society::api::used))
        // Reports
        .route("/rapporter", get(reports::pages::index))
        .route("/rapporter/abonnementer", post(reports::pages::subscribe))
        .route("/rapporter/abonnementer/{id}/slet", post(reports::pages::unsubscribe))
        .route("/rapporter/{id}", get(reports::pages::show))
        .route("/rapporter/{id}/eksport", get(reports::pages::export))
        .route("/api/v1/reports", get(reports::api::list))
        .route("/api/v1/reports/{id}", get(reports::api::show))
        // Capacity forecast
        .route("/prognose", get(forecast::pages::show))
        .route("/prognose/eksport", get(forecast::pages::export))
        .route("/prognose/kapacitet", get(forecast::capacity::show).post(forecast::capacity::save))
        .route("/api/v1/forecast", get(forecast::api::show))
        // Employment and IGU
        .route("/beskaeftigelse", get(employment::pages::overview))
        .route("/beskaeftigelse/matchforslag", post(employment::pages::propose))
        .route("/beskaeftigelse/par/{id}", post(employment::pages::decide))
        .route("/beskaeftigelse/virksomheder", get(employment::pages::companies).post(employment::pages::create_company))
        .route("/beskaeftigelse/virksomheder/{id}", get(employment::pages::company).post(employment::pages::update_company))
        .route("/beskaeftigelse/virksomheder/{id}/kontakter", post(employment::pages::add_contact))
        .route("/beskaeftigelse/tilbud", get(employment::pages::openings).post(employment::pages::create_opening))
        .route("/beskaeftigelse/tilbud/{id}", get(employment::pages::opening).post(employment::pages::update_opening))
        .route("/beskaeftigelse/personer/{id}", get(employment::pages::person).post(employment::pages::save_profile))
        .route("/api/v1/companies", get(employment::api::companies).post(employment::api::create_company))
        .route("/api/v1/companies/{id}", get(employment::api::company).put(employment::api::update_company))
        .route("/api/v1/companies/{id}/contacts", post(employment::api::add_contact))
        .route("/api/v1/openings", get(employment::api::openings).post(employment::api::create_opening))
        .route("/api/v1/openings/{id}", get(employment::api::opening).put(employment::api::update_opening))
        .route("/api/v1/openings/{id}/matches", get(employment::api::opening_matches))
        .route("/api/v1/persons/{id}/matches", get(employment::api::person_matches))
        .route("/api/v1/persons/{id}/employment-profile", get(employment::api::profile).put(employment::api::save_profile))
        .route("/api/v1/persons/{id}/igu", get(employment::api::igu).post(employment::api::add_igu))
        .route("/api/v1/persons/{id}/igu/{course}", axum::routing::put(employment::api::update_igu))
        .route("/beskaeftigelse/personer/{id}/igu", post(employment::pages::add_igu))
        .route("/beskaeftigelse/personer/{id}/igu/{course}", post(employment::pages::update_igu))
        .route("/beskaeftigelse/igu", get(employment::pages::igu))
        .route("/api/v1/persons/{id}/work-duty-reductions", get(employment::api::reductions).post(employment::api::add_reduction))
        .route("/beskaeftigelse/personer/{id}/arbejdspligt", post(employment::pages::add_reduction))
        .route("/beskaeftigelse/dialog", get(employment::dialogue::show).post(employment::dialogue::create))
        .route("/beskaeftigelse/dialog/{id}/udfoert", post(employment::dialogue::finish))
        .route("/api/v1/employment/dialogue", get(employment::dialogue::api_list).post(employment::dialogue::api_add))
        .route("/api/v1/employment/dialogue/{id}/done", post(employment::dialogue::api_done))
        .route("/api/v1/employment/proposals", post(employment::api::propose))
        .route("/api/v1/employment/proposals/{id}", get(employment::api::proposal))
        .route("/api/v1/employment/pairs/{id}/decision", post(employment::api::decide))
        // Operations
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/static/{*path}", get(static_files::serve))
        .fallback(home::not_found)
        .with_state(state);
    catch_panics(router)
        .layer(axum::middleware::from_fn_with_state(state_for_notice, notice::clear))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(axum::http::StatusCode::REQUEST_TIMEOUT, std::time::Duration::from_secs(30)))
        .layer(axum::middleware::map_response_with_state(state_for_headers, transport_security))
        // Person data must not stay in browser or proxy caches; static files set their own.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"),
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(SetRequestIdLayer::new(x_request_id, MakeRequestUuid))
}

/// Marks the answer [`panic_answer`] gave, so [`panic_page`] can turn it into a page.
#[derive(Clone, Copy)]
struct Panicked;

/// A handler that panics is answered 500 in Danish and nothing of the panic is shown (it
/// is logged): problem+json under `/api`, the error page elsewhere (tower-http's
/// `CatchPanicLayer`, so one panicking request never takes the connection or the server).
pub fn catch_panics(router: Router) -> Router {
    router.layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_answer)).layer(axum::middleware::from_fn(panic_page))
}

fn panic_answer(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let what = panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("(ingen tekst)");
    tracing::error!(panic = what, "a handler panicked");
    let mut response =
        axum::response::IntoResponse::into_response(crate::error::ApiError(crate::error::AppError::Internal(anyhow::anyhow!("en handler gik i panik"))));
    response.extensions_mut().insert(Panicked);
    response
}

async fn panic_page(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !api && response.extensions().get::<Panicked>().is_some() {
        return axum::response::IntoResponse::into_response(crate::error::PageError(crate::error::AppError::Internal(anyhow::anyhow!(
            "en handler gik i panik"
        ))));
    }
    response
}

/// `Strict-Transport-Security` when the server is reached only over TLS.
async fn transport_security(axum::extract::State(state): axum::extract::State<AppState>, mut response: axum::response::Response) -> axum::response::Response {
    if state.settings.hsts {
        response.headers_mut().insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

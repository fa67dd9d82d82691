//! The authorisation matrix: every route of the router (read from `src/web/mod.rs`, so a
//! new route without an entry in [`TABLE`] fails this test, and so does an entry whose
//! route is gone) × every role × the own and another municipality, over HTTP on SQLite
//! and PostgreSQL (there with a sample of the roles, for time).
//!
//! Two municipalities get one user per role and one object of every kind; a route's
//! path parameters are filled with the own municipality's objects (the answer must be
//! what the route's rule in [`TABLE`] says for the role) and then with the other
//! municipality's (every role must be refused: 403 or 404). Anonymous requests must be
//! sent to the login page (pages) or answered 401 (API), unless the rule is public.
//! "Allowed" means the request passed authorisation: any answer but 401, 403, 404 and a
//! redirect to the login page. Writes are sent with a body the handler must refuse (a
//! JSON text where an object is due, a form with only the CSRF token): a role the rule
//! allows sees the body refused (400, 409, 415, 422), which counts as passed; a role it
//! refuses must see 403 or 404, so a handler that reads its body before it checks who asks
//! fails here. Writes are included, and every role's writes (the generic ones and a set of
//! real writes aimed at a person the role cannot read) must not change which of the
//! seeded persons the role can open or find.
//!
//! The file is long because the table is: one line per route.
//!
//! What this covers, the older tests need not repeat: tenant isolation of every route,
//! refusal of every role without a rule, anonymous access. `person_access.rs` keeps the
//! finer reach rules (which link makes which person readable), `hardening.rs` the
//! individual holes, `navigation.rs` that a role is offered only what it may open.
use crate::common;

use axum::http::{Method, StatusCode};
use common::app::{Browser, Reply, TestApp};
use samplan::domain::Role;
use samplan::store::Tenant;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

const ROUTER: &str = include_str!("../../src/web/mod.rs");

/// Who asks: one user per role (department staff in four departments), and nobody.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    Secretariat,
    Regional,
    Translator,
    Citizen,
    Volunteer,
    Admin,
    Manager,
    Housing,
    Daycare,
    ChildrenFamily,
    LanguageCentre,
    Business,
    Coordinator,
    Caseworker,
}

use Who::*;

/// In the order requests are sent for one route: the roles that change most, last.
const EVERYONE: [Who; 15] = [
    Anonymous,
    Secretariat,
    Regional,
    Translator,
    Citizen,
    Volunteer,
    Admin,
    Manager,
    Housing,
    Daycare,
    ChildrenFamily,
    LanguageCentre,
    Business,
    Coordinator,
    Caseworker,
];

impl Who {
    fn login(self, code: &str) -> String {
        if self == Secretariat { "sekretariat".into() } else { format!("{self:?}-{code}").to_lowercase() }
    }

    fn role(self) -> (Role, Option<&'static str>) {
        match self {
            Anonymous => unreachable!(),
            Secretariat => (Role::NationalSecretariat, None),
            Regional => (Role::RegionalCoordinator, None),
            Translator => (Role::Translator, None),
            Citizen => (Role::Citizen, None),
            Volunteer => (Role::VolunteerCoordinator, None),
            Admin => (Role::Admin, None),
            Manager => (Role::Manager, None),
            Housing => (Role::HousingOfficer, Some("bolig")),
            Daycare => (Role::DepartmentStaff, Some("dagtilbud_og_skole")),
            ChildrenFamily => (Role::DepartmentStaff, Some("born_og_familie")),
            LanguageCentre => (Role::DepartmentStaff, Some("sprogcenter")),
            Business => (Role::DepartmentStaff, Some("virksomhedsservice")),
            Coordinator => (Role::Coordinator, None),
            Caseworker => (Role::Caseworker, Some("jobcenter")),
        }
    }

    /// A letter for the printed matrix.
    fn letter(self) -> char {
        match self {
            Anonymous => '0',
            Secretariat => 'S',
            Regional => 'R',
            Translator => 'T',
            Citizen => 'B',
            Volunteer => 'V',
            Admin => 'A',
            Manager => 'L',
            Housing => 'H',
            Daycare => 'D',
            ChildrenFamily => 'F',
            LanguageCentre => 'G',
            Business => 'K',
            Coordinator => 'O',
            Caseworker => 'C',
        }
    }
}

/// The access rules; each route has one. `allows` says who passes authorisation on the
/// own municipality's objects (from `auth::actor`, `auth::access` and decisions 003/005,
/// 062, 071, 100, 110, 115, 120, 121); every rule but the public ones refuses the other
/// municipality's objects to everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Anyone, logged in or not (login, health, static files, the council's public page).
    Public,
    /// Forms with the login form's double-submit cookie: refused (403) to a request
    /// without it, logged in or not.
    LoginForm,
    /// Everyone logged in, citizens too.
    AnyUser,
    /// Every staff user, the national secretariat too (not citizens).
    AnyStaff,
    /// Every user of a municipality but citizens: the council, organisations and offers,
    /// the knowledge base's own lists (what each reads is narrowed in the handlers).
    Municipal,
    /// As `Municipal`, without the organisations' volunteer coordinators.
    MunicipalStaff,
    /// The municipality's own staff (`Role::is_municipal_staff`): not the organisations'
    /// volunteer coordinators, translators or regional coordinators. Its local goals
    /// (PRODUCT.md: managers, the city council and the integration council work with them).
    OwnStaff,
    /// As `OwnStaff`, and the national secretariat (its own goal pages, every comparison).
    GoalsAndComparisons,
    /// `Actor::person_reader`: caseworkers, coordinators, department staff, housing officers.
    PersonReader,
    /// `Actor::person_writer`: caseworkers and coordinators.
    PersonWriter,
    /// `Actor::housing_officer`: housing officers and caseworkers.
    Housing,
    /// `Actor::business_consultant`: department staff of virksomhedsservice.
    BusinessConsultant,
    /// Business consultants and person writers (a person's employment profile).
    BusinessOrWriter,
    /// `Actor::language_centre_access`: department staff of sprogcenter.
    LanguageCentre,
    /// Language-centre staff and person writers (module tests).
    LanguageCentreOrWriter,
    /// Staff of dagtilbud og skole and person writers (a child's daycare and school; an
    /// action of dagtilbud og skole in the plan).
    DaycareOrWriter,
    /// Department staff (any department: the action's department, in the body, decides)
    /// and person writers: adding an action to a family plan the caller reads.
    DepartmentOrWriter,
    /// The department a referral is sent to (dagtilbud og skole in the fixture).
    ReferralRecipient,
    /// Staff of børn og familie: handling concern notes.
    ChildrenAndFamily,
    /// Staff of børn og familie and the note's writer (the caseworker in the fixture).
    ConcernNoteReader,
    /// The user the notification is for (the caseworker in the fixture).
    NotificationRecipient,
    /// `Actor::administrator`.
    Admin,
    /// Administrators and person readers: the plan and Danish-education settings.
    AdminOrPersonReader,
    /// Managers and administrators: the council (`council::editor`), fritidspas settings.
    ManagerOrAdmin,
    /// Managers only: local goals, report subscriptions, submitting a method.
    Manager,
    /// Managers and housing officers (not caseworkers): the capacity forecast.
    ManagerOrHousingOfficer,
    /// `knowledge::drafter`: caseworkers, coordinators and managers.
    KnowledgeDrafter,
    /// Who keeps the organisation registry: caseworkers, coordinators, managers, administrators.
    RegistryKeeper,
    /// Registry keepers and the organisation's own volunteer coordinator.
    OrganisationEditor,
    /// The organisation's volunteer coordinator and person writers (offer referrals).
    OrganisationOrWriter,
    /// The organisation's volunteer coordinator only (answering a referral).
    Organisation,
    /// The citizen (their own Min plan).
    Citizen,
    /// The citizen and the person readers: a person's Min plan through the API.
    MyPlan,
    /// Translators (of the language) and administrators.
    Translator,
    /// The national secretariat.
    Secretariat,
    /// `reports::municipality_for`: managers, administrators, the national secretariat.
    Reports,
    /// `danish_education::regional::region_for`: regional coordinators (own region), the
    /// national secretariat.
    Regional,
    /// The Danish-education overview: person readers, regional coordinators, the secretariat.
    DanishEducationOverview,
    /// A knowledge-base method and its attachments and comments before it is published
    /// (the fixture's is submitted): the author municipality's own staff
    /// (`knowledge::may_see`; not its volunteer coordinators, translators or regional
    /// coordinators), and the national secretariat once it has been submitted — of every
    /// municipality.
    KnowledgeMethod,
    /// Reviewing a submitted method: the national secretariat, of every municipality.
    KnowledgeReview,
    /// Nothing is ever found (a route nothing links to).
    Nobody,
    /// Single sign-on with no provider configured, as in the fixture: no provider name
    /// is found, logged in or not (e2e/oidc.test.mjs tests a configured provider).
    NoSignOnProvider,
}

impl Rule {
    fn allows(self, who: Who) -> bool {
        let reader = matches!(who, Housing | Daycare | ChildrenFamily | LanguageCentre | Business | Coordinator | Caseworker);
        let writer = matches!(who, Coordinator | Caseworker);
        match self {
            Rule::Public | Rule::AnyUser => true,
            Rule::LoginForm | Rule::Nobody | Rule::NoSignOnProvider => false,
            Rule::AnyStaff => who != Citizen,
            Rule::Municipal => !matches!(who, Citizen | Secretariat),
            Rule::MunicipalStaff => !matches!(who, Citizen | Secretariat | Volunteer),
            Rule::OwnStaff => !matches!(who, Citizen | Secretariat | Volunteer | Translator | Regional),
            Rule::GoalsAndComparisons => !matches!(who, Citizen | Volunteer | Translator | Regional),
            Rule::PersonReader => reader,
            Rule::PersonWriter => writer,
            Rule::Housing => matches!(who, Who::Housing | Caseworker),
            Rule::BusinessConsultant => who == Business,
            Rule::BusinessOrWriter => who == Business || writer,
            Rule::LanguageCentre => who == LanguageCentre,
            Rule::LanguageCentreOrWriter => who == LanguageCentre || writer,
            Rule::DaycareOrWriter => who == Daycare || writer,
            Rule::DepartmentOrWriter => matches!(who, Who::Housing | Daycare | ChildrenFamily | LanguageCentre | Business) || writer,
            Rule::ReferralRecipient => who == Daycare,
            Rule::ChildrenAndFamily => who == ChildrenFamily,
            Rule::ConcernNoteReader => matches!(who, ChildrenFamily | Caseworker),
            Rule::NotificationRecipient => who == Caseworker,
            Rule::Admin => who == Admin,
            Rule::AdminOrPersonReader => who == Admin || reader,
            Rule::ManagerOrAdmin => matches!(who, Who::Manager | Who::Admin),
            Rule::Manager => who == Manager,
            Rule::ManagerOrHousingOfficer => matches!(who, Who::Manager | Who::Housing),
            Rule::KnowledgeDrafter => matches!(who, Who::Manager | Coordinator | Caseworker),
            Rule::RegistryKeeper => matches!(who, Who::Manager | Who::Admin | Coordinator | Caseworker),
            Rule::OrganisationEditor => matches!(who, Volunteer | Who::Manager | Who::Admin | Coordinator | Caseworker),
            Rule::OrganisationOrWriter => who == Volunteer || writer,
            Rule::Organisation => who == Volunteer,
            Rule::Citizen => who == Citizen,
            Rule::MyPlan => who == Citizen || reader,
            Rule::Translator => matches!(who, Who::Translator | Who::Admin),
            Rule::Secretariat => who == Secretariat,
            Rule::Reports => matches!(who, Who::Secretariat | Who::Manager | Who::Admin),
            Rule::Regional => matches!(who, Who::Secretariat | Who::Regional),
            Rule::DanishEducationOverview => matches!(who, Who::Secretariat | Who::Regional) || reader,
            Rule::KnowledgeMethod => !matches!(who, Citizen | Volunteer | Translator | Regional),
            Rule::KnowledgeReview => who == Secretariat,
        }
    }

    /// Who passes on the other municipality's objects: nobody, but for the public pages
    /// and the national secretariat's work across municipalities.
    fn across(self, who: Who) -> bool {
        match self {
            Rule::Public => true,
            Rule::KnowledgeMethod | Rule::KnowledgeReview => who == Secretariat,
            _ => false,
        }
    }

    /// What an anonymous request gets: the login page (401 in the API), but for the
    /// public pages and the login forms (403 without the form's cookie).
    fn anonymous(self) -> Seen {
        match self {
            Rule::Public => Seen::Passed,
            Rule::LoginForm | Rule::NoSignOnProvider => Seen::Refused,
            _ => Seen::Login,
        }
    }
}

/// Every route with its rule: "METHOD PATH" as in the router.
const TABLE: &[(&str, Rule)] = &[
    ("GET /", Rule::AnyUser),
    ("GET /admin/brugere", Rule::Admin),
    ("GET /admin/danskuddannelse", Rule::Admin),
    ("POST /admin/danskuddannelse", Rule::Admin),
    ("GET /admin/kalender", Rule::Admin),
    ("POST /admin/kalender", Rule::Admin),
    ("POST /admin/kalender/slet", Rule::Admin),
    ("GET /admin/log", Rule::Admin),
    ("GET /admin/post", Rule::Admin),
    ("GET /admin/regler", Rule::Admin),
    ("POST /admin/regler", Rule::Admin),
    ("GET /api/openapi.json", Rule::Public),
    ("GET /api/v1/audit", Rule::Admin),
    ("GET /api/v1/companies", Rule::PersonReader),
    ("POST /api/v1/companies", Rule::BusinessConsultant),
    ("GET /api/v1/companies/{id}", Rule::PersonReader),
    ("PUT /api/v1/companies/{id}", Rule::BusinessConsultant),
    ("POST /api/v1/companies/{id}/contacts", Rule::BusinessConsultant),
    ("GET /api/v1/concern-notes", Rule::PersonReader),
    ("POST /api/v1/concern-notes", Rule::PersonReader),
    ("GET /api/v1/concern-notes/{id}", Rule::ConcernNoteReader),
    ("PUT /api/v1/concern-notes/{id}/handling", Rule::ChildrenAndFamily),
    ("GET /api/v1/coordinator/families", Rule::PersonReader),
    ("GET /api/v1/council/meetings", Rule::Municipal),
    ("POST /api/v1/council/meetings", Rule::ManagerOrAdmin),
    ("PUT /api/v1/council/meetings/{id}/items/{item}/minutes", Rule::ManagerOrAdmin),
    ("GET /api/v1/council/members", Rule::Municipal),
    ("POST /api/v1/council/members", Rule::ManagerOrAdmin),
    ("PUT /api/v1/council/members/{id}", Rule::ManagerOrAdmin),
    ("GET /api/v1/council/recommendations", Rule::Municipal),
    ("POST /api/v1/council/recommendations", Rule::ManagerOrAdmin),
    ("POST /api/v1/council/recommendations/{id}/follow-ups", Rule::ManagerOrAdmin),
    ("PUT /api/v1/council/recommendations/{id}/status", Rule::ManagerOrAdmin),
    ("GET /api/v1/danish-education/referrals", Rule::PersonReader),
    ("GET /api/v1/danish-education/settings", Rule::AdminOrPersonReader),
    ("PUT /api/v1/danish-education/settings", Rule::Admin),
    ("GET /api/v1/deadlines", Rule::PersonReader),
    ("GET /api/v1/employment/dialogue", Rule::PersonReader),
    ("POST /api/v1/employment/dialogue", Rule::BusinessConsultant),
    ("POST /api/v1/employment/dialogue/{id}/done", Rule::BusinessConsultant),
    ("POST /api/v1/employment/pairs/{id}/decision", Rule::BusinessConsultant),
    ("POST /api/v1/employment/proposals", Rule::BusinessConsultant),
    ("GET /api/v1/employment/proposals/{id}", Rule::PersonReader),
    ("GET /api/v1/families", Rule::PersonReader),
    ("POST /api/v1/families", Rule::PersonWriter),
    ("GET /api/v1/families/{id}", Rule::PersonReader),
    ("PUT /api/v1/families/{id}/visit", Rule::PersonWriter),
    ("DELETE /api/v1/families/{id}/visit", Rule::PersonWriter),
    ("POST /api/v1/families/{id}/visit/notes", Rule::PersonWriter),
    ("GET /api/v1/families/{id}/plan", Rule::PersonReader),
    ("PUT /api/v1/families/{id}/plan", Rule::PersonWriter),
    ("POST /api/v1/families/{id}/plan/actions", Rule::DepartmentOrWriter),
    ("PUT /api/v1/families/{id}/plan/actions/{action_id}", Rule::PersonWriter),
    ("GET /api/v1/families/{id}/plan/compare", Rule::PersonReader),
    ("POST /api/v1/families/{id}/plan/restore", Rule::PersonWriter),
    ("GET /api/v1/families/{id}/plan/versions", Rule::PersonReader),
    ("GET /api/v1/fritidspas", Rule::PersonWriter),
    ("POST /api/v1/fritidspas", Rule::PersonWriter),
    ("GET /api/v1/fritidspas/budget", Rule::MunicipalStaff),
    ("PUT /api/v1/fritidspas/settings", Rule::ManagerOrAdmin),
    ("POST /api/v1/fritidspas/{id}/used", Rule::PersonWriter),
    ("GET /api/v1/goals", Rule::OwnStaff),
    ("GET /api/v1/forecast", Rule::ManagerOrHousingOfficer),
    ("PUT /api/v1/goals/{indicator}", Rule::Manager),
    ("GET /api/v1/housing/areas", Rule::Housing),
    ("POST /api/v1/housing/areas", Rule::Housing),
    ("GET /api/v1/housing/households", Rule::Housing),
    ("PUT /api/v1/housing/households/{household}", Rule::Housing),
    ("POST /api/v1/housing/placements/{household}/approve", Rule::Housing),
    ("POST /api/v1/housing/placements/{household}/override", Rule::Housing),
    ("POST /api/v1/housing/placements/{household}/release", Rule::Housing),
    ("POST /api/v1/housing/proposals", Rule::Housing),
    ("GET /api/v1/housing/units", Rule::Housing),
    ("POST /api/v1/housing/units", Rule::Housing),
    ("GET /api/v1/indicators", Rule::AnyStaff),
    ("GET /api/v1/indicators/{id}/comparison", Rule::GoalsAndComparisons),
    ("POST /api/v1/knowledge/methods", Rule::KnowledgeDrafter),
    ("GET /api/v1/knowledge/methods/{id}", Rule::KnowledgeMethod),
    ("PUT /api/v1/knowledge/methods/{id}", Rule::KnowledgeDrafter),
    ("POST /api/v1/knowledge/methods/{id}/attachments", Rule::KnowledgeDrafter),
    ("POST /api/v1/knowledge/methods/{id}/comments", Rule::KnowledgeMethod),
    ("POST /api/v1/knowledge/methods/{id}/review", Rule::KnowledgeReview),
    ("POST /api/v1/knowledge/methods/{id}/submit", Rule::Manager),
    ("POST /api/v1/knowledge/methods/{id}/versions", Rule::KnowledgeDrafter),
    ("GET /api/v1/knowledge/review-queue", Rule::Secretariat),
    ("GET /api/v1/knowledge/search", Rule::AnyStaff),
    ("GET /api/v1/me", Rule::AnyStaff),
    ("GET /api/v1/notifications", Rule::PersonReader),
    ("POST /api/v1/notifications/{id}/read", Rule::NotificationRecipient),
    ("GET /api/v1/offer-referrals", Rule::OrganisationOrWriter),
    ("POST /api/v1/offer-referrals", Rule::PersonWriter),
    ("GET /api/v1/offer-referrals/{id}", Rule::OrganisationOrWriter),
    ("POST /api/v1/offer-referrals/{id}/answer", Rule::Organisation),
    ("POST /api/v1/offer-referrals/{id}/participation", Rule::OrganisationOrWriter),
    ("GET /api/v1/offers", Rule::Municipal),
    ("POST /api/v1/offers", Rule::OrganisationEditor),
    ("GET /api/v1/offers/{id}", Rule::Municipal),
    ("PUT /api/v1/offers/{id}", Rule::OrganisationEditor),
    ("GET /api/v1/openings", Rule::PersonReader),
    ("POST /api/v1/openings", Rule::BusinessConsultant),
    ("GET /api/v1/openings/{id}", Rule::PersonReader),
    ("PUT /api/v1/openings/{id}", Rule::BusinessConsultant),
    ("GET /api/v1/openings/{id}/matches", Rule::PersonReader),
    ("GET /api/v1/organisations", Rule::Municipal),
    ("POST /api/v1/organisations", Rule::RegistryKeeper),
    ("GET /api/v1/organisations/{id}", Rule::Municipal),
    ("PUT /api/v1/organisations/{id}", Rule::OrganisationEditor),
    ("GET /api/v1/partnerships", Rule::AnyStaff),
    ("GET /api/v1/persons", Rule::PersonReader),
    ("POST /api/v1/persons", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}", Rule::PersonReader),
    ("PUT /api/v1/persons/{id}", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}/childcare", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/childcare/periods", Rule::DaycareOrWriter),
    ("DELETE /api/v1/persons/{id}/childcare/periods/{period}", Rule::DaycareOrWriter),
    ("PUT /api/v1/persons/{id}/childcare/periods/{period}", Rule::DaycareOrWriter),
    ("PUT /api/v1/persons/{id}/childcare/profile", Rule::DaycareOrWriter),
    ("GET /api/v1/persons/{id}/consents", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/consents", Rule::PersonWriter),
    ("POST /api/v1/persons/{id}/consents/{cid}/withdraw", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}/danish-education", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/danish-education", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}/danish-education/attendance", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/danish-education/attendance", Rule::LanguageCentre),
    ("POST /api/v1/persons/{id}/danish-education/tests", Rule::LanguageCentreOrWriter),
    ("PUT /api/v1/persons/{id}/danish-education/{course}", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}/deadlines", Rule::PersonReader),
    ("GET /api/v1/persons/{id}/employment-profile", Rule::PersonReader),
    ("PUT /api/v1/persons/{id}/employment-profile", Rule::BusinessOrWriter),
    ("GET /api/v1/persons/{id}/events", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/events", Rule::PersonWriter),
    ("DELETE /api/v1/persons/{id}/events/{event}", Rule::PersonWriter),
    ("PUT /api/v1/persons/{id}/events/{event}", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}/igu", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/igu", Rule::BusinessConsultant),
    ("PUT /api/v1/persons/{id}/igu/{course}", Rule::BusinessConsultant),
    ("GET /api/v1/persons/{id}/work-duty-reductions", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/work-duty-reductions", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}/matches", Rule::PersonReader),
    ("GET /api/v1/persons/{id}/myplan", Rule::MyPlan),
    ("GET /api/v1/persons/{id}/myplan.pdf", Rule::MyPlan),
    ("GET /api/v1/persons/{id}/offer-matches", Rule::PersonReader),
    ("GET /api/v1/persons/{id}/outcomes", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/outcomes", Rule::PersonWriter),
    ("DELETE /api/v1/persons/{id}/outcomes/{outcome}", Rule::PersonWriter),
    ("PUT /api/v1/persons/{id}/outcomes/{outcome}", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}/participations", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/participations", Rule::PersonWriter),
    ("GET /api/v1/persons/{id}/schedule", Rule::PersonReader),
    ("GET /api/v1/persons/{id}/status", Rule::PersonReader),
    ("POST /api/v1/persons/{id}/status", Rule::PersonWriter),
    ("DELETE /api/v1/persons/{id}/status/{period}", Rule::PersonWriter),
    ("PATCH /api/v1/persons/{id}/status/{period}", Rule::PersonWriter),
    ("GET /api/v1/plan-settings", Rule::AdminOrPersonReader),
    ("PUT /api/v1/plan-settings", Rule::Admin),
    ("GET /api/v1/referrals", Rule::PersonReader),
    ("POST /api/v1/referrals", Rule::PersonReader),
    ("POST /api/v1/referrals/{id}/decision", Rule::ReferralRecipient),
    ("GET /api/v1/regions/{code}/danish-education/demand", Rule::Regional),
    ("GET /api/v1/reports", Rule::Reports),
    ("GET /api/v1/reports/{id}", Rule::Reports),
    ("GET /api/v1/translations/{lang}", Rule::MunicipalStaff),
    ("GET /api/v1/visits", Rule::PersonWriter),
    ("GET /api/v1/visits/offline", Rule::PersonWriter),
    ("GET /besoeg", Rule::PersonWriter),
    ("GET /besoeg/offline", Rule::PersonWriter),
    ("GET /beskaeftigelse", Rule::PersonReader),
    ("GET /beskaeftigelse/dialog", Rule::PersonReader),
    ("GET /beskaeftigelse/igu", Rule::PersonReader),
    ("POST /beskaeftigelse/dialog", Rule::BusinessConsultant),
    ("POST /beskaeftigelse/dialog/{id}/udfoert", Rule::BusinessConsultant),
    ("POST /beskaeftigelse/matchforslag", Rule::BusinessConsultant),
    ("POST /beskaeftigelse/par/{id}", Rule::BusinessConsultant),
    ("GET /beskaeftigelse/personer/{id}", Rule::PersonReader),
    ("POST /beskaeftigelse/personer/{id}", Rule::BusinessOrWriter),
    ("POST /beskaeftigelse/personer/{id}/igu", Rule::BusinessConsultant),
    ("POST /beskaeftigelse/personer/{id}/igu/{course}", Rule::BusinessConsultant),
    ("POST /beskaeftigelse/personer/{id}/arbejdspligt", Rule::PersonWriter),
    ("GET /beskaeftigelse/tilbud", Rule::PersonReader),
    ("POST /beskaeftigelse/tilbud", Rule::BusinessConsultant),
    ("GET /beskaeftigelse/tilbud/{id}", Rule::PersonReader),
    ("POST /beskaeftigelse/tilbud/{id}", Rule::BusinessConsultant),
    ("GET /beskaeftigelse/virksomheder", Rule::PersonReader),
    ("POST /beskaeftigelse/virksomheder", Rule::BusinessConsultant),
    ("GET /beskaeftigelse/virksomheder/{id}", Rule::PersonReader),
    ("POST /beskaeftigelse/virksomheder/{id}", Rule::BusinessConsultant),
    ("POST /beskaeftigelse/virksomheder/{id}/kontakter", Rule::BusinessConsultant),
    ("GET /boern", Rule::PersonReader),
    ("GET /boern/barn/{id}", Rule::PersonReader),
    ("POST /boern/barn/{id}/kontakter", Rule::DaycareOrWriter),
    ("POST /boern/barn/{id}/perioder", Rule::DaycareOrWriter),
    ("GET /boern/barn/{id}/perioder/{period}", Rule::PersonReader),
    ("POST /boern/barn/{id}/perioder/{period}", Rule::DaycareOrWriter),
    ("POST /boern/barn/{id}/perioder/{period}/slet", Rule::DaycareOrWriter),
    ("GET /boern/underretninger", Rule::PersonReader),
    ("POST /boern/underretninger", Rule::PersonReader),
    ("GET /boern/underretninger/ny", Rule::PersonReader),
    ("GET /boern/underretninger/{id}", Rule::ConcernNoteReader),
    ("POST /boern/underretninger/{id}/behandling", Rule::ChildrenAndFamily),
    ("GET /bolig", Rule::Housing),
    ("GET /prognose", Rule::ManagerOrHousingOfficer),
    ("GET /prognose/eksport", Rule::ManagerOrHousingOfficer),
    ("GET /prognose/kapacitet", Rule::ManagerOrHousingOfficer),
    ("POST /prognose/kapacitet", Rule::ManagerOrHousingOfficer),
    ("GET /bolig/boliger", Rule::Housing),
    ("POST /bolig/boliger", Rule::Housing),
    ("POST /bolig/boliger/fil", Rule::Housing),
    ("GET /bolig/beskaeftigelse", Rule::Housing),
    ("POST /bolig/beskaeftigelse/model", Rule::Housing),
    ("POST /bolig/beskaeftigelse/vaegt", Rule::Housing),
    ("POST /bolig/boliger/{code}/slet", Rule::Housing),
    ("POST /bolig/forslag", Rule::Housing),
    ("GET /bolig/husstande", Rule::Housing),
    ("POST /bolig/husstande", Rule::Housing),
    ("GET /bolig/kvoter", Rule::AnyStaff),
    ("POST /bolig/kvoter", Rule::AnyStaff),
    ("POST /bolig/omraader/{code}/slet", Rule::Housing),
    ("POST /bolig/placeringer/{id}/frigiv", Rule::Housing),
    ("POST /bolig/placeringer/{id}/godkend", Rule::Housing),
    ("POST /bolig/placeringer/{id}/tilsidesaet", Rule::Housing),
    ("GET /borger", Rule::Citizen),
    ("POST /borger/link", Rule::LoginForm),
    ("GET /borger/link/{token}", Rule::Public),
    ("GET /borger/plan/{id}", Rule::Citizen),
    ("POST /borger/plan/{id}/laest", Rule::Citizen),
    ("GET /borger/plan/{id}/pdf", Rule::Citizen),
    ("POST /borger/sprog", Rule::Citizen),
    ("GET /civilsamfund", Rule::Municipal),
    ("GET /civilsamfund/fritidspas", Rule::MunicipalStaff),
    ("POST /civilsamfund/fritidspas/indstillinger", Rule::ManagerOrAdmin),
    ("POST /civilsamfund/fritidspas/{id}/brugt", Rule::PersonWriter),
    ("GET /civilsamfund/henvisninger", Rule::OrganisationOrWriter),
    ("GET /civilsamfund/henvisninger/{id}", Rule::OrganisationOrWriter),
    ("POST /civilsamfund/henvisninger/{id}/deltagelse", Rule::OrganisationOrWriter),
    ("POST /civilsamfund/henvisninger/{id}/svar", Rule::Organisation),
    ("POST /civilsamfund/organisationer", Rule::RegistryKeeper),
    ("GET /civilsamfund/organisationer/{id}", Rule::Municipal),
    ("POST /civilsamfund/organisationer/{id}", Rule::OrganisationEditor),
    ("POST /civilsamfund/organisationer/{id}/brugere", Rule::Admin),
    ("POST /civilsamfund/organisationer/{id}/kontakter", Rule::OrganisationEditor),
    ("POST /civilsamfund/organisationer/{id}/tilbud", Rule::OrganisationEditor),
    ("GET /civilsamfund/personer/{id}", Rule::PersonReader),
    ("POST /civilsamfund/personer/{id}/deltagelse", Rule::PersonWriter),
    ("POST /civilsamfund/personer/{id}/fritidspas", Rule::PersonWriter),
    ("POST /civilsamfund/personer/{id}/henvisning", Rule::PersonWriter),
    ("GET /civilsamfund/tilbud", Rule::Municipal),
    ("GET /civilsamfund/tilbud/{id}", Rule::Municipal),
    ("POST /civilsamfund/tilbud/{id}", Rule::OrganisationEditor),
    ("GET /danskuddannelse", Rule::DanishEducationOverview),
    ("GET /danskuddannelse/fremmoede", Rule::LanguageCentre),
    ("POST /danskuddannelse/fremmoede", Rule::LanguageCentre),
    ("GET /danskuddannelse/region", Rule::Regional),
    ("GET /danskuddannelse/region/eksport", Rule::Regional),
    ("GET /familier", Rule::PersonReader),
    ("POST /familier/ny", Rule::PersonWriter),
    ("GET /familier/{id}", Rule::PersonReader),
    ("GET /familier/{id}/plan", Rule::PersonReader),
    ("GET /familier/{id}/plan/indsats", Rule::PersonReader),
    ("POST /familier/{id}/plan/indsats", Rule::PersonWriter),
    ("POST /familier/{id}/besoeg", Rule::PersonWriter),
    ("POST /familier/{id}/besoeg/fjern", Rule::PersonWriter),
    ("POST /familier/{id}/plan/maal", Rule::PersonWriter),
    ("GET /familier/{id}/plan/versioner", Rule::PersonReader),
    ("POST /familier/{id}/plan/versioner/gendan", Rule::PersonWriter),
    ("GET /frister", Rule::PersonReader),
    ("GET /frister.csv", Rule::PersonReader),
    ("GET /healthz", Rule::Public),
    ("GET /henvisninger", Rule::PersonReader),
    ("POST /henvisninger", Rule::PersonReader),
    ("POST /henvisninger/{id}/afgoerelse", Rule::ReferralRecipient),
    ("GET /integrationsraad", Rule::Municipal),
    ("GET /integrationsraad/anbefalinger/ny", Rule::ManagerOrAdmin),
    ("POST /integrationsraad/anbefalinger/ny", Rule::ManagerOrAdmin),
    ("GET /integrationsraad/anbefalinger/{id}", Rule::Municipal),
    ("POST /integrationsraad/anbefalinger/{id}/opfoelgning", Rule::ManagerOrAdmin),
    ("POST /integrationsraad/anbefalinger/{id}/opfoelgning/{follow_up}/udfoert", Rule::Admin),
    ("POST /integrationsraad/anbefalinger/{id}/status", Rule::ManagerOrAdmin),
    ("GET /integrationsraad/medlemmer/ny", Rule::ManagerOrAdmin),
    ("POST /integrationsraad/medlemmer/ny", Rule::ManagerOrAdmin),
    ("GET /integrationsraad/medlemmer/{id}", Rule::ManagerOrAdmin),
    ("POST /integrationsraad/medlemmer/{id}", Rule::ManagerOrAdmin),
    ("GET /integrationsraad/moeder/ny", Rule::ManagerOrAdmin),
    ("POST /integrationsraad/moeder/ny", Rule::ManagerOrAdmin),
    ("GET /integrationsraad/moeder/{id}", Rule::Municipal),
    ("GET /integrationsraad/moeder/{id}/dagsorden.pdf", Rule::Municipal),
    ("POST /integrationsraad/moeder/{id}/offentliggoer", Rule::ManagerOrAdmin),
    ("POST /integrationsraad/moeder/{id}/punkter", Rule::ManagerOrAdmin),
    ("POST /integrationsraad/moeder/{id}/punkter/{item}/referat", Rule::ManagerOrAdmin),
    ("GET /integrationsraad/moeder/{id}/referat.pdf", Rule::Municipal),
    ("GET /integrationsraad/offentlig/{code}", Rule::Public),
    ("GET /integrationsraad/offentlig/{code}/moeder/{id}/dagsorden.pdf", Rule::Public),
    ("GET /integrationsraad/offentlig/{code}/moeder/{id}/referat.pdf", Rule::Public),
    ("GET /koordinator", Rule::PersonReader),
    ("GET /login", Rule::Public),
    ("GET /login/oidc/{name}", Rule::NoSignOnProvider),
    ("GET /login/oidc/{name}/callback", Rule::NoSignOnProvider),
    ("POST /login", Rule::LoginForm),
    ("POST /logout", Rule::AnyUser),
    ("GET /maal", Rule::GoalsAndComparisons),
    ("POST /maal", Rule::Manager),
    ("GET /maal/eksport", Rule::OwnStaff),
    ("GET /maal/partnerskab", Rule::GoalsAndComparisons),
    ("GET /maal/partnerskab/eksport", Rule::GoalsAndComparisons),
    ("GET /moduler/{slug}", Rule::Nobody),
    ("POST /notifikationer/{id}/laest", Rule::NotificationRecipient),
    ("GET /oversaettelser", Rule::Translator),
    ("POST /oversaettelser/forslag/{id}", Rule::Admin),
    ("GET /oversaettelser/{lang}", Rule::Translator),
    ("GET /oversaettelser/{lang}/eksempel.pdf", Rule::Translator),
    ("GET /oversaettelser/{lang}/eksport.ftl", Rule::Translator),
    ("GET /oversaettelser/{lang}/{key}", Rule::Translator),
    ("POST /oversaettelser/{lang}/{key}", Rule::Translator),
    ("GET /personer", Rule::PersonReader),
    ("GET /personer/ny", Rule::PersonWriter),
    ("POST /personer/ny", Rule::PersonWriter),
    ("GET /personer/{id}", Rule::PersonReader),
    ("POST /personer/{id}/danskuddannelse", Rule::PersonWriter),
    ("GET /personer/{id}/danskuddannelse/ny", Rule::PersonWriter),
    ("POST /personer/{id}/danskuddannelse/proever", Rule::LanguageCentreOrWriter),
    ("GET /personer/{id}/danskuddannelse/{course}", Rule::PersonWriter),
    ("POST /personer/{id}/danskuddannelse/{course}", Rule::PersonWriter),
    ("POST /personer/{id}/haendelser", Rule::PersonWriter),
    ("POST /personer/{id}/kontakt", Rule::PersonWriter),
    ("GET /personer/{id}/minplan", Rule::PersonReader),
    ("POST /personer/{id}/minplan/link", Rule::PersonWriter),
    ("GET /minplan/engangslink", Rule::PersonWriter),
    ("POST /minplan/engangslink", Rule::PersonWriter),
    ("GET /personer/{id}/rediger", Rule::PersonWriter),
    ("POST /personer/{id}/rediger", Rule::PersonWriter),
    ("GET /personer/{id}/haendelser/{event}", Rule::PersonWriter),
    ("POST /personer/{id}/haendelser/{event}", Rule::PersonWriter),
    ("POST /personer/{id}/haendelser/{event}/slet", Rule::PersonWriter),
    ("POST /personer/{id}/resultater", Rule::PersonWriter),
    ("GET /personer/{id}/resultater/{outcome}", Rule::PersonWriter),
    ("POST /personer/{id}/resultater/{outcome}", Rule::PersonWriter),
    ("POST /personer/{id}/resultater/{outcome}/slet", Rule::PersonWriter),
    ("GET /personer/{id}/samtykke", Rule::PersonReader),
    ("POST /personer/{id}/samtykke", Rule::PersonWriter),
    ("POST /personer/{id}/samtykke/{cid}/tilbagekald", Rule::PersonWriter),
    ("POST /personer/{id}/status", Rule::PersonWriter),
    ("GET /personer/{id}/status/{period}", Rule::PersonWriter),
    ("POST /personer/{id}/status/{period}", Rule::PersonWriter),
    ("POST /personer/{id}/status/{period}/afslut", Rule::PersonWriter),
    ("POST /personer/{id}/status/{period}/slet", Rule::PersonWriter),
    ("GET /rapporter", Rule::Reports),
    ("POST /rapporter/abonnementer", Rule::Manager),
    ("POST /rapporter/abonnementer/{id}/slet", Rule::Manager),
    ("GET /rapporter/{id}", Rule::Reports),
    ("GET /rapporter/{id}/eksport", Rule::Reports),
    ("GET /readyz", Rule::Public),
    ("GET /sekretariat", Rule::Secretariat),
    ("POST /sekretariat/medlemmer", Rule::Secretariat),
    ("POST /sekretariat/moeder", Rule::Secretariat),
    ("POST /sekretariat/noter", Rule::Secretariat),
    ("POST /sekretariat/partnerskaber", Rule::Secretariat),
    ("POST /sekretariat/udmeldelser", Rule::Secretariat),
    ("GET /static/{*path}", Rule::Public),
    ("GET /viden", Rule::AnyStaff),
    ("GET /viden/gennemgang", Rule::Secretariat),
    ("GET /viden/mine", Rule::Municipal),
    ("GET /viden/ny", Rule::KnowledgeDrafter),
    ("POST /viden/ny", Rule::KnowledgeDrafter),
    ("GET /viden/{id}", Rule::KnowledgeMethod),
    ("POST /viden/{id}/afgoerelse", Rule::KnowledgeReview),
    ("POST /viden/{id}/bilag", Rule::KnowledgeDrafter),
    ("GET /viden/{id}/bilag/{attachment}", Rule::KnowledgeMethod),
    ("POST /viden/{id}/indsend", Rule::Manager),
    ("POST /viden/{id}/kommentarer", Rule::KnowledgeMethod),
    ("POST /viden/{id}/ny-version", Rule::KnowledgeDrafter),
    ("GET /viden/{id}/rediger", Rule::KnowledgeDrafter),
    ("POST /viden/{id}/rediger", Rule::KnowledgeDrafter),
];

/// Every (METHOD, PATH) the router serves, read from its source.
fn routes() -> Vec<(String, String)> {
    let mut out = Vec::new();
    // Each `.route(` call up to its closing parenthesis, however rustfmt wraps it.
    let mut rest = ROUTER;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + 7..];
        let mut depth = 1;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map_or(rest.len(), |(i, _)| i);
        let call = &rest[..end];
        let Some(open) = call.find('"') else { continue };
        let path = &call[open + 1..];
        let path = path[..path.find('"').unwrap()].to_string();
        let handlers = &call[open + 2 + path.len()..];
        for method in ["get", "post", "put", "patch", "delete"] {
            let needle = format!("{method}(");
            let mut from = 0;
            while let Some(i) = handlers[from..].find(&needle) {
                let i = from + i;
                let before = handlers[..i].chars().last().unwrap_or(' ');
                if !(before.is_alphanumeric() || before == '_') {
                    out.push((method.to_uppercase(), path.clone()));
                }
                from = i + needle.len();
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// One municipality's users and objects.
struct Side {
    code: &'static str,
    tokens: BTreeMap<Who, String>,
    users: BTreeMap<Who, i64>,
    browsers: BTreeMap<Who, Browser>,
    ids: BTreeMap<&'static str, String>,
    /// Objects made for one destructive request each (see [`refresh`]).
    fresh: BTreeMap<&'static str, String>,
    /// The seeded persons (adult, child, the hidden adult).
    persons: Vec<i64>,
}

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// The id in a created object's answer (`field`), or a loud note.
fn created(what: &str, r: &Reply, field: &str) -> Option<String> {
    if !r.status.is_success() && r.status != StatusCode::SEE_OTHER {
        eprintln!("seeding {what} failed: {} {}", r.status, r.body);
        return None;
    }
    let v = r.json();
    let mut at = &v;
    for part in field.split('/') {
        at = match part.parse::<usize>() {
            Ok(n) => &at[n],
            Err(_) => &at[part],
        };
    }
    match at {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => {
            eprintln!("seeding {what}: no {field} in {}", r.body);
            None
        }
    }
}

async fn seed(app: &TestApp, code: &'static str, serial: u32, postal: &'static str) -> Side {
    let mut tokens = BTreeMap::new();
    let mut user_ids = BTreeMap::new();
    for who in EVERYONE.into_iter().skip(1) {
        if who == Secretariat && app.store.user_by_login("sekretariat").await.unwrap().is_some() {
            let id = app.store.user_by_login("sekretariat").await.unwrap().unwrap().id;
            user_ids.insert(who, id);
            tokens.insert(who, app.token(id).await);
            continue;
        }
        let (role, department) = who.role();
        let municipality = (who != Secretariat).then_some(code);
        let id = app.staff(&who.login(code), role, municipality, department).await;
        user_ids.insert(who, id);
        tokens.insert(who, app.token(id).await);
    }
    let cw = tokens[&Caseworker].clone();
    let mut ids: BTreeMap<&'static str, String> = BTreeMap::new();
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            ids.insert(k, v);
        }
    };
    let api = |m: Method, path: String, token: &str, body: Value| {
        let token = token.to_string();
        async move { app.api(m, &path, &token, Some(body)).await }
    };
    // Two families: one shared with every department, one hidden from all of them.
    let family = created("family", &api(Method::POST, "/api/v1/families".into(), &cw, json!({"name": "Familien Haddad"})).await, "id").unwrap();
    let hidden_family = created("family", &api(Method::POST, "/api/v1/families".into(), &cw, json!({"name": "Familien Skjult"})).await, "id").unwrap();
    let mut persons = Vec::new();
    for (n, (birth, given, fam, role)) in
        [("010185", "Amal", &family, "adult"), ("010120", "Sami", &family, "child"), ("010186", "Hemmelig", &hidden_family, "adult")].into_iter().enumerate()
    {
        let family_name = if fam == &family { "Haddad" } else { "Skjult" };
        // The seventh digit gives the century: 4 with a year under 37 is the 2000s.
        let serial = if role == "child" { serial + 3000 + n as u32 } else { serial + n as u32 };
        let body = json!({"cpr": format!("{birth}-{serial}"), "given_name": given, "family_name": family_name, "sex": "female",
            "nationality": "Syrien", "languages": "ar", "residence_basis": "refugee", "family_id": fam.parse::<i64>().unwrap(), "family_role": role,
            "arrival_date": "2026-02-01", "takeover_date": "2026-04-01"});
        persons.push(created("person", &api(Method::POST, "/api/v1/persons".into(), &cw, body).await, "id").unwrap().parse::<i64>().unwrap());
    }
    let (adult, child, hidden) = (persons[0], persons[1], persons[2]);
    put("family", Some(family.clone()));
    put("hidden_family", Some(hidden_family.clone()));
    put("adult", Some(adult.to_string()));
    put("child", Some(child.to_string()));
    put("hidden", Some(hidden.to_string()));
    // A plan with an action of every department for the whole family.
    let actions: Vec<Value> = ["jobcenter", "born_og_familie", "dagtilbud_og_skole", "sundhed", "sprogcenter", "virksomhedsservice", "bolig"]
        .iter()
        .map(|d| json!({"title": format!("Indsats {d}"), "department": d, "responsible_name": "Camilla", "start_date": "2026-05-01", "status": "active"}))
        .collect();
    let plan = json!({"based_on_version": 0, "reason": "Første familiemøde", "plan": {"goals": [
        {"life_area": "faellesskab_og_fritid", "text": "Familien finder en forening", "actions": actions},
        {"life_area": "beskaeftigelse", "person_id": adult, "text": "Amal i job", "actions": []}]}});
    let r = api(Method::PUT, format!("/api/v1/families/{family}/plan"), &cw, plan).await;
    put("goal", created("plan", &r, "plan/goals/0/id"));
    put("action", created("plan", &r, "plan/goals/0/actions/0/id"));
    // The hidden family's plan has a job goal for the hidden adult and nothing else.
    let hidden_plan = json!({"based_on_version": 0, "reason": "Første samtale", "plan": {"goals": [
        {"life_area": "beskaeftigelse", "person_id": hidden, "text": "Fortroligt mål", "actions": [
            {"title": "Samtale", "department": "jobcenter", "responsible_name": "Jens", "start_date": "2026-05-01", "status": "active"}]}]}});
    let r = api(Method::PUT, format!("/api/v1/families/{hidden_family}/plan"), &cw, hidden_plan).await;
    put("hidden_goal", created("hidden plan", &r, "plan/goals/0/id"));
    // Civil society: an organisation with an offer, a consent naming it, a referral to it.
    let org = created(
        "organisation",
        &api(Method::POST, "/api/v1/organisations".into(), &cw, json!({"kind": "association", "name": format!("Boldklubben {code}"), "postal_code": postal}))
            .await,
        "id",
    );
    put("organisation", org.clone());
    let org = org.unwrap_or_default();
    app.store.set_organisation_user(&Tenant::trusted(code), user_ids[&Volunteer], org.parse().unwrap_or(0)).await.unwrap();
    let offer = json!({"organisation_id": org.parse::<i64>().unwrap_or(0), "kind": "sports_leisure", "title": "Fodbold", "min_age": 3, "max_age": 80, "postal_code": postal,
        "languages": "ar", "slots": "2 16:00-17:00", "price_kr": 0, "seats": 10});
    put("offer", created("offer", &api(Method::POST, "/api/v1/offers".into(), &cw, offer).await, "id"));
    let consent = json!({"scopes": ["plan"], "departments": ["sundhed"], "organisations": [{"organisation_id": org.parse::<i64>().unwrap_or(0), "scopes": ["profile"]}],
        "purpose": "Samarbejde", "given_on": today(), "how_given": "written"});
    let consent = created("consent", &api(Method::POST, format!("/api/v1/persons/{adult}/consents"), &cw, consent).await, "id");
    put("consent", consent.clone());
    let referral = json!({"person_id": adult, "consent_id": consent.unwrap_or_default().parse::<i64>().unwrap_or(0), "organisation_id": org.parse::<i64>().unwrap_or(0),
        "shared": [], "contact": "tlf. 12 34 56 78", "note": "Vil gerne spille fodbold"});
    put("offer_referral", created("offer referral", &api(Method::POST, "/api/v1/offer-referrals".into(), &cw, referral).await, "id"));
    let settings = json!({"income_limit": "201228", "extra_per_child": "7000", "max_fee": "1500", "max_equipment": "500", "yearly_budget": "50000"});
    let r = api(Method::PUT, "/api/v1/fritidspas/settings".into(), &tokens[&Manager], settings).await;
    if !r.status.is_success() {
        eprintln!("seeding fritidspas settings failed: {} {}", r.status, r.body);
    }
    put(
        "grant",
        created(
            "fritidspas",
            &api(Method::POST, "/api/v1/fritidspas".into(), &cw, json!({"person_id": child, "household_income": "150000", "fee": "1000"})).await,
            "id",
        ),
    );
    // A referral between departments; a notification for the caseworker.
    put(
        "referral",
        created(
            "referral",
            &api(Method::POST, "/api/v1/referrals".into(), &cw, json!({"person_id": adult, "to_department": "dagtilbud_og_skole", "reason": "Barn på vej"}))
                .await,
            "id",
        ),
    );
    for _ in 0..2 {
        app.store.notify(&Tenant::trusted(code), user_ids[&Caseworker], Some(family.parse().unwrap()), "Planen er ændret", None).await.unwrap();
    }
    let notes = app.store.notifications(&Tenant::trusted(code), &samplan::store::access::Reach::All, user_ids[&Caseworker], 10).await.unwrap();
    put("notification", notes.first().map(|n| n.id.to_string()));
    put("notification_page", notes.get(1).map(|n| n.id.to_string()));
    // Children: a concern note and a daycare period.
    put(
        "concern_note",
        created(
            "concern note",
            &api(Method::POST, "/api/v1/concern-notes".into(), &cw, json!({"child_id": child, "concern": "Barnet virker bekymret"})).await,
            "id",
        ),
    );
    let since = (chrono::Local::now().date_naive() - chrono::Days::new(100)).to_string();
    let period = json!({"kind": "kindergarten", "institution": "Børnehaven Kastanjen", "from": since});
    put("childcare_period", created("childcare period", &api(Method::POST, format!("/api/v1/persons/{child}/childcare/periods"), &cw, period).await, "id"));
    // Status and outcomes; Danish education.
    put(
        "status_period",
        created("status", &api(Method::POST, format!("/api/v1/persons/{adult}/status"), &cw, json!({"kind": "association", "from": "2025-09-01"})).await, "id"),
    );
    let outcome = json!({"kind": "du_module_passed", "date": "2025-09-01", "note": "Modul 1"});
    put("outcome", created("outcome", &api(Method::POST, format!("/api/v1/persons/{adult}/outcomes"), &cw, outcome).await, "id"));
    // A case event dated before every other, so it is the first the list answers.
    api(Method::POST, format!("/api/v1/persons/{adult}/events"), &cw, json!({"kind": "du_referral", "date": "2000-01-01"})).await;
    put("event", created("event", &api(Method::GET, format!("/api/v1/persons/{adult}/events"), &cw, Value::Null).await, "0/id"));
    let course = json!({"learner": "integration", "referred_on": "2026-02-01", "language_centre": "Sprogcenter", "track": "du2", "hours_per_week": 15});
    put("du_course", created("DU course", &api(Method::POST, format!("/api/v1/persons/{adult}/danish-education"), &cw, course).await, "id"));
    // Employment: a company, an opening, an IGU course, a dialogue, a proposal.
    let consultant = tokens[&Business].clone();
    let cvr = if code == "0316" { "25313763" } else { "10000009" };
    let company = json!({"cvr": cvr, "name": format!("Kantinen {code}"), "industry": "I", "street": "Ahlgade 1", "postal_code": postal, "staff_count": "20"});
    let company = created("company", &api(Method::POST, "/api/v1/companies".into(), &consultant, company).await, "id");
    put("company", company.clone());
    let company = company.unwrap_or_default();
    let opening = json!({"company_id": company, "kind": "igu", "title": "Køkkenmedhjælper", "start": "2026-01-05", "weekly_hours": "25",
        "slots": "1 08:00-13:00", "seats": "2", "skills": "opvask", "danish": "DU1 2", "languages": "da, ar"});
    put("opening", created("opening", &api(Method::POST, "/api/v1/openings".into(), &consultant, opening).await, "id"));
    put(
        "igu",
        created(
            "IGU",
            &api(Method::POST, format!("/api/v1/persons/{adult}/igu"), &consultant, json!({"company_id": company, "start": "2026-01-05"})).await,
            "id",
        ),
    );
    let dialogue = json!({"company_id": company, "day": today(), "who": "Lone", "what": "To IGU-pladser", "follow_up": today()});
    put("dialogue", created("dialogue", &api(Method::POST, "/api/v1/employment/dialogue".into(), &consultant, dialogue).await, "id"));
    let profile = json!({"skills": "opvask", "experience": "Køkken", "isco_major": "9", "education_level": "primary", "danish": "DU2 3", "hours_available": "37", "job_ready": "1"});
    let r = api(Method::PUT, format!("/api/v1/persons/{adult}/employment-profile"), &consultant, profile).await;
    if !r.status.is_success() {
        eprintln!("seeding employment profile failed: {} {}", r.status, r.body);
    }
    let r = app.api(Method::POST, "/api/v1/employment/proposals", &consultant, None).await;
    put("proposal", created("proposal", &r, "id"));
    put("pair", created("pair", &r, "pairs/0/id"));
    // Housing: an area, a unit, the family on the waiting list, a proposal.
    let area = format!("N{code}");
    let unit = format!("U{code}");
    let areas = json!([{"code": area, "name": "Nord", "listed": 0, "existing_households": 0}]);
    created("areas", &api(Method::POST, "/api/v1/housing/areas".into(), &cw, areas).await, "0/code");
    let units = json!([{"code": unit, "area_code": area, "rooms": 3, "rent": 6000, "accessible": 1, "tenure": "permanent", "lat": 55.70, "lon": 11.70}]);
    created("units", &api(Method::POST, "/api/v1/housing/units".into(), &cw, units).await, "0/code");
    put("home_area", Some(area.clone()));
    put("area", Some(area));
    put("unit", Some(unit));
    let need = json!({"max_rent": 9000, "needs_accessible": false, "anchors": "55.715:11.713"});
    let r = api(Method::PUT, format!("/api/v1/housing/households/{family}"), &cw, need).await;
    if !r.status.is_success() {
        eprintln!("seeding household failed: {} {}", r.status, r.body);
    }
    let r = app.api(Method::POST, "/api/v1/housing/proposals", &cw, None).await;
    if !r.status.is_success() {
        eprintln!("seeding housing proposal failed: {} {}", r.status, r.body);
    }
    // Council: a member, a published meeting with an item, a recommendation with a follow-up.
    let manager = tokens[&Manager].clone();
    let member =
        json!({"name": "Rådsmedlem Et", "nominated_by": "Forening", "election_period": "2026-2029", "term_from": "2026-01-01", "term_to": "2029-12-31"});
    put("member", created("member", &api(Method::POST, "/api/v1/council/members".into(), &manager, member).await, "id"));
    let meeting = json!({"held_on": "2026-03-12", "starts_at": "16:00", "place": "Rådhuset", "items": [{"title": "Beskæftigelse for kvinder"}]});
    let r = api(Method::POST, "/api/v1/council/meetings".into(), &manager, meeting).await;
    let meeting = created("meeting", &r, "id");
    put("meeting", meeting.clone());
    put("item", created("item", &r, "items/0/id"));
    let rec = json!({"meeting_id": meeting.clone().unwrap_or_default(), "title": "Flere praktikpladser", "body": "Rådet anbefaler …", "department": "jobcenter",
        "status": "sent", "sent_on": "2026-03-20", "follow_ups": [{"due": "2026-06-01", "note": "Svar"}]});
    let r = api(Method::POST, "/api/v1/council/recommendations".into(), &manager, rec).await;
    put("recommendation", created("recommendation", &r, "id"));
    put("follow_up", created("follow-up", &r, "follow_ups/0/id"));
    // Knowledge: a method (a draft) with an attachment.
    let method = json!({"title": format!("Sprogmakker {code}"), "summary": "Deltagerne lærer dansk på arbejdspladsen to formiddage om ugen sammen med en kollega.",
        "target_group": "nyankomne", "life_area": "sprog", "theme": "danskkundskaber", "evidence_level": "lovende",
        "results": "42 deltog i 2025; 31 bestod modultest 3.", "contact": "Jobcentret"});
    let method = created("method", &api(Method::POST, "/api/v1/knowledge/methods".into(), &cw, method).await, "method_id");
    if let Some(m) = &method {
        let a = app.store.add_method_attachment(m.parse().unwrap(), 1, "noter.txt", "text/plain", b"noter", "x").await;
        put("attachment", a.ok().map(|a| a.to_string()));
    }
    if let Some(m) = &method {
        let r = app.api(Method::POST, &format!("/api/v1/knowledge/methods/{m}/submit"), &tokens[&Manager], Some(json!({}))).await;
        if !r.status.is_success() {
            eprintln!("submitting the method failed: {} {}", r.status, r.body);
        }
    }
    put("method", method);
    // A report subscription of the manager; a translator's proposal; the citizen.
    let sub = app.store.add_report_subscription(&Tenant::trusted(code), user_ids[&Manager], "deadlines", "monthly").await;
    put("subscription", sub.ok().map(|s| s.to_string()));
    app.store.set_translator_language(&Tenant::trusted(code), user_ids[&Translator], "ar").await.unwrap();
    app.store.create_citizen_account(&Tenant::trusted(code), user_ids[&Citizen], adult, "ar").await.unwrap();
    let mut browsers = BTreeMap::new();
    for who in EVERYONE.into_iter().skip(1) {
        browsers.insert(who, app.login(&who.login(code)).await);
    }
    let r = app.post_form("/oversaettelser/ar/goals", &browsers[&Translator], &[("text", "مقاصدي")]).await;
    if r.status != StatusCode::SEE_OTHER {
        eprintln!("seeding translation failed: {} {}", r.status, r.body);
    }
    put("translation", app.store.translations(&Tenant::trusted(code), "ar").await.unwrap().first().map(|t| t.id.to_string()));
    if let Some(m) = ids.get("meeting") {
        let r = app.post_form(&format!("/integrationsraad/moeder/{m}/offentliggoer"), &browsers[&Manager], &[("published", "1")]).await;
        if r.status != StatusCode::SEE_OTHER {
            eprintln!("publishing the meeting failed: {} {}", r.status, r.body);
        }
    }
    Side { code, tokens, users: user_ids, browsers, ids, fresh: BTreeMap::new(), persons }
}

/// The object a path parameter names, by the route it is in. `None`: a parameter that
/// is not an object of a municipality (a language, a report, a static file).
fn object_of(path: &str, param: &str) -> Option<&'static str> {
    let under = |p: &str| path.starts_with(p);
    Some(match param {
        "cid" => "consent",
        "action_id" => "action",
        "period" if path.contains("/childcare/") || path.contains("/perioder/") => "childcare_period",
        "period" => "status_period",
        "outcome" => "outcome",
        "event" => "event",
        "course" if path.contains("igu") => "igu",
        "course" => "du_course",
        "item" => "item",
        "follow_up" => "follow_up",
        "attachment" => "attachment",
        "household" => "family",
        "code" if under("/bolig/boliger/") => "unit",
        "code" if under("/bolig/omraader/") => "area",
        "code" if under("/api/v1/regions/") => "region",
        "code" if under("/integrationsraad/offentlig/") => "municipality",
        "id" if under("/personer/") || under("/api/v1/persons/") || under("/civilsamfund/personer/") || under("/beskaeftigelse/personer/") => {
            if path.contains("childcare") { "child" } else { "adult" }
        }
        "id" if under("/boern/barn/") || under("/borger/plan/") => {
            if under("/boern/") {
                "child"
            } else {
                "adult"
            }
        }
        "id" if under("/familier/") || under("/api/v1/families/") => "family",
        "id" if under("/bolig/placeringer/") => "family",
        "id" if under("/oversaettelser/forslag/") => "translation",
        "id" if under("/viden/") || under("/api/v1/knowledge/methods/") => "method",
        "id" if under("/integrationsraad/medlemmer/") || under("/api/v1/council/members/") => "member",
        "id" if under("/integrationsraad/moeder/") || under("/api/v1/council/meetings/") || under("/integrationsraad/offentlig/") => "meeting",
        "id" if under("/integrationsraad/anbefalinger/") || under("/api/v1/council/recommendations/") => "recommendation",
        "id" if under("/civilsamfund/organisationer/") || under("/api/v1/organisations/") => "organisation",
        "id" if under("/civilsamfund/tilbud/") || under("/api/v1/offers/") => "offer",
        "id" if under("/civilsamfund/henvisninger/") || under("/api/v1/offer-referrals/") => "offer_referral",
        "id" if under("/civilsamfund/fritidspas/") || under("/api/v1/fritidspas/") => "grant",
        "id" if under("/henvisninger/") || under("/api/v1/referrals/") => "referral",
        "id" if under("/notifikationer/") => "notification_page",
        "id" if under("/api/v1/notifications/") => "notification",
        "id" if under("/boern/underretninger/") || under("/api/v1/concern-notes/") => "concern_note",
        "id" if under("/rapporter/abonnementer/") => "subscription",
        "id" if under("/beskaeftigelse/virksomheder/") || under("/api/v1/companies/") => "company",
        "id" if under("/beskaeftigelse/tilbud/") || under("/api/v1/openings/") => "opening",
        "id" if under("/beskaeftigelse/par/") || under("/api/v1/employment/pairs/") => "pair",
        "id" if under("/api/v1/employment/proposals/") => "proposal",
        "id" if under("/beskaeftigelse/dialog/") || under("/api/v1/employment/dialogue/") => "dialogue",
        _ => return None,
    })
}

/// The value of a parameter that is not a municipality's object.
fn global_value(path: &str, param: &str) -> &'static str {
    match param {
        "lang" => "ar",
        "key" => "goals",
        "slug" => "boern",
        "path" => "app.css",
        "token" => "ukendt-link",
        "name" if path.starts_with("/login/oidc/") => "ukendt",
        "indicator" => "association_active",
        "id" if path.starts_with("/rapporter/") || path.starts_with("/api/v1/reports/") => "deadlines",
        "id" if path.starts_with("/api/v1/indicators/") => "association_active",
        _ => panic!("no value for {{{param}}} in {path}: add it to `object_of` or `global_value`"),
    }
}

/// The path with its parameters filled from `side`, and whether any parameter named a
/// municipality's object; `Err` names an object the fixture lacks.
fn fill(path: &str, side: &Side) -> Result<(String, bool), String> {
    fill_with(path, side, false)
}

/// [`fill`], taking the objects made for a destructive request where there are some.
fn fill_with(path: &str, side: &Side, fresh: bool) -> Result<(String, bool), String> {
    let mut out = String::new();
    let mut scoped = false;
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').unwrap() + open;
        let param = rest[open + 1..close].trim_start_matches('*');
        match object_of(path, param) {
            Some("municipality") => out.push_str(side.code),
            Some("region") => out.push_str(if side.code == "0316" { "1085" } else { "1082" }),
            Some(object) => {
                scoped = true;
                let made = if fresh { side.fresh.get(object) } else { None };
                out.push_str(made.or_else(|| side.ids.get(object)).ok_or_else(|| object.to_string())?);
            }
            None => out.push_str(global_value(path, param)),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok((out, scoped))
}

/// What an answer says about authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seen {
    Passed,
    Refused,
    Login,
    Broken,
}

impl Seen {
    fn letter(self, who: Who) -> char {
        match self {
            Seen::Passed => who.letter(),
            Seen::Refused => '.',
            Seen::Login => '_',
            Seen::Broken => '!',
        }
    }
}

fn classify(api: bool, route: &str, who: Who, r: &Reply) -> Seen {
    match r.status.as_u16() {
        // Logging out sends everyone to the login page.
        303 if route == "/logout" && who != Anonymous => Seen::Passed,
        401 => Seen::Login,
        403 | 404 => Seen::Refused,
        300..=399 if r.location().starts_with("/login") => Seen::Login,
        500..=599 => Seen::Broken,
        405 => Seen::Broken,
        _ if api && r.status == StatusCode::UNAUTHORIZED => Seen::Login,
        _ => Seen::Passed,
    }
}

/// What a request carries.
enum Body {
    /// Nothing (reads).
    None,
    /// A JSON body (API writes).
    Json(Value),
    /// Form fields beside the CSRF token (page writes).
    Form(Vec<(String, String)>),
    /// A multipart form with an empty file (uploads).
    Multipart,
}

fn id(side: &Side, object: &str) -> i64 {
    side.ids.get(object).and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// The body a write is sent with: one the handler must refuse, so that a handler that
/// reads its body before it checks who asks shows up (decision 003: who asks before what
/// is asked). API writes get a JSON text where every body is an object or a list; page
/// writes a form with only the CSRF token; uploads an empty file. A role the rule refuses
/// must then see 403 or 404, not the body's 400/422; a role it allows sees the body
/// refused, which counts as passed.
fn body_for(method: &str, route: &str) -> Body {
    if method == "GET" {
        return Body::None;
    }
    if route.ends_with("/fil") || route.ends_with("/bilag") || route == "/bolig/beskaeftigelse/model" {
        return Body::Multipart;
    }
    if !route.starts_with("/api/") {
        return Body::Form(Vec::new());
    }
    Body::Json(json!("ikke et objekt"))
}

/// Query parameters a read needs before it looks at who asks.
fn query_for(route: &str) -> &'static str {
    match route {
        "/api/v1/persons" => "?q=haddad",
        "/api/v1/families/{id}/plan/compare" => "?from=1&to=1",
        _ => "",
    }
}

async fn request(app: &TestApp, side: &Side, who: Who, method: &str, path: &str, route: &str) -> Reply {
    let api = path.starts_with("/api/");
    let path = format!("{path}{}", query_for(route));
    let path = path.as_str();
    let body = body_for(method, route);
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    if who == Anonymous {
        let (content_type, bytes) = match &body {
            Body::None => ("", String::new()),
            Body::Json(v) => ("application/json", v.to_string()),
            Body::Form(f) => ("application/x-www-form-urlencoded", url::form_urlencoded::Serializer::new(String::new()).extend_pairs(f).finish()),
            Body::Multipart => ("application/x-www-form-urlencoded", String::new()),
        };
        let mut req = axum::http::Request::builder().method(method).uri(path);
        if !content_type.is_empty() {
            req = req.header("content-type", content_type);
        }
        return app.send(req.body(axum::body::Body::from(bytes)).unwrap()).await;
    }
    if api {
        let json = match body {
            Body::Json(v) => Some(v),
            _ => None,
        };
        return app.api(method, path, &side.tokens[&who], json).await;
    }
    let browser = &side.browsers[&who];
    match body {
        Body::None => app.get(path, Some(browser)).await,
        Body::Multipart => app.post_multipart(path, browser, &[("fil", Some("tom.csv"), b"")]).await,
        Body::Form(fields) => {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.post_form(path, browser, &fields).await
        }
        Body::Json(_) => unreachable!("pages take forms"),
    }
}

/// The seeded persons `who` can open or find through the API.
async fn readable(app: &TestApp, side: &Side, who: Who) -> BTreeSet<i64> {
    let token = &side.tokens[&who];
    let mut out = BTreeSet::new();
    for id in &side.persons {
        if app.api(Method::GET, &format!("/api/v1/persons/{id}"), token, None).await.status == StatusCode::OK {
            out.insert(*id);
        }
    }
    for q in ["haddad", "skjult"] {
        let r = app.api(Method::GET, &format!("/api/v1/persons?q={q}"), token, None).await;
        if r.status == StatusCode::OK {
            for p in r.json().as_array().into_iter().flatten() {
                out.insert(p["id"].as_i64().unwrap_or(-1));
            }
        }
    }
    // The home-visit bundle names the members of the families marked for today.
    let r = app.api(Method::GET, "/api/v1/visits/offline", token, None).await;
    if r.status == StatusCode::OK {
        for f in r.json()["families"].as_array().into_iter().flatten() {
            out.extend(f["members"].as_array().into_iter().flatten().filter_map(|m| m["id"].as_i64()).filter(|id| side.persons.contains(id)));
        }
    }
    out
}

/// Writes with real bodies that would, if allowed, link the hidden person to `who`.
async fn widening_attempts(app: &TestApp, side: &Side, who: Who) {
    let token = &side.tokens[&who];
    let hidden = &side.ids["hidden"];
    let hidden_family = &side.ids["hidden_family"];
    let department = who.role().1.unwrap_or("sundhed");
    let h: i64 = hidden.parse().unwrap();
    let mut attempts: Vec<(Method, String, Value)> = vec![
        (Method::POST, "/api/v1/referrals".into(), json!({"person_id": h, "to_department": department, "reason": "Henvist"})),
        (
            Method::POST,
            format!("/api/v1/persons/{hidden}/consents"),
            json!({"scopes": ["plan"], "departments": [department], "purpose": "Samarbejde", "given_on": today(), "how_given": "written"}),
        ),
        (Method::PUT, format!("/api/v1/housing/households/{hidden_family}"), json!({"max_rent": 9000, "needs_accessible": false, "anchors": "55.715:11.713"})),
        (Method::POST, "/api/v1/concern-notes".into(), json!({"child_id": h, "concern": "Bekymring"})),
        (
            Method::POST,
            format!("/api/v1/persons/{hidden}/danish-education"),
            json!({"learner": "integration", "referred_on": "2026-02-01", "language_centre": "Sprogcenter", "track": "du2", "hours_per_week": 15}),
        ),
        (Method::POST, format!("/api/v1/persons/{hidden}/status"), json!({"kind": "association", "from": "2025-09-01"})),
        (
            Method::POST,
            format!("/api/v1/persons/{hidden}/childcare/periods"),
            json!({"kind": "kindergarten", "institution": "Kastanjen", "from": "2025-09-01"}),
        ),
        (Method::PUT, format!("/api/v1/persons/{hidden}/employment-profile"), json!({"skills": "opvask", "danish": "DU2 3"})),
        (Method::POST, "/api/v1/fritidspas".into(), json!({"person_id": h, "household_income": "150000", "fee": "1000"})),
        (Method::PUT, format!("/api/v1/families/{hidden_family}/visit"), json!({})),
        (
            Method::POST,
            format!("/api/v1/families/{hidden_family}/visit/notes"),
            json!({"client_id": "n1", "text": "Besøg", "written_at": "2026-01-01T10:00:00Z"}),
        ),
    ];
    if let (Some(goal), Some(org), Some(consent)) = (side.ids.get("hidden_goal"), side.ids.get("organisation"), side.ids.get("consent")) {
        attempts.push((
            Method::POST,
            format!("/api/v1/families/{hidden_family}/plan/actions"),
            json!({"based_on_version": 1, "reason": "Tilføjet", "goal_id": goal.parse::<i64>().unwrap(), "action": {"title": "Støtte", "department": department,
                "responsible_name": "Camilla", "start_date": "2026-06-01", "status": "planned", "person_id": h}}),
        ));
        attempts.push((
            Method::POST,
            "/api/v1/offer-referrals".into(),
            json!({"person_id": h, "consent_id": consent.parse::<i64>().unwrap(), "organisation_id": org.parse::<i64>().unwrap(), "shared": [], "contact": "tlf. 1", "note": "x"}),
        ));
    }
    for (method, path, body) in attempts {
        app.api(method, &path, token, Some(body)).await;
    }
}

/// Replaces the objects a destructive route would remove with new ones, so that every
/// role meets one: a deleted status period answers 404 to the next role.
async fn refresh(app: &TestApp, side: &mut Side, route: &str, n: usize) {
    let cw = side.tokens[&Caseworker].clone();
    let adult = id(side, "adult");
    let child = id(side, "child");
    let area = side.ids["home_area"].clone();
    let (code, manager) = (side.code, side.users[&Manager]);
    let mut put = |k: &'static str, v: Option<String>| {
        if let Some(v) = v {
            side.fresh.insert(k, v);
        }
    };
    let params: Vec<&str> = route.split('{').skip(1).map(|p| p.split('}').next().unwrap()).collect();
    for param in params {
        match object_of(route, param) {
            Some("consent") => {
                let consent = json!({"scopes": ["plan"], "departments": ["sundhed"], "purpose": "Samarbejde", "given_on": today(), "how_given": "written"});
                put("consent", created("consent", &app.api(Method::POST, &format!("/api/v1/persons/{adult}/consents"), &cw, Some(consent)).await, "id"));
            }
            Some("status_period") => {
                let from = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + chrono::Days::new(7 * n as u64);
                let body = json!({"kind": "volunteer", "from": from.to_string(), "to": (from + chrono::Days::new(3)).to_string()});
                put("status_period", created("status", &app.api(Method::POST, &format!("/api/v1/persons/{adult}/status"), &cw, Some(body)).await, "id"));
            }
            Some("outcome") => {
                let date = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + chrono::Days::new(n as u64);
                let body = json!({"kind": "du_module_passed", "date": date.to_string(), "note": format!("Modul {n}")});
                put("outcome", created("outcome", &app.api(Method::POST, &format!("/api/v1/persons/{adult}/outcomes"), &cw, Some(body)).await, "id"));
            }
            Some("event") => {
                // Each fresh event earlier than the last, so it is the first the list answers.
                let date = chrono::NaiveDate::from_ymd_opt(1999, 12, 31).unwrap() - chrono::Days::new(n as u64);
                let body = json!({"kind": "du_referral", "date": date.to_string()});
                app.api(Method::POST, &format!("/api/v1/persons/{adult}/events"), &cw, Some(body)).await;
                put("event", created("event", &app.api(Method::GET, &format!("/api/v1/persons/{adult}/events"), &cw, None).await, "0/id"));
            }
            Some("childcare_period") => {
                // Closed periods after the child's birth, a week apart: they never overlap.
                let from = chrono::NaiveDate::from_ymd_opt(2020, 6, 1).unwrap() + chrono::Days::new(7 * n as u64);
                let body =
                    json!({"kind": "kindergarten", "institution": "Kastanjen", "from": from.to_string(), "to": (from + chrono::Days::new(3)).to_string()});
                put(
                    "childcare_period",
                    created("childcare", &app.api(Method::POST, &format!("/api/v1/persons/{child}/childcare/periods"), &cw, Some(body)).await, "id"),
                );
            }
            Some("unit") => {
                let code = format!("U{code}x{n}");
                let units =
                    json!([{"code": code, "area_code": area, "rooms": 2, "rent": 5000, "accessible": 0, "tenure": "permanent", "lat": 55.7, "lon": 11.7}]);
                created("unit", &app.api(Method::POST, "/api/v1/housing/units", &cw, Some(units)).await, "0/code");
                put("unit", Some(code));
            }
            Some("area") => {
                let code = format!("A{code}x{n}");
                let areas = json!([{"code": code, "name": format!("Område {n}"), "listed": 0, "existing_households": 0}]);
                created("area", &app.api(Method::POST, "/api/v1/housing/areas", &cw, Some(areas)).await, "0/code");
                put("area", Some(code));
            }
            Some("subscription") => {
                let sub = app.store.add_report_subscription(&Tenant::trusted(code), manager, "deadlines", "monthly").await;
                put("subscription", sub.ok().map(|s| s.to_string()));
            }
            _ => {}
        }
    }
}

/// Whether a write may destroy what later requests need: sent after the others.
fn destructive(method: &str, path: &str) -> bool {
    method == "DELETE" || path.ends_with("/slet") || path.ends_with("/withdraw") || path.ends_with("/tilbagekald") || path == "/logout"
}

async fn matrix(app: TestApp) {
    let started = std::time::Instant::now();
    let routes = routes();
    let table: BTreeMap<String, Rule> = TABLE.iter().map(|(k, r)| (k.to_string(), *r)).collect();
    let keys: BTreeSet<String> = routes.iter().map(|(m, p)| format!("{m} {p}")).collect();
    let mut failures = Vec::new();
    for key in &keys {
        if !table.contains_key(key) {
            failures.push(format!("{key}: no entry in TABLE"));
        }
    }
    for key in table.keys() {
        if !keys.contains(key) {
            failures.push(format!("{key}: in TABLE but not in the router"));
        }
    }
    assert!(routes.len() > 250, "the router's routes are read from its source: {}", routes.len());

    let mut own = seed(&app, "0316", 1001, "4300").await;
    let other = seed(&app, "0751", 2001, "8000").await;
    let partnership = app.store.create_partnership("Matrixpartnerskabet", "").await.unwrap();
    for code in [own.code, other.code] {
        app.store.join_partnership(partnership, &Tenant::trusted(code), calendar::Date::parse("2025-01-01").unwrap()).await.unwrap();
    }
    eprintln!("seeded in {:?}", started.elapsed());

    // PostgreSQL answers the same requests about five times slower than SQLite: there
    // every route is sent by a sample of the roles (anonymous, an organisation's user, a
    // housing officer, department staff, a caseworker), so the suite stays within CI's time.
    let who_asks: &[Who] = match app.store.backend() {
        samplan::store::Backend::Sqlite => &EVERYONE,
        samplan::store::Backend::Postgres => &[Anonymous, Volunteer, Housing, Daycare, Caseworker],
    };
    let rule_of = |m: &str, p: &str| table.get(&format!("{m} {p}")).copied().unwrap_or(Rule::Nobody);
    let mut printed: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut unfilled = Vec::new();
    let mut requests = 0usize;

    // The other municipality's objects first: refused to all, so nothing changes.
    for (method, route) in &routes {
        let rule = rule_of(method, route);
        let Ok((own_path, scoped)) = fill(route, &own) else { continue };
        let _ = own_path;
        if !scoped {
            continue;
        }
        let path = match fill(route, &other) {
            Ok((p, _)) => p,
            Err(_) => continue,
        };
        let mut line = String::new();
        for &who in who_asks {
            let r = request(&app, &own, who, method, &path, route).await;
            requests += 1;
            let seen = classify(route.starts_with("/api/"), route, who, &r);
            line.push(seen.letter(who));
            let expected = match who {
                Anonymous => rule.anonymous(),
                _ if rule.across(who) => Seen::Passed,
                _ => Seen::Refused,
            };
            if seen != expected {
                failures.push(format!(
                    "{method} {route} as {who:?} on the other municipality's {path}: {seen:?} ({} {})",
                    r.status,
                    r.body.chars().take(120).collect::<String>()
                ));
            }
        }
        printed.entry(format!("{method} {route}")).or_default().1 = line;
    }

    // Then the own municipality: every read, then every write, role by role.
    let mut ordered: Vec<&(String, String)> = routes.iter().filter(|(m, _)| m == "GET").collect();
    let writes: Vec<&(String, String)> = routes
        .iter()
        .filter(|(m, p)| m != "GET" && !destructive(m, p))
        .chain(routes.iter().filter(|(m, p)| m != "GET" && destructive(m, p) && p != "/logout"))
        .chain(routes.iter().filter(|(_, p)| p == "/logout"))
        .collect();
    let mut lines: BTreeMap<String, BTreeMap<Who, char>> = BTreeMap::new();
    let mut check = |method: &str, route: &str, path: &str, who: Who, r: &Reply, failures: &mut Vec<String>| {
        let rule = rule_of(method, route);
        let seen = classify(route.starts_with("/api/"), route, who, r);
        lines.entry(format!("{method} {route}")).or_default().insert(who, seen.letter(who));
        let expected = match who {
            Anonymous => rule.anonymous(),
            _ if rule.allows(who) => Seen::Passed,
            _ => Seen::Refused,
        };
        if seen != expected {
            failures.push(format!(
                "{method} {route} as {who:?} ({path}): {seen:?}, expected {expected:?} ({} {})",
                r.status,
                r.body.chars().take(120).collect::<String>()
            ));
        }
    };
    ordered.retain(|(m, p)| {
        if fill(p, &own).is_err() {
            unfilled.push(format!("{m} {p}: {}", fill(p, &own).unwrap_err()));
            false
        } else {
            true
        }
    });
    for (method, route) in &ordered {
        let (path, _) = fill(route, &own).unwrap();
        for &who in who_asks {
            let r = request(&app, &own, who, method, &path, route).await;
            requests += 1;
            check(method, route, &path, who, &r, &mut failures);
        }
    }
    let mut widened = Vec::new();
    let mut refreshed = 0;
    for &who in who_asks {
        let before = if who == Anonymous { BTreeSet::new() } else { readable(&app, &own, who).await };
        // The check means something only if the hidden person is out of reach to begin with.
        if !matches!(who, Coordinator | Caseworker) && before.contains(&own.persons[2]) {
            failures.push(format!("{who:?} reads the hidden person before any write"));
        }
        if who != Anonymous {
            widening_attempts(&app, &own, who).await;
        }
        for (method, route) in &writes {
            if who != Anonymous && destructive(method, route) {
                refreshed += 1;
                refresh(&app, &mut own, route, refreshed).await;
            }
            let Ok((path, _)) = fill_with(route, &own, destructive(method, route)) else {
                if who == Anonymous {
                    unfilled.push(format!("{method} {route}: {}", fill(route, &own).unwrap_err()));
                }
                continue;
            };
            let r = request(&app, &own, who, method, &path, route).await;
            requests += 1;
            check(method, route, &path, who, &r, &mut failures);
        }
        if who != Anonymous {
            let after = readable(&app, &own, who).await;
            if after != before {
                widened.push(format!("{who:?}: reads {before:?} before its writes and {after:?} after"));
            }
        }
    }
    for (key, letters) in lines {
        printed.entry(key).or_default().0 = EVERYONE.iter().map(|w| letters.get(w).copied().unwrap_or(' ')).collect();
    }
    eprintln!("{} routes, {} requests in {:?}", routes.len(), requests, started.elapsed());
    if std::env::var_os("MATRIX_PRINT").is_some() || !failures.is_empty() {
        eprintln!("own: {} (a letter: passed; . refused; _ login; ! broken) | other municipality", EVERYONE.iter().map(|w| w.letter()).collect::<String>());
        for (key, (own_line, other_line)) in &printed {
            eprintln!("{own_line} | {other_line:15} {key}");
        }
    }
    for u in &unfilled {
        eprintln!("not filled: {u}");
    }
    failures.extend(widened.iter().map(|w| format!("a write widened what the writer reads: {w}")));
    assert!(unfilled.is_empty(), "routes whose objects the fixture lacks:\n{}", unfilled.join("\n"));
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

on_both_apps!(matrix);

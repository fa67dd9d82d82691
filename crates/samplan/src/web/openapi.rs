//! The OpenAPI 3.1 document, generated from the handlers' annotations.
use axum::Json;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "samplan API", description = "Integrationsarbejde i kommunen. Fejl gives som application/problem+json (RFC 9457) med feltnavn og årsag."),
    paths(
        crate::persons::api::search, crate::persons::api::show, crate::persons::api::create, crate::persons::api::update,
        crate::families::api::list, crate::families::api::show, crate::families::api::create,
        crate::admin::api::audit_log, crate::admin::api::me,
        crate::plans::api::show, crate::plans::api::save, crate::plans::api::versions, crate::plans::api::compare_versions, crate::plans::api::restore,
        crate::plans::api::add_action, crate::plans::api::change_action, crate::plans::api::person_schedule,
        crate::plans::consent::list, crate::plans::consent::create, crate::plans::consent::withdraw,
        crate::plans::referrals::list, crate::plans::referrals::create, crate::plans::referrals::decision,
        crate::plans::notifications::list, crate::plans::notifications::mark_read, crate::plans::overview::api,
        crate::plans::settings::show, crate::plans::settings::update,
        crate::deadlines::api::person_deadlines, crate::deadlines::api::deadlines, crate::deadlines::api::create_event, crate::deadlines::api::events, crate::deadlines::api::change_event, crate::deadlines::api::delete_event,
        crate::housing::api::areas, crate::housing::api::save_areas, crate::housing::api::units, crate::housing::api::save_units,
        crate::housing::api::households, crate::housing::api::save_household, crate::housing::api::propose,
        crate::housing::api::approve, crate::housing::api::override_placement, crate::housing::api::release,
        crate::my_plan::api::show, crate::my_plan::api::pdf, crate::translations::api::show,
        crate::knowledge::api::search, crate::knowledge::api::show, crate::knowledge::api::create, crate::knowledge::api::update,
        crate::knowledge::api::submit, crate::knowledge::api::new_version, crate::knowledge::api::decide, crate::knowledge::api::queue,
        crate::knowledge::api::comment, crate::knowledge::api::attach,
        crate::goals::api::list, crate::goals::api::comparison, crate::goals::api::goals, crate::goals::api::save_goal,
        crate::goals::api::partnerships,
        crate::status::api::periods, crate::status::api::add_period, crate::status::api::change_period, crate::status::api::delete_period,
        crate::status::api::outcomes, crate::status::api::add_outcome, crate::status::api::change_outcome, crate::status::api::delete_outcome,
        // Children and parents
        crate::children::api::create, crate::children::api::list, crate::children::api::show, crate::children::api::handle,
        crate::children::childcare_api::show, crate::children::childcare_api::add_period, crate::children::childcare_api::change_period,
        crate::children::childcare_api::delete_period, crate::children::childcare_api::save_profile,
        // Danish education
        crate::danish_education::api::show, crate::danish_education::api::add_course, crate::danish_education::api::change_course,
        crate::danish_education::api::add_test, crate::danish_education::api::attendance, crate::danish_education::api::record_attendance,
        crate::danish_education::settings::show, crate::danish_education::settings::update,
        crate::danish_education::api::referrals, crate::danish_education::regional::api_demand,
        crate::council::api::members, crate::council::api::add_member, crate::council::api::update_member,
        crate::council::api::meetings, crate::council::api::add_meeting, crate::council::api::set_minutes,
        crate::council::api::recommendations, crate::council::api::add_recommendation, crate::council::api::set_status,
        crate::council::api::add_follow_up,
        crate::civil_society::api::organisations, crate::civil_society::api::create_organisation, crate::civil_society::api::organisation,
        crate::civil_society::api::update_organisation, crate::civil_society::api::offers, crate::civil_society::api::create_offer,
        crate::civil_society::api::offer, crate::civil_society::api::update_offer, crate::civil_society::api::offer_matches,
        crate::civil_society::api::referrals, crate::civil_society::api::create_referral, crate::civil_society::api::referral,
        crate::civil_society::api::answer, crate::civil_society::api::referral_participation, crate::civil_society::api::participations,
        crate::civil_society::api::add_participation, crate::civil_society::api::grants, crate::civil_society::api::decide,
        crate::civil_society::api::budget, crate::civil_society::api::save_settings, crate::civil_society::api::used,
        crate::reports::api::list, crate::reports::api::show,
        crate::visits::api::list, crate::visits::api::mark, crate::visits::api::unmark, crate::visits::api::bundle, crate::visits::api::add_note,
        crate::forecast::api::show,
        // Employment and IGU
        crate::employment::api::companies, crate::employment::api::create_company, crate::employment::api::company, crate::employment::api::update_company,
        crate::employment::api::add_contact, crate::employment::api::openings, crate::employment::api::create_opening, crate::employment::api::opening,
        crate::employment::api::update_opening, crate::employment::api::opening_matches, crate::employment::api::person_matches,
        crate::employment::api::profile, crate::employment::api::save_profile, crate::employment::api::propose, crate::employment::api::proposal,
        crate::employment::api::decide, crate::employment::api::igu, crate::employment::api::add_igu, crate::employment::api::update_igu, crate::employment::api::reductions, crate::employment::api::add_reduction,
        crate::employment::dialogue::api_list, crate::employment::dialogue::api_add, crate::employment::dialogue::api_done,
    ),
    components(schemas(crate::error::Problem, crate::error::ProblemField)),
    modifiers(&Security, &StandardAnswers, &ProblemContentType, &DateBounds),
    security(("bearer" = []), ("session" = [])),
)]
pub struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()));
        components.add_security_scheme("session", SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("samplan_session"))));
    }
}

/// The answers every operation can give besides its own, declared once here rather than
/// by hand on each: the extractors and the actor are the same for all operations.
/// - 401 and 403: every operation needs a logged-in user (`Actor`), and a role or a
///   citizen login can be refused anywhere.
/// - 404: every operation with a `{…}` in its path (the thing may not exist, or not in
///   the caller's reach).
/// - 422: every operation with parameters or a body (`web::extract`, `web::json` and
///   `web::paging` refuse a value naming it).
/// - 400, 413, 415: every operation with a body (JSON that does not parse, a body over the
///   limit, another media type).
/// - The `link` header on the 200 of every paged list (decision 006).
struct StandardAnswers;

impl StandardAnswers {
    fn problem(description: &str) -> utoipa::openapi::RefOr<utoipa::openapi::Response> {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
        ResponseBuilder::new().description(description).content("application/problem+json", content).build().into()
    }
}

impl utoipa::Modify for StandardAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::header::HeaderBuilder;
        use utoipa::openapi::schema::{Object, Type};
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations =
                [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch, &mut item.head, &mut item.options, &mut item.trace];
            for operation in operations.into_iter().flatten() {
                let parameters = operation.parameters.as_deref().unwrap_or_default();
                let paged = parameters.iter().any(|p| p.name == "limit");
                let has_input = !parameters.is_empty() || operation.request_body.is_some();
                let mut add = vec![("401", "Ikke logget ind"), ("403", "Rollen giver ikke adgang")];
                if path.contains('{') {
                    add.push(("404", "Findes ikke, eller ikke for dig"));
                }
                if has_input {
                    add.push(("422", "En parameter eller et felt er ugyldigt (navngivet i `errors`)"));
                }
                if operation.request_body.is_some() {
                    add.extend([
                        ("400", "Indholdet kan ikke læses"),
                        ("413", "Indholdet er for stort"),
                        ("415", "Indholdet har en anden medietype end den, operationen læser"),
                    ]);
                }
                for (status, description) in add {
                    operation.responses.responses.entry(status.to_string()).or_insert_with(|| Self::problem(description));
                }
                if paged && let Some(RefOr::T(ok)) = operation.responses.responses.get_mut("200") {
                    ok.headers.entry("link".into()).or_insert_with(|| {
                        HeaderBuilder::new().schema(Object::with_type(Type::String)).description(Some("`<…>; rel=\"next\"` når en side mere følger")).build()
                    });
                }
            }
        }
    }
}

/// Every Problem answer is sent as `application/problem+json` (crate::error); the
/// annotations name only the body, so the document says so here, once for all operations.
struct ProblemContentType;

impl utoipa::Modify for ProblemContentType {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::RefOr;
        for item in openapi.paths.paths.values_mut() {
            let operations =
                [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch, &mut item.head, &mut item.options, &mut item.trace];
            for operation in operations.into_iter().flatten() {
                for response in operation.responses.responses.values_mut() {
                    let RefOr::T(response) = response else { continue };
                    let is_problem = response
                        .content
                        .get("application/json")
                        .is_some_and(|c| matches!(&c.schema, Some(RefOr::Ref(r)) if r.ref_location.ends_with("/Problem")));
                    if is_problem && let Some(content) = response.content.shift_remove("application/json") {
                        response.content.insert("application/problem+json".into(), content);
                    }
                }
            }
        }
    }
}

/// Every date the document names (`format: date`, in schemas and parameters) carries the
/// years the server accepts (`forms::date`: 1900–2200) as a pattern: `format: date` alone
/// allows 0000–9999. Added here once rather than on each field (utoipa takes only a
/// string literal as a pattern).
struct DateBounds;

impl DateBounds {
    fn schema(schema: &mut utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>) {
        use utoipa::openapi::RefOr;
        use utoipa::openapi::schema::{AdditionalProperties, ArrayItems, KnownFormat, Schema, SchemaFormat};
        let RefOr::T(schema) = schema else { return };
        match schema {
            Schema::Object(object) => {
                if matches!(object.format, Some(SchemaFormat::KnownFormat(KnownFormat::Date))) && object.pattern.is_none() {
                    object.pattern = Some(forms::date::ISO_PATTERN.to_string());
                }
                object.properties.values_mut().for_each(Self::schema);
                if let Some(extra) = object.additional_properties.as_deref_mut()
                    && let AdditionalProperties::RefOr(extra) = extra
                {
                    Self::schema(extra);
                }
            }
            Schema::Array(array) => {
                if let ArrayItems::RefOrSchema(items) = &mut array.items {
                    Self::schema(items);
                }
            }
            Schema::OneOf(one) => one.items.iter_mut().for_each(Self::schema),
            Schema::AllOf(all) => all.items.iter_mut().for_each(Self::schema),
            Schema::AnyOf(any) => any.items.iter_mut().for_each(Self::schema),
            _ => {}
        }
    }
}

impl utoipa::Modify for DateBounds {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.schemas.values_mut().for_each(Self::schema);
        }
        for item in openapi.paths.paths.values_mut() {
            let operations =
                [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch, &mut item.head, &mut item.options, &mut item.trace];
            for operation in operations.into_iter().flatten() {
                for parameter in operation.parameters.iter_mut().flatten() {
                    if let Some(schema) = parameter.schema.as_mut() {
                        Self::schema(schema);
                    }
                }
                for content in operation.request_body.iter_mut().flat_map(|b| b.content.values_mut()) {
                    if let Some(schema) = content.schema.as_mut() {
                        Self::schema(schema);
                    }
                }
            }
        }
    }
}

/// A text field that takes one of `values` (a vocabulary's codes), for `#[schema(schema_with
/// = …)]` where the codes come from code rather than from a Rust enum; `nullable` for an
/// `Option` field, which may also be `null`.
pub fn codes<'a>(values: impl IntoIterator<Item = &'a str>, nullable: bool) -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    let values: Vec<serde_json::Value> = values.into_iter().map(serde_json::Value::from).collect();
    let (kind, values) = if nullable {
        (SchemaType::from_iter([Type::String, Type::Null]), values.into_iter().chain([serde_json::Value::Null]).collect())
    } else {
        (SchemaType::new(Type::String), values)
    };
    ObjectBuilder::new().schema_type(kind).enum_values(Some(values)).build()
}

/// A schema derived from `T`'s, for an input type that two operations read with different
/// requirements (creating and changing, adding and correcting, what is saved and what is
/// shown): `edit` changes a copy of `T`'s object schema. Declared with `derived_schema!`.
pub fn derived<T: utoipa::PartialSchema>(edit: impl FnOnce(&mut utoipa::openapi::schema::Object)) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::Schema;
    let mut schema = T::schema();
    if let RefOr::T(Schema::Object(object)) = &mut schema {
        edit(object);
    }
    schema
}

/// `T`'s schema as one case per group of values of `field`, where some values require
/// further fields (a rejection its reason): `oneOf` copies of `T`'s object, each with
/// `field` fixed to its group's values and the group's fields required, each a text with
/// something besides spaces. Declared with `derived_schema!`.
pub fn cases<T: utoipa::PartialSchema>(field: &str, groups: &[(&[&str], &[&str])]) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::schema::{OneOfBuilder, Schema};
    let RefOr::T(Schema::Object(base)) = T::schema() else { return T::schema() };
    let mut one = OneOfBuilder::new().description(base.description.clone());
    for (values, needs) in groups {
        let mut case = base.clone();
        case.description = None;
        case.properties.insert(field.to_string(), codes(values.iter().copied(), false).into());
        for need in *needs {
            if let Some(RefOr::T(Schema::Object(text))) = case.properties.get_mut(*need) {
                text.pattern = Some(r"\S".to_string());
            }
        }
        require(&mut case, needs);
        one = one.item(case);
    }
    RefOr::T(Schema::OneOf(one.build()))
}

/// Makes `fields` of `object` required.
pub fn require(object: &mut utoipa::openapi::schema::Object, fields: &[&str]) {
    for field in fields {
        if !object.required.iter().any(|r| r == field) {
            object.required.push((*field).to_string());
        }
    }
}

/// Declares a unit type whose schema, of its own name, is `schema` (`derived` or `cases`
/// of `base`); the handler still reads `base`.
macro_rules! derived_schema {
    ($(#[$meta:meta])* $vis:vis $name:ident from $base:ty, $schema:expr) => {
        $(#[$meta])*
        $vis struct $name;
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $schema
            }
        }
        impl utoipa::ToSchema for $name {
            fn schemas(schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>) {
                <$base as utoipa::ToSchema>::schemas(schemas);
            }
        }
    };
}
pub(crate) use derived_schema;

/// A date, or empty (or spaces) for the default the server reads in its place (`#[param(schema_with
/// = …)]`); `DateBounds` gives the date its years.
pub fn date_or_empty() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{AnyOfBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
    let date = ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)));
    let empty = ObjectBuilder::new().schema_type(Type::String).pattern(Some(r"^\s*$"));
    AnyOfBuilder::new().item(date).item(empty).build().into()
}

/// GET /api/openapi.json
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

//! `samplan user add` and `samplan user token`: staff accounts and personal API tokens.
use super::common::{DbArgs, UsageError, block_on, open};
use crate::auth::{password, random_token, token_hash};
use crate::domain::{DepartmentKind, MunicipalityCode, Role};
use crate::store::Tenant;
use crate::store::users::NewUser;
use std::process::ExitCode;

/// `samplan user …`
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Opret en bruger. Adgangskoden læses fra SAMPLAN_PASSWORD eller første linje på stdin.
    Add(AddArgs),
    /// Lav en ny personlig API-nøgle (Bearer) til en bruger og skriv den på stdout.
    Token(TokenArgs),
}

/// Arguments of `samplan user add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Login name (lower case).
    login: String,
    /// Role: caseworker, coordinator, department_staff, housing_officer, manager,
    /// volunteer_coordinator, admin, national_secretariat, or citizen (with --person).
    #[arg(long)]
    role: String,
    /// Municipality code (not for national_secretariat).
    #[arg(long)]
    municipality: Option<String>,
    /// Department: jobcenter, born_og_familie, dagtilbud_og_skole, sundhed, bolig,
    /// sprogcenter, virksomhedsservice.
    #[arg(long)]
    department: Option<String>,
    /// Name shown to others.
    #[arg(long)]
    name: Option<String>,
    /// E-mail address.
    #[arg(long)]
    email: Option<String>,
    /// For a citizen: their CPR number (DDMMÅÅ-XXXX); they see that person's Min plan.
    #[arg(long, value_name = "CPR")]
    person: Option<String>,
    /// For a citizen: the language of their Min plan (da, en, ar, uk, ti, prs, so); for a
    /// translator: the language they review (not da).
    #[arg(long, default_value = "da")]
    language: String,
    #[command(flatten)]
    db: DbArgs,
}

/// Arguments of `samplan user token`.
#[derive(Debug, clap::Args)]
pub struct TokenArgs {
    /// The user's login.
    login: String,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs a user command.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Add(args) => block_on(add(args)),
        Command::Token(args) => block_on(token(args)),
    }
}

fn read_password() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("SAMPLAN_PASSWORD") {
        return Ok(p);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

async fn add(args: AddArgs) -> anyhow::Result<()> {
    let role = Role::parse(&args.role)?;
    let login = args.login.trim().to_lowercase();
    if login.is_empty() || !login.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(UsageError("login: brug små bogstaver, tal, punktum, bindestreg eller understreg".into()).into());
    }
    let municipality = match (&args.municipality, role.is_national()) {
        (Some(code), false) => Some(MunicipalityCode::parse(code)?),
        (None, true) => None,
        (Some(_), true) => return Err(UsageError("--municipality: det nationale sekretariat hører ikke til en kommune".into()).into()),
        (None, false) => return Err(UsageError("--municipality: skal angives for denne rolle".into()).into()),
    };
    if role.is_citizen() != args.person.is_some() {
        return Err(UsageError("--person: angives for rollen citizen og kun for den".into()).into());
    }
    let translates = match role {
        Role::Translator => Some(crate::translations::reviewable(&args.language).map_err(|e| UsageError(format!("--language: {}", e.reason)))?),
        _ => None,
    };
    let password = read_password()?;
    password::check_strength(&password).map_err(|r| UsageError(format!("adgangskode: {r}")))?;
    let config = args.db.config()?;
    let (store, vault) = open(&config).await?;
    if let (Some(cpr), Some(code)) = (&args.person, &municipality) {
        crate::my_plan::service::parse_language(&args.language).map_err(|e| UsageError(format!("--language: {}", e.reason)))?;
        let cpr = crate::domain::Cpr::parse(cpr).map_err(|e| UsageError(format!("--person: {}", e.reason)))?;
        let query = crate::store::persons::PersonQuery::CprHash(vault.lookup_hash(&cpr));
        let tenant = Tenant::trusted(code.as_str());
        let found = store.search_persons(&tenant, &crate::store::access::Reach::All, &query, 1).await?;
        let Some(person) = found.first() else {
            return Err(UsageError(format!("--person: ingen person i kommune {} har det CPR-nummer", code.as_str())).into());
        };
        let id = crate::my_plan::links::create_local_account(&store, &tenant, person.id, &login, &password, &args.language, false)
            .await
            .map_err(|e| UsageError(format!("--person: {e}")))?;
        println!("borgeren {login} er oprettet (id {id}) og knyttet til {} {}", person.given_name, person.family_name);
        return Ok(());
    }
    let department_id = match (&args.department, &municipality) {
        (Some(kind), Some(code)) => {
            let kind = DepartmentKind::parse(kind)?;
            let departments = store.ensure_municipality(code).await?;
            departments.iter().find(|d| d.kind == kind.code()).map(|d| d.id)
        }
        (Some(_), None) => return Err(UsageError("--department: kræver --municipality".into()).into()),
        (None, Some(code)) => {
            store.ensure_municipality(code).await?;
            None
        }
        (None, None) => None,
    };
    let id = store
        .create_user(&NewUser {
            login: login.clone(),
            display_name: args.name.unwrap_or_else(|| login.clone()),
            email: args.email,
            password_hash: Some(password::hash(&password)),
            municipality_code: municipality.as_ref().map(|m| m.as_str().to_string()),
            department_id,
            role,
            demo_account: false,
        })
        .await?;
    if let (Some(language), Some(code)) = (translates, &municipality) {
        store.set_translator_language(&Tenant::trusted(code.as_str()), id, language.code).await?;
    }
    println!("brugeren {login} er oprettet (id {id}, rolle {})", role.code());
    Ok(())
}

async fn token(args: TokenArgs) -> anyhow::Result<()> {
    let config = args.db.config()?;
    let (store, _) = open(&config).await?;
    let login = args.login.trim().to_lowercase();
    let user = store.user_by_login(&login).await?.ok_or_else(|| UsageError(format!("login: brugeren «{login}» findes ikke")))?;
    let token = random_token();
    store.create_api_token(user.id, &token_hash(&token)).await?;
    store
        .audit(&[crate::store::audit::AuditEvent {
            municipality_code: user.municipality_code.clone(),
            user_id: Some(user.id),
            user_login: user.login.clone(),
            action: crate::store::audit::AuditAction::TokenCreated,
            entity: crate::store::audit::AuditEntity::User,
            entity_id: Some(user.id.to_string()),
            detail: "personlig API-nøgle oprettet fra kommandolinjen".into(),
            request_id: "cli".into(),
            remote_addr: "local".into(),
        }])
        .await?;
    println!("{token}");
    Ok(())
}

//! `samplan serve`: run the server from a TOML config and `DATABASE_URL`.
use super::common::{DbArgs, block_on, open};
use crate::app::{AppState, Settings};
use crate::{mail, server};
use std::process::ExitCode;

/// Arguments of `samplan serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// Address to listen on (overrides `listen` in the config).
    #[arg(long)]
    addr: Option<String>,
}

/// Serves until stopped.
pub fn run(args: Args) -> ExitCode {
    block_on(async move {
        let config = args.db.config()?;
        server::init_logging(config.json_logs);
        let (mut store, vault) = open(&config).await?;
        if let Some(replica) = &config.database_read_url {
            store = store.with_read_replica(replica).await?;
            tracing::info!("reads that may be slightly stale go to the read replica (DATABASE_READ_URL)");
        }
        let settings = Settings {
            secure_cookies: config.secure_cookies,
            session_minutes: config.session_minutes,
            session_absolute_hours: config.session_absolute_hours,
            offline_hours: config.offline_hours,
            demo: false,
            client_address_header: config.client_address_header.clone(),
            hsts: config.hsts,
            header_read_timeout: std::time::Duration::from_secs(config.header_read_timeout_seconds),
        };
        let providers = crate::auth::oidc::Providers::new(config.oidc.clone(), &crate::config::env_var, config.session_absolute_hours)?;
        if providers.all().next().is_some() {
            tracing::info!(providers = providers.all().count(), "OpenID Connect login offered beside local passwords");
        }
        let mut state = AppState::new(store.clone(), vault, settings).with_oidc(providers);
        let _sender = match &config.smtp {
            Some(smtp) => {
                let mailer = mail::Mailer::new(smtp)?;
                tracing::info!(relay = mailer.relay(), "sending the e-mail outbox");
                state = state.with_mail_relay(mailer.relay());
                Some(mail::spawn(store, mailer, smtp))
            }
            None => {
                tracing::info!("no [smtp] in the configuration: mails wait in the outbox");
                None
            }
        };
        let (listener, local) = server::bind(args.addr.as_deref().unwrap_or(&config.listen)).await?;
        tracing::info!(address = %local, backend = ?state.store.backend(), "samplan is serving");
        println!("samplan kører på http://{local}/");
        server::serve(listener, state).await
    })
}

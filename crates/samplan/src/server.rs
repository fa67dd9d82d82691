//! Starting the HTTP server: bind, log, serve until Ctrl-C, clean up expired sessions.
use crate::app::AppState;
use crate::store::Store;
use crate::web::router;
use std::net::SocketAddr;

/// Sets up logging once: pretty for people, JSON lines for log collectors.
pub fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = if json { builder.json().try_init() } else { builder.try_init() };
}

/// Binds `addr` (port 0 picks a free one) and returns the listener and its real address.
pub async fn bind(addr: &str) -> anyhow::Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("kan ikke lytte på {addr}: {e}"))?;
    let local = listener.local_addr()?;
    Ok((listener, local))
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> anyhow::Result<()> {
    let store: Store = state.store.clone();
    let sweeper = tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        let mut ticks: u64 = 0;
        loop {
            every.tick().await;
            // The planner's statistics at start and once a day, as the data grows.
            if ticks.is_multiple_of(6 * 24)
                && let Err(e) = store.refresh_statistics().await
            {
                tracing::warn!(error = %e, "could not refresh the planner's statistics");
            }
            ticks += 1;
            if let Err(e) = store.delete_expired_sessions(&crate::store::now()).await {
                tracing::warn!(error = %e, "could not remove expired sessions");
            }
            // Scheduled reports: made once per subscription and period, on or after the
            // first working day.
            if let Ok(today) = calendar::Date::parse(&chrono::Local::now().date_naive().to_string()) {
                match crate::reports::schedule::run_due(&store, today).await {
                    Ok(run) if run.queued > 0 => tracing::info!(queued = run.queued, "scheduled reports queued"),
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "scheduled reports failed"),
                }
            }
        }
    });
    let header_read_timeout = state.settings.header_read_timeout;
    accept_loop(listener, router(state), header_read_timeout, shutdown()).await;
    sweeper.abort();
    Ok(())
}

/// Accepts connections until `stop` resolves, then lets open requests finish. Unlike
/// `axum::serve`, it gives hyper a timer, so a client that never finishes its request
/// headers is disconnected after `header_read_timeout` instead of holding a
/// connection open (slowloris).
pub async fn accept_loop(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    header_read_timeout: std::time::Duration,
    stop: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use tower::ServiceExt;
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(header_read_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let service = app.clone().map_request(move |mut request: axum::extract::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(axum::extract::ConnectInfo(remote));
            request
        });
        let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), hyper_util::service::TowerToHyperService::new(service));
        let connection = graceful.watch(connection.into_owned());
        tokio::spawn(async move {
            // A client going away mid-request is not the server's error.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

async fn shutdown() {
    let ctrl_c = async { tokio::signal::ctrl_c().await.ok() };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("stopping");
}

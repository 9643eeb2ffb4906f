//! `entente serve`: the web map and its JSON API over a store (see the `entente-serve` crate).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::store_cmds::DbArgs;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on. The default is loopback only; give 0.0.0.0:PORT to be reachable
    /// from other machines.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: SocketAddr,
    /// Bearer token that allows POST /api/documents; without one, writes are off.
    #[arg(long, env = "ENTENTE_TOKEN", value_name = "TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let config = entente_serve::Config { db: args.db.db.clone(), token: args.token.clone() };
    let app = Arc::new(entente_serve::App::open(&config).map_err(|e| anyhow::anyhow!("{e}"))?);
    let (documents, relations) = app.counts().map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let local = listener.local_addr()?;
        eprintln!(
            "entente serve: {} ({documents} documents, {relations} relations); writes {}",
            app.db_path().display(),
            if app.writes() { "on (bearer token)" } else { "off (no --token)" }
        );
        // A wildcard address listens everywhere; the browser still goes to one of them.
        let shown = match local.ip() {
            std::net::IpAddr::V4(ip) if ip.is_unspecified() => SocketAddr::from(([127, 0, 0, 1], local.port())),
            std::net::IpAddr::V6(ip) if ip.is_unspecified() => {
                SocketAddr::from(([0, 0, 0, 0, 0, 0, 0, 1], local.port()))
            }
            _ => local,
        };
        eprintln!("open http://{shown}/ in a browser (API: http://{shown}/api/openapi.json); Ctrl-C stops");
        let router = entente_serve::router(app);
        entente_serve::serve(listener, router, stop_signal()).await.context("the server failed")
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Ctrl-C, or SIGTERM where there is one: finish the requests in flight, then stop.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
    eprintln!("entente serve: stopping");
}

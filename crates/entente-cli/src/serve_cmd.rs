//! `entente serve`: the web map and its JSON API over a store (see the `entente-serve` crate).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::extract_cmd::parse_positive;
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
    /// A host name the server answers to besides localhost and IP addresses (repeat for more):
    /// the name a reverse proxy or other machines use. A request whose Host header names any
    /// other is refused (421), so that a page rebinding its DNS name to this address cannot
    /// read the store.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_host: Vec<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub read: crate::ReadArgs,
    #[command(flatten)]
    pub relations: crate::RelationArgs,
}

/// What one connection and one request may take.
#[derive(clap::Args, Debug)]
pub struct LimitArgs {
    /// Largest request body, in bytes; a larger one is refused (413).
    #[arg(long, default_value_t = entente_serve::MAX_BODY, value_name = "BYTES", value_parser = parse_positive)]
    pub max_body_bytes: usize,
    /// Most documents in one POST /api/documents; a request with more is refused whole (413).
    #[arg(long, default_value_t = entente_serve::MAX_DOCUMENTS, value_name = "N", value_parser = parse_positive)]
    pub max_documents: usize,
    /// Time a client has to send a request's head (and a kept-alive connection to send the
    /// next one); then the connection is closed.
    #[arg(long, default_value = "10", value_name = "SECONDS", value_parser = crate::parse_positive_seconds)]
    pub header_timeout: Duration,
    /// Time a client has to send a request's body; then it is refused (408).
    #[arg(long, default_value = "60", value_name = "SECONDS", value_parser = crate::parse_positive_seconds)]
    pub body_timeout: Duration,
    /// Connections served at once; more wait to be accepted until one closes.
    #[arg(long, default_value_t = entente_serve::MAX_CONNECTIONS, value_name = "N", value_parser = parse_positive)]
    pub max_connections: usize,
    /// Threads that extract the documents of one POST /api/documents (default: the number of cores).
    #[arg(long, short = 'j', alias = "jobs", value_name = "N", value_parser = parse_positive)]
    pub threads: Option<usize>,
}

impl LimitArgs {
    fn limits(&self) -> entente_serve::Limits {
        entente_serve::Limits {
            max_body: self.max_body_bytes,
            max_documents: self.max_documents,
            header_timeout: self.header_timeout,
            body_timeout: self.body_timeout,
            max_connections: self.max_connections,
            threads: entente::pipeline::threads_or_cores(self.threads),
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let config = entente_serve::Config {
        store: args.db.connector()?,
        token: args.token.clone(),
        limits: args.limits.limits(),
        lock_timeout: args.db.lock_timeout,
        read_options: args.read.options(),
        relation_limits: args.relations.limits(),
        hosts: args.allow_host.clone(),
    };
    let app = Arc::new(entente_serve::App::open(&config).map_err(|e| anyhow::anyhow!("{e}"))?);
    let (documents, relations) = app.counts().map_err(|e| anyhow::anyhow!("{}", e.message))?;
    // The page's map and counts, worked out while the server starts listening.
    entente_serve::keep_warm(&app);
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
        let limits = app.limits();
        let router = entente_serve::router(app);
        entente_serve::serve(listener, router, limits, stop_signal()).await.context("the server failed")
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

use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() {
    // PORTAL_LOG is a tracing filter: `info`, `warn`, `portal=debug,tower_http=info`…
    let filter = EnvFilter::try_from_env("PORTAL_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    let code = portal::cli::run(std::env::args().collect()).await;
    std::process::exit(code);
}

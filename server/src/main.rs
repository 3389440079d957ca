use tracing_subscriber::filter::LevelFilter;

#[tokio::main]
async fn main() {
    let level = match std::env::var("PORTAL_LOG").unwrap_or_default().to_ascii_lowercase().as_str() {
        "error" => LevelFilter::ERROR,
        "warn" => LevelFilter::WARN,
        "debug" => LevelFilter::DEBUG,
        "trace" => LevelFilter::TRACE,
        _ => LevelFilter::INFO,
    };
    tracing_subscriber::fmt().with_max_level(level).with_writer(std::io::stderr).init();
    let code = portal::cli::run(std::env::args().collect()).await;
    std::process::exit(code);
}

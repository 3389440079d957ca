use tracing_subscriber::EnvFilter;

/// mimalloc rather than the system allocator: an uncached page allocates and
/// frees many short-lived buffers (the view's strings, the codings' tables), and
/// glibc's malloc spent a third of such a render in its own bookkeeping.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    // PORTAL_LOG is a tracing filter: `info`, `warn`, `portal=debug,tower_http=info`…
    let filter = EnvFilter::try_from_env("PORTAL_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    // PORTAL_LOG_FORMAT=json: one JSON object per line, for a log collector.
    let json = match std::env::var("PORTAL_LOG_FORMAT").ok().as_deref().map(str::trim) {
        None | Some("") | Some("text") => false,
        Some("json") => true,
        Some(other) => {
            eprintln!("portal: PORTAL_LOG_FORMAT is \"{other}\"; use json, or leave it unset for readable lines.");
            std::process::exit(2);
        }
    };
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if json {
        logs.json().init();
    } else {
        logs.init();
    }
    let code = portal::cli::run(std::env::args().collect()).await;
    std::process::exit(code);
}

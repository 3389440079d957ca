//! `/audits/{slug}/v/{n}/qr.svg`: a QR code of an audit version's permanent
//! address, for the printed audit certificate. Drawn here as a plain SVG path (no
//! script, no third party); a version never changes, so neither does its code.

use super::records::{parse_version, read, RecordAnswer};
use super::PublicState;
use app::model::RecordKind;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code, as the QR specification asks.
const QUIET_ZONE: i32 = 4;

/// The QR code of `text` as an SVG document: one `<path>` of unit squares on a
/// white background, scalable to any size. `None` when the text is too long for
/// any QR code (a permanent address never is).
pub fn qr_svg(text: &str, title: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size() + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE));
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" width=\"{px}\" height=\"{px}\" \
         shape-rendering=\"crispEdges\" role=\"img\"><title>{title}</title>\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>\n",
        px = size * 4,
        title = escape_xml(title),
    ))
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The handler: the QR code of `{public_url}/audits/{slug}/v/{n}` for a published
/// version (404 otherwise), cached like the version's `data.json`.
pub async fn audit_qr(State(state): State<PublicState>, Path((slug, version)): Path<(String, String)>) -> Response {
    let Some(version) = parse_version(&version) else { return missing() };
    match read(&state.reader, RecordKind::Audit, &slug, Some(version)).await {
        Ok(RecordAnswer::Found(_)) => {}
        Ok(_) => return missing(),
        Err(e) => {
            e.log("audit QR code failed");
            return (StatusCode::SERVICE_UNAVAILABLE, "The QR code could not be drawn. Please try again.")
                .into_response();
        }
    }
    let address = format!("{}/audits/{slug}/v/{version}", state.reader.public_url());
    match qr_svg(&address, &address) {
        Some(svg) => (
            [
                (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            svg,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "This address is too long for a QR code.").into_response(),
    }
}

fn missing() -> Response {
    (StatusCode::NOT_FOUND, "There is no published audit version at this address.").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_svg_holds_the_code_with_its_quiet_zone() {
        let url = "http://127.0.0.1:3000/audits/boone-county-2024-general-rla/v/2";
        let svg = qr_svg(url, "<address> & more").unwrap();
        let code = QrCode::encode_text(url, QrCodeEcc::Medium).unwrap();
        let size = code.size() + 2 * QUIET_ZONE;
        assert!(svg.starts_with(&format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\"")));
        let dark = (0..code.size()).flat_map(|y| (0..code.size()).map(move |x| (x, y)));
        let dark = dark.filter(|&(x, y)| code.get_module(x, y)).count();
        assert_eq!(svg.matches("h1v1h-1z").count(), dark);
        assert!(svg.contains("<title>&lt;address&gt; &amp; more</title>"));
        assert!(!svg.contains("<script"));
    }
}

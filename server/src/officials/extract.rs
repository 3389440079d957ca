//! Authentication and anti-forgery as axum extractors. The session is resumed
//! once per request (a middleware puts it in the request's extensions); handlers
//! then ask for what they need: [`SignedIn`], [`Reviewer`], [`AdminOnly`], a
//! [`CheckedForm`] whose token matches the session, and the [`Client`] address.

use super::pages::layout::{message, Page};
use super::session::{self, SignedIn};
use super::OfficialsState;
use crate::error::AppError;
use crate::http::config::IpRange;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use std::net::{IpAddr, SocketAddr};

/// The request's session, resumed once by [`resume_session`].
#[derive(Clone)]
struct Session(Option<SignedIn>);

pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Resumes the session named by the cookie, and keeps an official whose
/// administrator requires a second factor to turning it on (or signing out).
pub async fn resume_session(State(state): State<OfficialsState>, mut req: Request, next: Next) -> Response {
    const ENROLMENT: &[&str] = &[
        "/admin",
        "/admin/account",
        "/admin/account/totp",
        "/admin/account/totp/confirm",
        "/admin/sign-out",
        "/admin/sign-in",
    ];
    let secure = secure_request(&state, req.extensions());
    let token = cookie_value(req.headers(), session::cookie_name(secure)).filter(|t| t.len() == 64);
    let signed_in = match token {
        Some(t) => match session::resume(&state.db, &t).await {
            Ok(s) => s,
            Err(e) => return failed(None, e),
        },
        None => None,
    };
    if let Some(s) = &signed_in {
        if s.account.must_enrol() && !ENROLMENT.contains(&req.uri().path()) {
            return message(
                StatusCode::FORBIDDEN,
                "Turn on two-step sign-in",
                Some(s),
                "Your administrator requires two-step sign-in. Turn it on under Account before you do anything else.",
            );
        }
    }
    req.extensions_mut().insert(Session(signed_in));
    next.run(req).await
}

/// Refuses state changes that come from another site, whatever they carry.
pub async fn same_origin_only(req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let headers = req.headers();
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let origin_ok = match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            None => true,
            Some(origin) => origin
                .split_once("://")
                .is_some_and(|(scheme, rest)| (scheme == "http" || scheme == "https") && rest == host),
        };
        let site_ok = match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
            None => true,
            Some(site) => site == "same-origin" || site == "none",
        };
        if !origin_ok || !site_ok {
            return message(
                StatusCode::FORBIDDEN,
                "Request refused",
                None,
                "This request came from another site, so it was refused. Use the portal's own pages.",
            );
        }
    }
    next.run(req).await
}

/// Officials' responses are kept by nobody but the official's own browser session.
pub async fn never_stored(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// The answer to a failed request, as a page that says what to do.
pub fn failed(who: Option<&SignedIn>, e: AppError) -> Response {
    match e {
        AppError::NotFound => {
            message(StatusCode::NOT_FOUND, "Not found", who, "There is nothing here that you may see.")
        }
        AppError::Forbidden(m) => message(StatusCode::FORBIDDEN, "Not allowed", who, &m),
        AppError::Unauthorised(m) => message(StatusCode::UNAUTHORIZED, "Sign in first", who, &m),
        AppError::TooManyRequests(m) => message(StatusCode::TOO_MANY_REQUESTS, "Please wait", who, &m),
        e @ (AppError::Validation { .. } | AppError::Fields(_)) => {
            message(StatusCode::BAD_REQUEST, "Please check", who, &e.to_string())
        }
        e @ AppError::Internal(_) => {
            e.log("officials' request failed");
            message(
                StatusCode::SERVICE_UNAVAILABLE,
                "Something went wrong",
                who,
                "The portal could not do this. Please try again.",
            )
        }
    }
}

fn not_signed_in() -> Response {
    message(StatusCode::UNAUTHORIZED, "Sign in first", None, "This page is for election officials. Sign in at /admin.")
}

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Session>() {
            Some(Session(Some(s))) => Ok(s.clone()),
            _ => Err(not_signed_in()),
        }
    }
}

/// The official, if signed in (the workspace's front door shows sign-in otherwise).
pub struct MaybeSignedIn(pub Option<SignedIn>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(MaybeSignedIn(parts.extensions.get::<Session>().and_then(|s| s.0.clone())))
    }
}

/// A signed-in reviewer or administrator.
pub struct Reviewer(pub SignedIn);

impl<S: Send + Sync> FromRequestParts<S> for Reviewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let s = SignedIn::from_request_parts(parts, state).await?;
        if !s.account.role.may_review() {
            return Err(message(
                StatusCode::FORBIDDEN,
                "Not allowed",
                Some(&s),
                "Only reviewers and administrators review submissions.",
            ));
        }
        Ok(Reviewer(s))
    }
}

/// A signed-in administrator.
pub struct AdminOnly(pub SignedIn);

impl<S: Send + Sync> FromRequestParts<S> for AdminOnly {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let s = SignedIn::from_request_parts(parts, state).await?;
        if s.account.role != crate::domain::account::Role::Admin {
            return Err(message(
                StatusCode::FORBIDDEN,
                "Not allowed",
                Some(&s),
                "Only administrators read the activity log.",
            ));
        }
        Ok(AdminOnly(s))
    }
}

/// Who sent a request: the client's address (the connection's, or the one a
/// trusted proxy names) and whether it came over https.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientInfo {
    pub address: String,
    pub https: bool,
}

/// The `for=` or `proto=` values of the `Forwarded` headers (RFC 7239), in order.
fn forwarded_values(headers: &HeaderMap, name: &str) -> Vec<String> {
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .flat_map(|element| element.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(k, _)| k.trim().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .collect()
}

/// An address from a forwarding header: `192.0.2.1`, `192.0.2.1:4711`,
/// `[2001:db8::1]:4711` or `2001:db8::1`.
fn forwarded_ip(value: &str) -> Option<IpAddr> {
    let v = value.trim();
    if let Ok(ip) = v.parse() {
        return Some(ip);
    }
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split_once(']').and_then(|(ip, _)| ip.parse().ok());
    }
    v.rsplit_once(':').and_then(|(ip, _)| ip.parse().ok())
}

/// Works out the client. Forwarding headers are believed only from a trusted
/// proxy; the client is then the nearest address in the chain that is not
/// itself a trusted proxy (so a client cannot choose its address by sending
/// its own header through the proxy).
pub fn client_info(headers: &HeaderMap, peer: Option<IpAddr>, trusted: &[IpRange]) -> ClientInfo {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|r| r.contains(ip));
    let Some(peer) = peer else { return ClientInfo { address: "unknown".into(), https: false } };
    if !is_trusted(peer) {
        return ClientInfo { address: peer.to_string(), https: false };
    }
    let mut chain: Vec<String> = forwarded_values(headers, "for");
    if chain.is_empty() {
        chain = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    let ips: Vec<IpAddr> = chain.iter().filter_map(|c| forwarded_ip(c)).collect();
    let client = ips.iter().rev().find(|ip| !is_trusted(**ip)).or(ips.first()).copied().unwrap_or(peer);
    let proto = forwarded_values(headers, "proto").pop().or_else(|| {
        headers
            .get_all("x-forwarded-proto")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|s| s.trim().to_string())
            .next_back()
    });
    ClientInfo { address: client.to_string(), https: proto.is_some_and(|p| p.eq_ignore_ascii_case("https")) }
}

/// Works out who sent the request, once, for the extractors below.
pub async fn identify_client(State(state): State<OfficialsState>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let info = client_info(req.headers(), peer, &state.trusted_proxies);
    req.extensions_mut().insert(info);
    next.run(req).await
}

/// Whether cookies for this request are `Secure` (and `__Host-`): the portal is
/// configured as served over TLS, or a trusted proxy says this request was.
pub fn secure_request(state: &OfficialsState, parts_extensions: &axum::http::Extensions) -> bool {
    state.secure_cookies || parts_extensions.get::<ClientInfo>().is_some_and(|c| c.https)
}

/// Where the request came from, as the activity log and throttling record it.
pub struct Client(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Client(parts.extensions.get::<ClientInfo>().map(|c| c.address.clone()).unwrap_or_else(|| "unknown".into())))
    }
}

/// Whether this request's cookies are `Secure` (see [`secure_request`]).
pub struct Https(pub bool);

impl FromRequestParts<OfficialsState> for Https {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &OfficialsState) -> Result<Self, Self::Rejection> {
        Ok(Https(secure_request(state, &parts.extensions)))
    }
}

/// A form from a signed-in official whose anti-forgery token matches their session.
/// `T` is the form's typed fields (the `csrf` field is checked and dropped).
pub struct CheckedForm<T> {
    pub who: SignedIn,
    pub form: T,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CheckedForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let who = SignedIn::from_request_parts(&mut parts, state).await?;
        let req = Request::from_parts(parts, body);
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|_| bad_form(&who))?;
        let token = pairs.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or("");
        if token != who.csrf() {
            return Err(message(
                StatusCode::FORBIDDEN,
                "Form expired",
                Some(&who),
                "This form could not be checked (it may be old, or sent from another site). Go back, reload the page and \
                 try again.",
            ));
        }
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|_| bad_form(&who))?;
        Ok(CheckedForm { who, form })
    }
}

fn bad_form(who: &SignedIn) -> Response {
    message(
        StatusCode::BAD_REQUEST,
        "Please check",
        Some(who),
        "The form's fields could not be read. Reload the page and try again.",
    )
}

/// Turns a result into the page that answers it.
pub fn respond(who: &SignedIn, r: Result<Page, AppError>) -> Response {
    match r {
        Ok(p) => p.into_response(),
        Err(e) => failed(Some(who), e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let proxy = vec![IpRange::parse("10.0.0.0/8").unwrap()];
        let h = headers(&[("x-forwarded-for", "203.0.113.9"), ("x-forwarded-proto", "https")]);
        let from_proxy = client_info(&h, Some("10.0.0.2".parse().unwrap()), &proxy);
        assert_eq!(from_proxy, ClientInfo { address: "203.0.113.9".into(), https: true });
        let direct = client_info(&h, Some("198.51.100.7".parse().unwrap()), &proxy);
        assert_eq!(direct, ClientInfo { address: "198.51.100.7".into(), https: false });
        let untrusted = client_info(&h, Some("10.0.0.2".parse().unwrap()), &[]);
        assert_eq!(untrusted.address, "10.0.0.2");
    }

    #[test]
    fn a_client_cannot_choose_its_address_through_the_proxy() {
        let proxy = vec![IpRange::parse("10.0.0.2").unwrap()];
        // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 203.0.113.9")]);
        assert_eq!(client_info(&h, Some("10.0.0.2".parse().unwrap()), &proxy).address, "203.0.113.9");
        let f = headers(&[("forwarded", "for=1.2.3.4, for=\"[2001:db8::7]:4711\";proto=https")]);
        let info = client_info(&f, Some("10.0.0.2".parse().unwrap()), &proxy);
        assert_eq!(info, ClientInfo { address: "2001:db8::7".into(), https: true });
    }
}

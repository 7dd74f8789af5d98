//! One connection to the book's server: TLS only, the server's certificate pinned by its SHA-256
//! fingerprint (from the join code), a SCRAM password; every failure named for the owner.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use postgres::config::{ChannelBinding, SslMode};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};

use super::error::{plain_detail, ServerError};

/// The oldest PostgreSQL Rapport works with (`server_version_num`): 13 has everything the
/// schema uses (identity columns, stored generated columns, `pg_current_xact_id`).
pub const MIN_SERVER_VERSION: i32 = 130_000;

/// How long a desk waits for the server before saying it cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Where a book lives: the server and the database on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    pub host: String,
    pub port: u16,
    pub database: String,
}

impl fmt::Display for ServerAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}/{}", self.host, self.port, self.database)
        } else {
            write!(f, "{}:{}/{}", self.host, self.port, self.database)
        }
    }
}

impl ServerAddress {
    /// `host:port`, as a message names the machine that could not be reached.
    pub fn host_port(&self) -> String {
        if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }
}

/// Which server certificate a connection accepts.
#[derive(Clone, PartialEq, Eq)]
pub enum Pin {
    /// Exactly the certificate whose SHA-256 fingerprint starts with these bytes (a join code
    /// carries the first 16, a saved connection all 32; 128 bits are beyond any forgery).
    Sha256(Vec<u8>),
    /// Any certificate, remembering which: the first connection to a server given by its
    /// address alone (as SSH does with a new host); its fingerprint is shown and pinned.
    FirstUse,
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pin::Sha256(bytes) => write!(f, "Pin::Sha256({})", hex(bytes)),
            Pin::FirstUse => write!(f, "Pin::FirstUse"),
        }
    }
}

impl Pin {
    /// A pin from a hexadecimal fingerprint (colons and spaces allowed), 16 to 32 bytes.
    pub fn from_hex(text: &str) -> Result<Pin, ServerError> {
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ':' | ' ' | '-'))
            .collect();
        let digits = digits.strip_prefix("sha256").unwrap_or(&digits);
        let bytes = (0..digits.len())
            .step_by(2)
            .map(|i| {
                digits
                    .get(i..i + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
            })
            .collect::<Option<Vec<u8>>>();
        match bytes {
            Some(bytes) if (16..=32).contains(&bytes.len()) => Ok(Pin::Sha256(bytes)),
            _ => Err(ServerError::Invalid(format!(
                "The certificate fingerprint {text:?} is not a SHA-256 fingerprint (32 to 64 hexadecimal digits)."
            ))),
        }
    }
}

/// The SHA-256 fingerprint of a certificate (DER), as pinned.
pub fn fingerprint(certificate_der: &[u8]) -> [u8; 32] {
    Sha256::digest(certificate_der).into()
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fingerprint as people compare it by eye: AB:CD:…
pub fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Who connects: a login (a PostgreSQL role) and its password.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub login: String,
    pub password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Credentials {{ login: {:?}, password: … }}", self.login)
    }
}

/// Everything a connection needs.
#[derive(Debug, Clone)]
pub struct ConnectSpec {
    pub address: ServerAddress,
    pub pin: Pin,
    pub credentials: Credentials,
}

/// An open connection, with the fingerprint of the certificate the server showed.
pub struct Connected {
    pub client: postgres::Client,
    pub fingerprint: [u8; 32],
    /// `server_version_num`, for example 150018.
    pub server_version: i32,
}

/// Opens a connection to `spec`'s database: TLS with the pinned certificate, SCRAM, then checks
/// the server is new enough. Tables are found in the `rapport` schema.
pub fn connect(spec: &ConnectSpec) -> Result<Connected, ServerError> {
    let server = spec.address.host_port();
    let verifier = Arc::new(PinVerifier::new(spec.pin.clone()));
    let tls = tls_config(verifier.clone())?;
    let mut config = postgres::Config::new();
    config
        .host(&spec.address.host)
        .port(spec.address.port)
        .dbname(&spec.address.database)
        .user(&spec.credentials.login)
        .password(spec.credentials.password.as_bytes())
        .ssl_mode(SslMode::Require)
        // SCRAM bound to this TLS session where the server offers it: a password exchange
        // relayed by a machine in the middle fails.
        .channel_binding(ChannelBinding::Prefer)
        .connect_timeout(CONNECT_TIMEOUT)
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(30))
        .application_name("rapport")
        // No JIT: the book's queries are short, and compiling one the planner thinks costly
        // (a search or Today over 100,000 contacts) took longer than running it.
        .options("-c search_path=rapport -c jit=off");
    let result = config.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls));
    let seen = verifier.seen();
    let mut client = match result {
        Ok(client) => client,
        Err(error) => return Err(connect_error(spec, &error, &verifier)),
    };
    let fingerprint = seen.ok_or_else(|| ServerError::NoTls {
        server: server.clone(),
    })?;
    let version: String = client
        .query_one("SHOW server_version_num", &[])
        .and_then(|row| row.try_get(0))
        .map_err(|e| ServerError::from_db(&server, &spec.credentials.login, &e))?;
    let server_version: i32 = version.trim().parse().unwrap_or(0);
    if server_version < MIN_SERVER_VERSION {
        let shown: String = client
            .query_one("SHOW server_version", &[])
            .and_then(|row| row.try_get(0))
            .unwrap_or(version);
        return Err(ServerError::ServerTooOld {
            server,
            found: shown,
        });
    }
    Ok(Connected {
        client,
        fingerprint,
        server_version,
    })
}

/// Names why a connection failed: the certificate first (nothing was sent then), then what
/// the server said, then the network.
fn connect_error(
    spec: &ConnectSpec,
    error: &postgres::Error,
    verifier: &PinVerifier,
) -> ServerError {
    use postgres::error::SqlState;
    let server = spec.address.host_port();
    if let Some(found) = verifier.refused() {
        return ServerError::CertificateMismatch {
            server,
            found: colon_hex(&found),
        };
    }
    if let Some(db) = error.as_db_error() {
        let code = db.code();
        return if *code == SqlState::INVALID_PASSWORD {
            ServerError::WrongPassword {
                server,
                login: spec.credentials.login.clone(),
            }
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            ServerError::DatabaseMissing {
                server,
                database: spec.address.database.clone(),
            }
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
            || *code == SqlState::INSUFFICIENT_PRIVILEGE
        {
            ServerError::LoginRefused {
                server,
                login: spec.credentials.login.clone(),
                detail: db.message().to_string(),
            }
        } else {
            ServerError::Database {
                server,
                detail: db.message().to_string(),
            }
        };
    }
    let detail = plain_detail(error);
    if detail.contains("server does not support TLS") {
        return ServerError::NoTls { server };
    }
    ServerError::Unreachable {
        server,
        detail: friendly_network_detail(&detail),
    }
}

/// The operating system's words for the usual network failures, shortened to what they mean.
fn friendly_network_detail(detail: &str) -> String {
    if detail.contains("Connection refused") {
        "nothing answers on that port: the database server is not running there".into()
    } else if detail.contains("timed out") || detail.contains("timeout") {
        "no answer within 5 seconds".into()
    } else if detail.contains("failed to lookup address")
        || detail.contains("Name or service not known")
    {
        "that computer name is unknown on this network".into()
    } else if detail.contains("No route to host") || detail.contains("Network is unreachable") {
        "this computer has no way to that address".into()
    } else {
        detail.to_string()
    }
}

/// ring, not aws-lc-rs: aws-lc is C built with cmake (minutes on a small machine, another
/// toolchain on every desk) for post-quantum key exchange, which a connection across the shop's
/// network does not need.
#[allow(deprecated)]
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn tls_config(verifier: Arc<PinVerifier>) -> Result<rustls::ClientConfig, ServerError> {
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| ServerError::Invalid(format!("TLS cannot be set up: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(config)
}

/// Accepts exactly the pinned certificate; no certificate authority is asked. The handshake's
/// signatures are still checked against that certificate's key, so only the holder of the
/// server's private key gets through.
#[derive(Debug)]
pub(crate) struct PinVerifier {
    pin: Pin,
    provider: Arc<CryptoProvider>,
    /// The fingerprint of the certificate the server showed, and whether it was refused.
    seen: Mutex<Option<([u8; 32], bool)>>,
}

impl PinVerifier {
    pub(crate) fn new(pin: Pin) -> PinVerifier {
        PinVerifier {
            pin,
            provider: provider(),
            seen: Mutex::new(None),
        }
    }

    /// The fingerprint of the certificate the server showed, when it was accepted.
    fn seen(&self) -> Option<[u8; 32]> {
        match *self.seen.lock().unwrap_or_else(|e| e.into_inner()) {
            Some((fingerprint, false)) => Some(fingerprint),
            _ => None,
        }
    }

    /// The fingerprint of a certificate that did not match the pin.
    fn refused(&self) -> Option<[u8; 32]> {
        match *self.seen.lock().unwrap_or_else(|e| e.into_inner()) {
            Some((fingerprint, true)) => Some(fingerprint),
            _ => None,
        }
    }
}

impl ServerCertVerifier for PinVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let found = fingerprint(end_entity.as_ref());
        let accepted = match &self.pin {
            Pin::Sha256(pinned) => !pinned.is_empty() && found.starts_with(pinned),
            Pin::FirstUse => true,
        };
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some((found, !accepted));
        if accepted {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "the server's certificate does not match the join code".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_read_with_or_without_colons() {
        let pin = Pin::from_hex("AB:cd:01:23:45:67:89:ab:cd:ef:00:11:22:33:44:55").ok();
        assert_eq!(
            pin,
            Some(Pin::Sha256(vec![
                0xab, 0xcd, 1, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0, 0x11, 0x22, 0x33, 0x44,
                0x55
            ]))
        );
        assert!(Pin::from_hex("abc").is_err());
        assert!(Pin::from_hex(&"zz".repeat(32)).is_err());
    }
}

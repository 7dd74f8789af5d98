//! PostgreSQL on this machine: the cluster Rapport sets the team's book up on, found with
//! Debian's tools (`pg_lsclusters`) and installed through apt when it is missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::store::postgres::ServerError;

/// A PostgreSQL cluster on this machine, and how to act on it.
#[derive(Debug, Clone)]
pub struct LocalCluster {
    /// Where its programs are (`psql` is looked for there, then on the PATH).
    pub bin_dir: PathBuf,
    /// Its data folder, where its certificate and key are written.
    pub data_dir: PathBuf,
    pub port: u16,
    /// The folder of its Unix socket, None for the default.
    pub socket_dir: Option<PathBuf>,
    /// The operating-system user it runs as, when that is not the user running Rapport.
    pub run_as: Option<String>,
    /// The command that restarts it (needed when the addresses it listens on change); None
    /// when it cannot be restarted from here.
    pub restart: Option<Vec<String>>,
}

/// What the local set-up makes the cluster listen on: every address (the shop's network
/// reaches it; pg_hba lets in only TLS with passwords, and only from the local networks).
pub const LISTEN_EVERYWHERE: &str = "*";

/// Installs PostgreSQL through apt when no server is installed; says whether it did.
pub(super) fn ensure_installed() -> crate::Result<bool> {
    if !Path::new("/etc/debian_version").exists() {
        return Err(ServerError::Invalid(
            "Rapport sets PostgreSQL up by itself on Debian and Ubuntu only. Install PostgreSQL 13 or newer, then run `rapport server init --url postgres://ADMIN:PASSWORD@HOST/rapport`.".into(),
        )
        .into());
    }
    if installed_bin_dir().is_some() {
        return Ok(false);
    }
    run_as_root(&["apt-get", "update", "-qq"]).map_err(|e| ServerError::Setup {
        step: "updating apt's package lists".into(),
        detail: e,
    })?;
    run_as_root(&["apt-get", "install", "-y", "-qq", "postgresql"]).map_err(|e| {
        ServerError::Setup {
            step: "installing PostgreSQL (apt-get install postgresql)".into(),
            detail: e,
        }
    })?;
    Ok(true)
}

/// The newest installed server's programs (/usr/lib/postgresql/VERSION/bin).
pub(super) fn installed_bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let version = entry.file_name().to_string_lossy().parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("postgres").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// The machine's cluster as Debian's tools know it (the first `pg_lsclusters` lists), started.
pub(super) fn debian_cluster() -> crate::Result<LocalCluster> {
    let listing =
        run_capture(&["pg_lsclusters", "--no-header"]).map_err(|e| ServerError::Setup {
            step: "listing PostgreSQL's clusters (pg_lsclusters)".into(),
            detail: e,
        })?;
    let fields: Vec<&str> = listing
        .lines()
        .next()
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    let [version, name, port, status, owner, data_dir, ..] = fields[..] else {
        return Err(ServerError::Setup {
            step: "finding PostgreSQL's cluster".into(),
            detail: "pg_lsclusters lists none; make one with `pg_createcluster 15 main --start`"
                .into(),
        }
        .into());
    };
    if status != "online" {
        run_as_root(&["pg_ctlcluster", version, name, "start"]).map_err(|e| {
            ServerError::Setup {
                step: "starting PostgreSQL".into(),
                detail: e,
            }
        })?;
    }
    Ok(LocalCluster {
        bin_dir: PathBuf::from(format!("/usr/lib/postgresql/{version}/bin")),
        data_dir: PathBuf::from(data_dir),
        port: port.parse().unwrap_or(5432),
        socket_dir: None,
        run_as: Some(owner.to_string()),
        restart: Some(vec![
            "pg_ctlcluster".into(),
            version.into(),
            name.into(),
            "restart".into(),
        ]),
    })
}

/// This machine's own IPv4 addresses on its networks (`hostname -I`), loopback left out.
pub(super) fn local_addresses() -> Vec<String> {
    run_capture(&["hostname", "-I"])
        .map(|out| {
            out.split_whitespace()
                .filter(|a| {
                    a.parse::<std::net::Ipv4Addr>()
                        .is_ok_and(|ip| !ip.is_loopback())
                })
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn run_capture(args: &[&str]) -> Result<String, String> {
    let output = Command::new(args[0])
        .args(&args[1..])
        .output()
        .map_err(|e| format!("{} could not be run: {e}", args[0]))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

/// Runs a command that needs the administrator: directly as root, else through `sudo`.
pub(super) fn run_as_root(args: &[&str]) -> Result<(), String> {
    let is_root = run_capture(&["id", "-u"]).is_ok_and(|id| id.trim() == "0");
    let mut command = if is_root {
        let mut c = Command::new(args[0]);
        c.args(&args[1..]);
        c
    } else {
        let mut c = Command::new("sudo");
        c.args(args);
        c
    };
    let output = command
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output()
        .map_err(|e| format!("{} could not be run: {e}", args[0]))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

//! The hints shown with findings: each says what to do and, for a warning, why the text
//! may be a problem.

pub(super) const HINT_NETWORK: &str = "Remove network addresses (RSMo 610.021(21)).";
pub(super) const HINT_VERSION: &str = "Remove software and firmware versions (RSMo 610.021(21)).";
pub(super) const HINT_VERSION_UNSURE: &str = "A version number of something this sentence does not name: if it is software or firmware, remove it (RSMo 610.021(21)); a version of a report or policy is fine.";
pub(super) const HINT_CREDENTIAL: &str =
    "Remove the user name, password or key; describe the control in general terms instead.";
pub(super) const HINT_RECIPE: &str = "This says how a password or code is made (a name, a date, a word plus a number): that is as good as the password itself. Remove it (RSMo 610.021(22)).";
pub(super) const HINT_WEAK: &str = "This says a password is the default, blank, unchanged or missing, which tells an attacker how to log in. Remove it (RSMo 610.021(21)).";
pub(super) const HINT_SHARED: &str = "This says one password or code is shared across devices or people; an attacker learns that one guess opens all. Say that credentials are managed, not how.";
pub(super) const HINT_KEPT: &str = "This says where a key, code or password is kept. Say that keys and codes are secured, not where (RSMo 610.021(22)).";
pub(super) const HINT_CUSTODY: &str = "This names who holds a key, which tells an attacker whom to target. Describe the custody rule (e.g. two-person control) instead.";
pub(super) const HINT_SCHEDULE: &str = "This gives the schedule of a guard, patrol, alarm, camera or backup, or a gap in it. Say that the site is protected, not when (RSMo 610.021(18)).";
pub(super) const HINT_SCHEDULE_PURCHASE: &str = "Purchases of security services are open records, but this sentence also gives a schedule or hours of coverage, which are not. Keep the purchase and cost; remove the times.";
pub(super) const HINT_BACKUP: &str = "A backup or review schedule this sparse tells an attacker how long a change could go unnoticed. Say that backups are made and tested, not how often.";
pub(super) const HINT_DEFENCE: &str = "This says a defence (logging, a sensor, an alarm, MFA, encryption, anti-malware, updates) is off or broken. Remove it until it is fixed (RSMo 610.021(18), (21)).";
pub(super) const HINT_REMOTE: &str = "This says a remote-access tool is installed, running or used on election systems: a way in for an attacker. Remove it (RSMo 610.021(21)).";
pub(super) const HINT_REMOTE_UNSURE: &str = "This names a remote-access tool or remote access without saying it was removed; if it is installed or enabled anywhere, remove the sentence (RSMo 610.021(21)).";
pub(super) const HINT_WEAKNESS: &str = "This says a known weakness is still in place (a protocol or sign-in attackers can break, a system without security updates, a rule open to everything, a sign-in without MFA, rights for everyone, an account of someone who left). Remove it until it is fixed (RSMo 610.021(21)).";
pub(super) const HINT_LAPSE: &str = "This says a control lapses in practice: a code everyone knows or a login everyone shares, a key or password in plain sight, access never taken back or a key held far beyond the office, logs or checks nobody makes, a proof of identity anyone has, a door held open or shut by a makeshift fix, one person a process rests on or alone at a known time, or materials left unguarded. It tells an attacker where to go; remove it until it is fixed (RSMo 610.021(18), (21)).";
pub(super) const HINT_HOST: &str = "Remove internal host names (RSMo 610.021(21)).";
pub(super) const HINT_HOST_UNDER_PUBLIC: &str = "This host name is under a public domain but looks like an internal server (a number or a word like vpn, db, dc, backup), not a public web host. Remove it (RSMo 610.021(21)).";
pub(super) const HINT_PATH: &str =
    "Remove file-share paths and share names (\\\\server\\share); they map the network (RSMo 610.021(21)).";
pub(super) const HINT_WIFI: &str = "Remove Wi-Fi network names (SSIDs) and their passwords (RSMo 610.021(21)).";
pub(super) const HINT_PHYSICAL: &str = "Describe physical security in general terms; remove placements, coverage, gaps, schedules, keys and codes (RSMo 610.021(18)).";
pub(super) const HINT_FIXTURE_PURCHASE: &str = "Purchases are open records, but this sentence also says where a security device is placed. Keep the purchase and cost; remove the placement.";
pub(super) const HINT_WATCH: &str =
    "Naming this product's model with how it is set up tells attackers what to target; say what it does instead.";
pub(super) const HINT_CODE: &str = "Remove access codes and PINs (RSMo 610.021(22)).";
pub(super) const HINT_EXPOSURE: &str = "This says an election system is reachable from more than it should be (the internet, a shared or guest network, any badge, any USB drive): a way in for an attacker. Say that access is controlled, not how (RSMo 610.021(21)).";
pub(super) const HINT_EXPOSURE_UNSURE: &str = "This says how a system reaches a network (a modem, a cellular link, a hotspot). If it is an election system, that is its configuration: remove it (RSMo 610.021(21)); if it is public information (e.g. the state's own description), it may stay.";
pub(super) const HINT_SHARE: &str =
    "This names a file share: it maps the network (RSMo 610.021(21)). Remove the share's name.";
pub(super) const HINT_SPANISH: &str = "Esta frase en español da un detalle de seguridad (un código, una contraseña, dónde se guarda una llave, cuándo no hay vigilancia, una defensa apagada). Quítelo (RSMo 610.021(18), (21), (22)). This Spanish sentence gives a security detail; remove it.";
pub(super) const HINT_SPANISH_UNSURE: &str = "Esta frase en español puede dar un detalle de seguridad (una cuenta compartida, la frecuencia de los respaldos). Revísela. This Spanish sentence may give a security detail (a shared account, how rarely backups are made); check it.";
pub(super) const HINT_MEANING_LEAD: &str =
    "No rule matched, but this sentence reads like a defensive detail to the learned model:";
pub(super) const HINT_MEANING_TAIL: &str = " weighed most. If it says where something is kept, when a place is unwatched, who can get in or how a defence is weakened, remove that detail (RSMo 610.021(18), (21), (22)); otherwise it may stay.";

//! The scanner against labelled corpora written for this project: defensive details
//! it must find (`D`), and ordinary public prose it must let through (`P`). Every corpus
//! in `tests/data` is measured and its figures printed (`scripts/test.sh` shows them):
//!
//! - `scanner-corpus.tsv`: the first development corpus, used while writing the rules.
//! - `scanner-corpus-holdout.tsv`: written separately, without sight of the rules or the
//!   first corpus.
//! - `scanner-corpus-dev2.tsv`: the second development corpus, aimed at what a second
//!   held-out set showed the scanner missing or flagging wrongly.
//! - `scanner-corpus-holdout2.tsv`: written before the second revision of the rules and
//!   never edited since. Its figures are not blind: its misses were printed, and seen,
//!   while the rules were tuned.
//! - `scanner-corpus-blind.tsv`: written by someone who never saw the rules, and measured
//!   once when the rules were final (86% recall, 2% false positives, reported). Since
//!   2026-11-30 it is a development corpus, like blind 2 and 3 (below).
//! - `scanner-corpus-dev3.tsv`: the third development corpus (100 D, 100 P), written
//!   BEFORE the third revision of the rules and without reading them, from the categories
//!   issue 10 item 25 lists (numbers in English and Spanish words, passwords in prose,
//!   where keys, codes and backups are kept, schedules and gaps, remote access left on,
//!   defences off, internal hosts under public domains, shares, Wi-Fi, shared accounts,
//!   coverage gaps; and versions of documents, public entrances and hours, purchases with
//!   their cost, other states' and federal offices' domains and phone numbers). The rules
//!   were then revised against it and the earlier corpora, so its figure is a fitted one.
//! - `scanner-corpus-holdout3.tsv`: 60 D and 60 P written at the same time as dev3, before
//!   the revision, then not looked at (its misses were never printed while tuning) and
//!   measured once at the end. Reported, not fitted; its hash is checked.
//!
//! - `scanner-corpus-blind2.tsv`: the second blind corpus (100 D, 100 P), written on
//!   2026-11-29 by someone told not to read the rules, the other corpora or the code, in
//!   parallel with the third revision, and measured once after it (52% and 3%, reported).
//!   A development corpus since 2026-11-30.
//!
//! - `scanner-corpus-dev4.tsv`: the fourth development corpus (153 D, 170 P), written for
//!   the learned second opinion in the voice of county updates, expenditure descriptions
//!   and correction notes, English and Spanish, from dev3's categories told in plain prose.
//!   The rules have not been revised against it yet: its false positives are held to the
//!   goal, its recall is printed with its misses (the work left).
//!
//! - `scanner-corpus-dev5.tsv`: the fifth development corpus (200 D, 200 P), training data
//!   for the learned model written by someone who read no rule, corpus or code, in many
//!   voices (clerks, newsletters, minutes, invoices, correction notes), a fifth of it in
//!   Spanish, with weaknesses told in plain words and the public sentences that look like
//!   them. Measured like development 4 (false positives held to the goal, recall printed).
//!
//! - `scanner-corpus-blind3.tsv`: the third blind corpus (100 D, 100 P), written on
//!   2026-11-29 by someone who read no rule, corpus or code, while the learned model was
//!   built, and measured once after it (rules 75% and 5%, with the model 90% and 5%,
//!   reported). A development corpus since 2026-11-30.
//!
//! - On 2026-11-30, before the fourth blind corpus (below) was measured, the three blind
//!   corpora above became development corpora (bar `Growing`): their false alarms were
//!   read and the rules revised against them (numbered sections, public phone lines and
//!   mailboxes, social platforms, certified voting-system versions), and the learned
//!   model is fitted on them too. Each blind corpus is measured once, then learned from.
//!
//! - `scanner-corpus-blind4.tsv`: the fourth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, and measured once after that
//!   revision and refit (rules 56% and 1.3%, with the model 84% and 2%, reported). A
//!   development corpus since the second revision of 2026-11-30 (below).
//!
//! - On 2026-11-30, before the fifth blind corpus was measured, blind 4 became a
//!   development corpus too: the rules were revised against its false alarms and misses
//!   on principle (a new family, known weaknesses still in place; "Corrected the …:"
//!   heads a corrected text and is not a repair; role mailboxes such as audit@), and the
//!   model refitted on it.
//!
//! - `scanner-corpus-blind5.tsv`: the fifth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, and measured once after that
//!   second revision and refit (rules 53.3% and 0.7%, with the model 86.7% and 0.7%,
//!   reported). A development corpus since the third revision (below).
//!
//! - On 2026-11-30, before the sixth blind corpus was measured, blind 5 became a
//!   development corpus: the rules were revised against its misses on principle (a new
//!   family, controls that lapse in practice: a code everyone knows, a login everyone
//!   shares, access never taken back, logs nobody reads, a makeshift barrier, a rule that
//!   lets anyone in; "since the repair" dates a fault rather than fixing it), and the
//!   model refitted on it.
//!
//! - `scanner-corpus-blind6.tsv`: the sixth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, and measured once after that
//!   third revision and refit (rules 40% and 0%, with the model 76.7% and 0%, reported).
//!   A development corpus since the fourth revision (below).
//!
//! - On 2026-11-30, before the seventh blind corpus was measured, blind 6 became a
//!   development corpus: the lapsed-control family was widened on principle against its
//!   misses (a step done without its check, access wider than the job, people never
//!   vetted, ballots moved or waiting without their safeguards, backups that do not
//!   restore, one person everything rests on, what nobody would notice, where an official
//!   lives), and the model refitted on it.
//!
//! - `scanner-corpus-blind7.tsv`: the seventh blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in many document voices, and
//!   measured once after that fourth revision and refit (rules 36.7% and 2%, with the
//!   model 77.3% and 2%, reported). A development corpus since the fifth revision (below).
//!
//! - On 2026-11-30, before the eighth blind corpus was measured, blind 7 became a
//!   development corpus: the rules were widened on principle against its misses (a proof
//!   of identity anyone has, a count or hash nobody checks, one person a process rests on,
//!   work done unwatched or at someone's home, materials left in the open; a certified
//!   voting system's version is public), and the model refitted on it.
//!
//! - `scanner-corpus-blind8.tsv`: the eighth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, as an auditor's findings told
//!   carelessly, with ordinary sentences close to them in vocabulary, and measured once
//!   after that fifth revision and refit (rules 47.3% and 0%, with the model 85.3% and
//!   0.7%, reported). A development corpus since the sixth revision (below).
//!
//! - On 2026-11-30, before the ninth blind corpus was measured, blind 8 became a
//!   development corpus: the rules were widened on principle against its misses (one
//!   person alone at a known time, a personal account doing the office's work, a call not
//!   returned, keys nobody can account for, a promised safeguard never built;
//!   "replacement ballots" are not a repair), and the model refitted on it.
//!
//! - `scanner-corpus-blind9.tsv`: the ninth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in the voices of a rural
//!   county, an urban county and a state division (updates, grant reports, budget
//!   justifications), and measured once after that sixth revision and refit (rules 44.7%
//!   and 0.7%, with the model 85.3% and 0.7%, reported). A development corpus since the
//!   seventh revision (below).
//!
//! - On 2026-11-30, before the tenth blind corpus was measured, blind 9 became a
//!   development corpus: the rules were widened on principle against its misses (keys and
//!   codes held far beyond the office, one person alone at a known time, a checker who
//!   checks their own work, a check nobody makes, whoever turns up taken at their word,
//!   materials on an open table; "until the replacement arrives" awaits a repair and "how
//!   to restore" names a skill, neither is a repair), and the model refitted on it.
//!
//! - `scanner-corpus-blind10.tsv`: the tenth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in the voices of after-action
//!   reports, help-desk tickets, training manuals, board minutes, answers to journalists
//!   and grant close-outs, and measured once after that seventh revision and refit (rules
//!   40.7% and 2.0%, with the model 86.7% and 4.7%, reported). A development corpus since
//!   the eighth revision (below).
//!
//! - On 2026-11-30, before the eleventh blind corpus was measured, blind 10 became a
//!   development corpus: the rules were widened on principle against its misses and false
//!   alarms (a safeguard disabled only in settings, a fence with a gap, seals that peel off
//!   without a mark, a secret shared with a whole crew, a code never changed after someone
//!   left, a door opened without a badge; "stored under bipartisan seal" is not a place, an
//!   alarm that "sounded at 7:12 p.m." is not a schedule, an instruction that forbids a
//!   lapse is not one, and a fix requested or possible is not a fix done), and the model
//!   refitted on it.
//!
//! - `scanner-corpus-blind11.tsv`: the eleventh blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in the voices of a township
//!   newsletter, a state auditor's findings, an IT director's report, social-media answers,
//!   legislative testimony and an election-night log, and measured once after that eighth
//!   revision and refit (rules 52.7% and 0%, with the model 88.7% and 1.3%, reported). A
//!   development corpus since the ninth revision (below).
//!
//! - On 2026-11-30, before the twelfth blind corpus was measured, blind 11 became a
//!   development corpus: the rules were widened on principle against its misses (a
//!   safeguard installed but not switched on, a door propped or a gate that sticks open, a
//!   factory-default combination, a reset for anyone who calls, a step signed by whoever
//!   comes in first, an alert that goes to someone who retired, an incident nobody
//!   reported; a repair only scheduled is not a repair), and the model refitted on it.
//!
//! - `scanner-corpus-blind12.tsv`: the twelfth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in the voices of a clerk's
//!   e-mails with the state's security liaison, a vendor's service report, an inspector
//!   general's report, a risk register, an observer's complaint and its reply, a records
//!   request's cover letter and a retiring employee's notes, and measured once after that
//!   ninth revision and refit (rules 52.7% and 0.7%, with the model 88.0% and 3.3%,
//!   reported). A development corpus since the tenth revision (below).
//!
//! - On 2026-11-30, before the thirteenth blind corpus was measured, blind 12 became a
//!   development corpus: the rules were widened on principle against its misses and its
//!   rule false alarm (a PIN given as "use 2468", a passphrase printed on a sign, keys on
//!   the honor system, a door that opens without a badge, footage overwritten before the
//!   canvass ends, a policy never pushed, a login set at installation; "exempt from
//!   disclosure" is no exemption from a control), and the model refitted on it.
//!
//! - `scanner-corpus-blind13.tsv`: the thirteenth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in the voices of a city
//!   commission's press releases, a rural or tribal polling-place coordinator, a university
//!   clinic's assessment, a sheriff's liaison memo, a procurement justification, a poll
//!   worker's handwritten incident report and a newspaper Q&A, and measured once after that
//!   tenth revision and refit (rules 42.7% and 2.0%, with the model 90.0% and 6.0%,
//!   reported). A development corpus since the eleventh revision (below).
//!
//! - On 2026-11-30, before the fourteenth blind corpus was measured, blind 13 became a
//!   development corpus: the rules were widened on principle against its misses and its
//!   three rule false alarms (a password that works on every device, a trick around a
//!   lock, someone let in without a badge, the two-person rule skipped, a door that
//!   defaults to open, a call tree that rings someone who left; a poll worker's log is not
//!   a schedule, and a door "locked right away" was fixed), and the model refitted on it.
//!
//! - `scanner-corpus-blind14.tsv`: the fourteenth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in the voices of an audit
//!   report, a grant's quarterly progress report, commission minutes, a warehouse
//!   manager's checklist notes, a precinct captain's texts, a state director's letter and a
//!   website correction notice, and measured once after that eleventh revision and refit
//!   (rules 50.0% and 0.7%, with the model 90.0% and 3.3%, reported). A development corpus
//!   since the twelfth revision (below).
//!
//! - On 2026-11-30, before the fifteenth blind corpus was measured, blind 14 became a
//!   development corpus: the rules were widened on principle against its misses and its
//!   rule false alarm (codes anyone could guess or already holds, a barrier out of order
//!   in plain words, a watch that covers part of the day, one person alone with ballots,
//!   ballots stored where anyone can reach them, a step skipped on instruction, no
//!   encryption, a network sharing a switch with another; a repair only claimed, refused,
//!   imagined or on order is no repair, and "report any broken seal" names what to watch
//!   for), and the model refitted on it.
//!
//! - `scanner-corpus-blind15.tsv`: the fifteenth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in the voices of a county
//!   clerk's weekly blog, an IT contractor's close-out memo, county board minutes, a state
//!   inspector's site-visit write-up, a voter hotline FAQ, grant reimbursement line items
//!   and warehouse staff's chat, and measured once after that twelfth revision and refit
//!   (rules 71.3% and 0%, with the model 94.0% and 4.0%, reported). A development corpus
//!   since the thirteenth revision (below).
//!
//! - On 2026-11-30, before the sixteenth blind corpus was measured, blind 15 became a
//!   development corpus: the rules were widened on principle against its misses (a reset
//!   over the phone on a name alone, a watch only in business hours, nobody walking a
//!   round, logs unread since someone left, a lock overridden, an account active all year,
//!   one technician with the memory cards, a code revealed by wear, a key never rotated or
//!   unaccounted for, a padlock not actually locked, patching paused, devices that cannot
//!   be upgraded, multi-factor not yet enabled), and the model refitted on it.
//!
//! - `scanner-corpus-blind16.tsv`: the sixteenth blind corpus (150 D, 150 P), written on
//!   2026-11-30 by someone who read no rule, corpus or code, in the voices of a state
//!   director's legislative testimony, a county's cybersecurity assessment summary, a poll
//!   worker training handout, a rural clerk's letters to residents, a facilities manager's
//!   work orders, a local news interview and a vendor's maintenance log, and measured once
//!   after that thirteenth revision and refit (rules 71.3% and 2.0%, with the model 96.0%
//!   and 4.0%, reported). A development corpus since the fourteenth revision (below).
//!
//! - On 2026-11-30, before the seventeenth blind corpus was measured, blind 16 became a
//!   development corpus: the rules were widened on principle against its misses (dummy
//!   cameras, a control not re-enabled, a kiosk exited by a tap sequence, a verification
//!   word stated, a password left blank or visible, a lockbox that opens with the zip
//!   code, an all-access key, standing remote access, a device supposed to be removed) and
//!   its three rule false alarms ("allow anyone in line" is no firewall rule, a certified
//!   election management system's version is public, systems retired for being
//!   unsupported are gone), and the model refitted on it.
//!
//! - `scanner-corpus-blind17.tsv`: the seventeenth blind corpus (150 D, 150 P, most
//!   ordinary sentences near misses in security words), written on 2026-11-30 by someone
//!   who read no rule, corpus or code, in the voices of a Secretary of State's press
//!   briefing, a county IT ticket queue, a grant sub-recipient's quarterly narrative, an
//!   election judge's end-of-day checklist, a commissioner's newsletter column, a security
//!   contractor's shift report and a records officer's replies, and measured once after
//!   that fourteenth revision and refit (rules 64.7% and 1.3%, with the model 94.7% and
//!   2.7%, reported). A development corpus since the fifteenth revision (below).
//!
//! - On 2026-11-30, before the eighteenth blind corpus was measured, blind 17 became a
//!   development corpus: the rules were widened on principle against its misses (a
//!   protection never switched on or set to log-only, a check dropped from a job, a
//!   network "not really air-gapped", a live wall jack, a hard-coded or default login, a
//!   password reset to a guessable value, a token never revoked, a copy of the master key
//!   kept, access granted to a whole department, a door left unlatched at a time, a door
//!   contact zip-tied, seals lifted with a hair dryer, a recorder that overwrites itself,
//!   ballots alone with one person, a courier always on the same route, a step done
//!   "without reporting it"), and the model refitted on it.
//!
//! - `scanner-corpus-blind18.tsv`: the eighteenth blind corpus (150 D, 150 P, a third of
//!   the ordinary sentences near misses in security words and a third of the defensive
//!   ones in plain words), written on 2026-11-30 by someone who read no rule, corpus or
//!   code, in the voices of a county commission budget hearing, a deputy clerk's text
//!   thread with the custodian, an after-action review, an election judges' training
//!   quiz, a tabulator procurement's questions and answers, the office's social-media
//!   posts, a risk-limiting audit team's field notes, a facilities manager's renovation
//!   e-mails, a deputy's ballot escort log and a tabletop exercise summary, and measured
//!   once after that fifteenth revision and refit (rules 56.0% and 2.7%, with the model
//!   92.0% and 5.3%, reported). A development corpus since the sixteenth revision (below).
//!
//! - On 2026-11-30, before the nineteenth blind corpus was measured, blind 18 became a
//!   development corpus: the rules were widened on principle against its misses (a
//!   window that doesn't lock, a key the same for every machine, ballots in a worker's
//!   own car or a coat pocket, a login on a sticky note or sent by text, a fence with a
//!   gap, a padlock not on, a drop box not bolted down, no background checks, one person
//!   the only one in the building, a route the same every night, a log treated as
//!   optional, a recorder that records over itself, no record of who opens a cabinet,
//!   plugins not updated in years) and its rule false alarms (a log entry headed by its
//!   time, "Escort log, 20:00:", is no guard's schedule), and the model refitted on it.
//!
//! - `scanner-corpus-blind19.tsv`: the nineteenth blind corpus (150 D, 150 P, a third of
//!   each near misses), written on 2026-11-30 by someone who read no rule, corpus or
//!   code, in the voices of a state performance audit, a judge's voicemail to the clerk,
//!   a ballot printer's production notes, canvass board minutes, a researcher's audit
//!   observation notes, a seasonal-worker onboarding checklist, a radio call-in show, a
//!   mail ballot center's supervisor log, an insurance inspector's warehouse report and
//!   an IT change calendar, and measured once after that sixteenth revision and refit
//!   (rules 50.7% and 2.0%, with the model 91.3% and 2.7%, reported). A development
//!   corpus since the seventeenth revision (below).
//!
//! - On 2026-11-30, before the twentieth blind corpus was measured, blind 19 became a
//!   development corpus: the rules were widened on principle against its misses (badges
//!   workers may keep, anyone in county government able to open a folder, a master key
//!   sold online, one alarm code shared, a worker alone overnight, a door tied shut or
//!   stuck open, media in a pocket or an unsealed envelope, a driver asleep in the cab,
//!   a count redone until it matches, multi-factor disabled on instruction, networks not
//!   separated, a laptop still signed in) and two of its rule false alarms ("nobody
//!   waited" is no absence; a quarterly restore test is no backup schedule), and the model
//!   refitted on it.
//!
//! - `scanner-corpus-blind20.tsv`: the twentieth blind corpus (150 D, 150 P, a third of
//!   each near misses), written on 2026-11-30 by someone who read no rule, corpus or
//!   code, in the voices of a grand jury report, a poll worker's diary, a state security
//!   advisor's site-visit letter, a courier's dispatch notes, a county attorney's memo, a
//!   podcast with a retired clerk, all-staff e-mails, a vendor's support chat, a
//!   neighbourhood newsletter and a budget request narrative, and measured once after
//!   that seventeenth revision and refit (rules 59.3% and 0%, with the model 92.0% and
//!   2.7%, reported). A development corpus since the eighteenth revision (below).
//!
//! - On 2026-11-30, before the twenty-first blind corpus was measured, blind 20 became a
//!   development corpus: the rules were widened on principle against its misses (a
//!   former worker still able to sign in, accounts active after their owners left,
//!   software that no longer receives fixes or has not been updated in years, remote
//!   access left on, a failed check ignored, ballot equipment on the general network, a
//!   shared sign-in passed down, credentials on postcards, cards that can be copied, a
//!   code that opens every cabinet, a key set missing, tamper tape that comes off clean,
//!   logs that write over themselves, no generator; one worker instead of two, nobody
//!   checking an ID, equipment left in the dark or in an empty building, a key on a
//!   custodian's own key chain, ballots in personal cars, a door that never locks or has
//!   been broken for months, seal numbers no longer written down), and the model
//!   refitted on it.
//!
//! - `scanner-corpus-blind21.tsv`: the twenty-first blind corpus (150 D, 150 P, a third of
//!   each near misses), written on 2026-11-30 by someone who read no rule, corpus or
//!   code, in the voices of a state election director's testimony, a warehouse forklift
//!   operator's shift notes, a civics teacher's field-trip report, a security vendor's
//!   sales proposal, a township clerk's letter, a poll watchers' forum thread, a drop-box
//!   technician's work orders, a precinct-mapping staffer's notes, an ombudsman's reply to
//!   a complaint and a translator's glossary queries, and measured once after that
//!   eighteenth revision and refit (rules 63.3% and 1.3%, with the model 91.3% and
//!   4.7%, reported). A development corpus since the nineteenth revision (below).
//!
//! - On 2026-12-01, before the twenty-second blind corpus was measured, blind 21 became a
//!   development corpus: the rules were widened on principle against its misses (a check
//!   nobody makes: nobody signing visitors in, checking the rooms, stopping strangers,
//!   looking inside bags, counting what came back or emptying a box on Sundays; a seal
//!   log signed before the seals are read; a swap not written up; no record of who
//!   enters; a discrepancy ignored below a threshold; a patrol you could set your watch
//!   by; and a barrier that gives way: a door that opens with a tug or a screwdriver, a
//!   slot wide enough for a hand, a box held by half its bolts, a broken lock, a door
//!   found propped or wide open, a closet not locked, a box in the dark, an extinguisher
//!   never refilled, an alarm never hooked up, one worker left alone, a laptop the
//!   family shares, a binder that lists the alarm code, a share open to everyone, paper
//!   badges anyone could make, reused seals; Spanish equivalents, and a Spanish accent
//!   the rules had never matched ("nadie desactivó", "nunca se cambió")), software left
//!   without fixes moved to `known-weakness` where it belongs, and the model refitted
//!   on it.
//!
//! - `scanner-corpus-blind22.tsv`: the twenty-second blind corpus (150 D, 150 P),
//!   written on 2026-12-01 by someone who read no rule, corpus or code, in the voices of
//!   a county commissioner at a budget hearing, an IT help-desk ticket log, a student poll
//!   worker's diary, an insurance adjuster's site visit after a roof leak, a reporter's
//!   interview notes, a state auditor's management letter, a night janitorial
//!   supervisor's notes, an equipment delivery driver's route log, a civic group's
//!   observer report and a Spanish-language community radio interview, and measured once
//!   after that nineteenth revision and refit (rules 54.7% and 0.7%, with the model 90.0%
//!   and 4.0%, reported). A training corpus of the model since the twentieth revision
//!   (below); its misses are left for the rules' next round.
//!
//! - On 2026-12-01, before the twenty-third blind corpus was measured, the twentieth
//!   revision changed the model, not the rules: it keeps 15,000 features instead of
//!   3,000 with a lighter shrinkage (3e-5 instead of 1e-4), chosen on the model's own
//!   left-out figures (at 2% of ordinary sentences flagged, the model alone found 90.8%
//!   instead of 88.1%), and was refitted with blind 22 among its corpora.
//!
//! - `scanner-corpus-blind23.tsv`: the twenty-third blind corpus (150 D, 150 P), written
//!   on 2026-12-01 by someone who read no rule, corpus or code, in the voices of a
//!   property manager's e-mails about an early-voting storefront, two election judges'
//!   text messages on election night, a retired clerk's memoir, a locksmith's job
//!   tickets, a legislator's newsletter, a temp agency's placement notes, a continuity
//!   plan draft, a TV reporter's live-shot scripts, a poll-book vendor's release notes
//!   and a Spanish-language community chat group, and measured once after that twentieth
//!   revision and refit (rules 51.3% and 0.7%, with the model 96.0% and 6.7%, reported).
//!   A training corpus of the model since the twenty-first revision (below); no rule has
//!   read it.
//!
//! - `scanner-corpus-dev6.tsv` to `scanner-corpus-dev11.tsv`: six development corpora
//!   (150 D, 150 P each, a tenth Spanish, a third of the ordinary sentences near misses),
//!   written on 2026-12-01 for the model by six writers who read no rule, corpus or code,
//!   each in ten voices of its own: a small county's fair booth, school, snowplow
//!   dispatch, letters to the editor, library, farm bureau, shuttle driver, church
//!   custodian, township board and a farmworkers' radio segment (6); a system
//!   administrator's pager notes, a vendor bulletin, a state security officer's digest, a
//!   knowledge-base article, change requests, a cloud migration's status, an intern's
//!   journal, an awareness bulletin, a records clerk's notes and an IT support chat (7); a
//!   court hearing, an attorney general's opinion, a records request log, a fiscal note, a
//!   city manager's memo, state board minutes, a risk manager's memo, an ethics finding, a
//!   deposition and a legal-aid flyer (8); poll worker recruiting, a resignation letter,
//!   review notes, a grievance, a trainer's notes, parents' chat, a veteran's blog, an exit
//!   interview, a language-access coordinator and a training Q&A (9); movers, an HVAC
//!   contractor, a printing plant, an equipment inventory, a fleet log, a fire marshal, a
//!   parking attendant, a postal carrier, a guard company's post orders and the custodial
//!   staff's messages (10); a podcast, a fact-checker, an explainer video, a forum thread,
//!   a school newspaper, hotline calls, an op-ed, a documentary's notes, a campaign's
//!   debrief and a TV segment (11). Added in the twenty-first revision (below) and fitted;
//!   no rule has read them.
//!
//! - On 2026-12-01 the twenty-first revision added blind 23 and development 6–11 to the
//!   model's corpora and chose its threshold so that the left-out false positives keep to
//!   the goal both over every training corpus and over the eight no rule has read
//!   (`model::unread_by_rules()`): the rules have read the others' misses, so their
//!   left-out figures flatter the rules, and only the eight say what rules and model do
//!   on a stranger's text.
//!
//! - `scanner-corpus-blind24.tsv`: the twenty-fourth blind corpus (150 D, 150 P), written
//!   on 2026-12-01 by someone who read no rule, corpus or code, in the voices of a
//!   sheriff's dispatch log on election night, a canvass board's certification memo, a
//!   municipal clerk's answers in a town social-media group, a chamber of commerce
//!   newsletter, an accessibility advocate's site survey, a veterans' hall manager's
//!   texts, a state security contractor's invoice notes, an intern's onboarding notes, a
//!   treasurer's memo on grant reimbursements and a Spanish-language senior centre's
//!   announcements, and measured once after that twenty-first revision and refit (rules
//!   49.3% and 0.7%, with the model 87.3% and 0.7%, reported). A training corpus of the
//!   model since the twenty-second revision (below); no rule has read it.
//!
//! - On 2026-12-01 the twenty-second revision made one list of the words that deny what
//!   follows (`patterns::NEGATION`, now with "cannot", "may not", "must not", "no
//!   longer", "don't"…) for every pattern that reads a denial, so that a rule such as
//!   "keys may not be taken home" is no longer read as a key taken home, and a `taken_home`
//!   lapse with a denial before its verb stands down; blind 24 joined the model's corpora
//!   and the model was refitted. Its misses were not read.
//!
//! - `scanner-corpus-blind25.tsv`: the twenty-fifth blind corpus (150 D, 150 P), written
//!   on 2026-12-01 by someone who read no rule, corpus or code, in the voices of a 911
//!   addressing coordinator, a bilingual poll worker's diary, a state archivist's memo, a
//!   janitorial contractor's walkthrough notes, a youth registration drive's messages, a
//!   grants accountant's year-end notes, a rides-to-the-polls coordinator, an audit board
//!   member's notes, a county attorney's litigation-hold e-mails and a Spanish-language
//!   live video from a community organizer, and measured once after that twenty-second
//!   revision and refit (rules 49.3% and 0.7%, with the model 92.0% and 1.3%, reported).
//!   A training corpus of the model since the twenty-third revision (below); no rule has
//!   read it.
//!
//! - `scanner-corpus-dev12.tsv` to `scanner-corpus-dev17.tsv` and
//!   `scanner-corpus-blind26.tsv`: seven corpora (150 D, 150 P each, a tenth Spanish, a
//!   third of the ordinary sentences near misses) written on 2026-12-01 for the model by
//!   seven writers who read no rule, corpus or code, each in ten voices of its own,
//!   leaning toward a small rural county (12), technical people in a large county (13),
//!   buildings and trades (14), informal personal writing (15), formal documents (16) and
//!   teaching and explaining (17); blind 26 was asked for free voices, and because six of
//!   its ten came out the same kinds as those of development 12–15 written beside it, it
//!   was not measured as a blind set but joined the others in training. Added in the
//!   twenty-third revision (below) and fitted; no rule has read them.
//!
//! - On 2026-12-01 the twenty-third revision changed neither rule nor learner: blind 25,
//!   development 12–17 and blind 26 joined the model's corpora (all of them unread by the
//!   rules) and the model was refitted, its threshold chosen as before (0.89; left out one
//!   at a time, the seventeen unread sets: rules 53.1% and 0.7%, with the model 90.4% and
//!   2.0%). No rule was revised against their misses.
//!
//! - `scanner-corpus-blind27.tsv`: the twenty-seventh blind corpus (150 D, 150 P),
//!   written on 2026-12-01 by someone who read no rule, corpus or code and was asked for
//!   ten voices of kinds no earlier writer had used: an amateur radio emergency net's log,
//!   a sign shop's work orders, a hiring panel's interview notes, a mail-ballot team
//!   lead's handoff notes, a graduate student's field notes, a museum curator's exhibit
//!   planning, a director's notes from one-on-ones, a crime novelist's research notes, a
//!   workplace-safety committee's minutes and a Spanish translator's working notes; measured
//!   once after that twenty-third revision and refit. Reported, not fitted; its hash is
//!   checked.
//!
//! The learned model (`scanner/model.rs`, rule `meaning`, warnings only) is fitted on the
//! corpora with a bar (development 1–17, held-out 1–2, the former blind 1–26) and never on
//! blind 27 or held-out 3. Its figures on its own training corpora are fitted ones; the honest
//! estimate is `learned_model_is_measured_leave_one_corpus_out`, which for each training
//! corpus fits a model here on the others and measures rules + model on the one left
//! out. The committed threshold was chosen from those figures (pooled false positives
//! within the goal), not from the blind ones. Every corpus prints what the rules alone
//! find and what the model adds.
//!
//! The blind corpora were never opened while the rules were written; only their
//! aggregate figures, which this test prints, were seen. For a reported corpus the test
//! prints the figures alone, never the sentences it missed or flagged, so that running
//! it does not turn a held-out set into a development one.
//!
//! The goal everywhere is recall of at least 95% and false positives of at most 2%; the
//! test fails when a corpus with a bar falls below it.

use portal::gate::policy::Policy;
use portal::gate::scanner::model::{self, Learner, Model};
use portal::gate::scanner::{Scanner, Severity};
use sha2::{Digest, Sha256};

const RECALL_GOAL: f64 = 95.0;
const FALSE_POSITIVE_GOAL: f64 = 2.0;

/// What a corpus is held to.
#[derive(Clone, Copy)]
enum Bar {
    /// Recall and false positives must meet the goal, over at least this many sentences
    /// of each label.
    Goal { at_least: usize },
    /// A development corpus the rules have not yet been revised against: its size and its
    /// false positives are held to the goal; its recall is printed with its misses, which
    /// are the work left.
    Growing { at_least: usize },
    /// Figures are printed, not asserted; the corpus must hold exactly these many
    /// sentences of each label, so the whole file is measured.
    Reported { defensive: usize, public: usize },
}

struct Corpus {
    file: &'static str,
    name: &'static str,
    text: &'static str,
    bar: Bar,
}

/// A corpus entry: its text is the file of that name in `tests/data`, read at build time.
macro_rules! entry {
    ($file:literal, $name:literal, $bar:expr) => {
        Corpus { file: $file, name: $name, text: include_str!(concat!("data/", $file)), bar: $bar }
    };
}

const CORPORA: &[Corpus] = &[
    entry!("scanner-corpus.tsv", "development corpus", Bar::Goal { at_least: 100 }),
    entry!("scanner-corpus-holdout.tsv", "held-out corpus", Bar::Goal { at_least: 100 }),
    entry!("scanner-corpus-dev2.tsv", "development corpus 2", Bar::Goal { at_least: 150 }),
    entry!("scanner-corpus-holdout2.tsv", "held-out corpus 2", Bar::Goal { at_least: 60 }),
    entry!("scanner-corpus-blind.tsv", "former blind corpus", Bar::Growing { at_least: 100 }),
    entry!("scanner-corpus-dev3.tsv", "development corpus 3", Bar::Goal { at_least: 100 }),
    entry!("scanner-corpus-blind2.tsv", "former second blind corpus", Bar::Growing { at_least: 100 }),
    entry!("scanner-corpus-dev4.tsv", "development corpus 4", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev5.tsv", "development corpus 5", Bar::Growing { at_least: 200 }),
    entry!("scanner-corpus-blind3.tsv", "former third blind corpus", Bar::Growing { at_least: 100 }),
    entry!("scanner-corpus-blind4.tsv", "former fourth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind5.tsv", "former fifth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind6.tsv", "former sixth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind7.tsv", "former seventh blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind8.tsv", "former eighth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind9.tsv", "former ninth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind10.tsv", "former tenth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind11.tsv", "former eleventh blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind12.tsv", "former twelfth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind13.tsv", "former thirteenth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind14.tsv", "former fourteenth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind15.tsv", "former fifteenth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind16.tsv", "former sixteenth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind17.tsv", "former seventeenth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind18.tsv", "former eighteenth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind19.tsv", "former nineteenth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind20.tsv", "former twentieth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind21.tsv", "former twenty-first blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind22.tsv", "former twenty-second blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind23.tsv", "former twenty-third blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev6.tsv", "development corpus 6", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev7.tsv", "development corpus 7", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev8.tsv", "development corpus 8", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev9.tsv", "development corpus 9", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev10.tsv", "development corpus 10", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev11.tsv", "development corpus 11", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind24.tsv", "former twenty-fourth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-blind25.tsv", "former twenty-fifth blind corpus", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev12.tsv", "development corpus 12", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev13.tsv", "development corpus 13", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev14.tsv", "development corpus 14", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev15.tsv", "development corpus 15", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev16.tsv", "development corpus 16", Bar::Growing { at_least: 150 }),
    entry!("scanner-corpus-dev17.tsv", "development corpus 17", Bar::Growing { at_least: 150 }),
    entry!(
        "scanner-corpus-blind26.tsv",
        "twenty-sixth blind corpus, written for the model",
        Bar::Growing { at_least: 150 }
    ),
    entry!(
        "scanner-corpus-blind27.tsv",
        "twenty-seventh blind held-out corpus",
        Bar::Reported { defensive: 150, public: 150 }
    ),
    entry!("scanner-corpus-holdout3.tsv", "held-out corpus 3", Bar::Reported { defensive: 60, public: 60 }),
];

/// The twenty-seventh blind corpus as it was handed over; a change to it is a change to the figure.
const BLIND27_SHA256: &str = "5cb2cd6cedaf8628e626aa87378ca88b13a6374c883a1dbb5e68dcab5ad5b1e5";

/// The third held-out corpus as it was written, before the third revision of the rules.
const HOLDOUT3_SHA256: &str = "925fef55352c79b67dd6da4c2f273463013c39e80ee130db70eff75767ce1e92";

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn corpus(file: &str) -> &'static Corpus {
    CORPORA.iter().find(|c| c.file == file).unwrap_or_else(|| panic!("{file} is not in CORPORA"))
}

#[test]
fn scanner_meets_the_bars_on_the_development_corpus() {
    measure(corpus("scanner-corpus.tsv"));
}

#[test]
fn scanner_meets_the_bars_on_the_held_out_corpus() {
    measure(corpus("scanner-corpus-holdout.tsv"));
}

#[test]
fn scanner_meets_the_bars_on_the_second_development_corpus() {
    measure(corpus("scanner-corpus-dev2.tsv"));
}

#[test]
fn scanner_meets_the_bars_on_the_second_held_out_corpus() {
    measure(corpus("scanner-corpus-holdout2.tsv"));
}

#[test]
fn scanner_meets_the_bars_on_the_former_blind_corpora() {
    // Every blind corpus already measured once and learned from: those given a bar.
    for c in
        CORPORA.iter().filter(|c| c.file.starts_with("scanner-corpus-blind") && !matches!(c.bar, Bar::Reported { .. }))
    {
        measure(c);
    }
}

#[test]
fn scanner_is_measured_on_the_twenty_seventh_blind_corpus() {
    measure_as_handed_over(corpus("scanner-corpus-blind27.tsv"), BLIND27_SHA256);
}

/// A reported corpus is measured only as it was handed over: a change to it is a
/// change to its figure.
fn measure_as_handed_over(corpus: &Corpus, sha256: &str) {
    assert_eq!(sha256_hex(corpus.text), sha256, "the {} has changed; it must stay as it was handed over", corpus.name);
    measure(corpus);
}

#[test]
fn scanner_meets_the_bars_on_the_third_development_corpus() {
    measure(corpus("scanner-corpus-dev3.tsv"));
}

#[test]
fn scanner_is_measured_on_the_third_held_out_corpus() {
    measure_as_handed_over(corpus("scanner-corpus-holdout3.tsv"), HOLDOUT3_SHA256);
}

#[test]
fn scanner_meets_the_bars_on_the_fourth_development_corpus() {
    measure(corpus("scanner-corpus-dev4.tsv"));
}

#[test]
fn scanner_meets_the_bars_on_the_fifth_development_corpus() {
    measure(corpus("scanner-corpus-dev5.tsv"));
}

#[test]
fn scanner_meets_the_bars_on_the_development_corpora_no_rule_has_read() {
    // Development 6 onward, written for the model: their size and false positives are
    // held to the goal, their recall printed.
    let number = |c: &Corpus| c.file.strip_prefix("scanner-corpus-dev")?.strip_suffix(".tsv")?.parse::<u32>().ok();
    for c in CORPORA.iter().filter(|c| number(c).is_some_and(|n| n >= 6)) {
        measure(c);
    }
}

/// The corpora the learned model is fitted on: those with a bar, never a reported one
/// (the current blind corpus and held-out 3 are not read for training).
fn training_corpora() -> Vec<&'static Corpus> {
    CORPORA.iter().filter(|c| matches!(c.bar, Bar::Goal { .. } | Bar::Growing { .. })).collect()
}

/// The trainer (`train_scanner`) reads the same corpora, in the same order, as these
/// tests fit: a corpus given a bar here but not listed there (or a blind one listed
/// there) would make the committed model and the figures disagree.
#[test]
fn the_trainer_reads_exactly_the_corpora_with_a_bar() {
    let files: Vec<&str> = training_corpora().iter().map(|c| c.file).collect();
    assert_eq!(files, model::TRAINING_CORPORA);
}

/// Training examples from corpora: a line's features are those of all its sentences.
fn examples(scanner: &Scanner, corpora: &[&'static Corpus]) -> Vec<(Vec<String>, bool)> {
    corpora
        .iter()
        .flat_map(|c| labelled(c))
        .map(|(defensive, sentence)| (scanner.line_features(sentence), defensive))
        .collect()
}

/// The honest figure for the learned model: for each training corpus, a model fitted
/// here on the others, at the committed threshold, reads the left-out corpus after the
/// rules. (The rules themselves were tuned on all but development corpus 4, so only
/// there is the rules' own figure unseen too.)
#[test]
fn learned_model_is_measured_leave_one_corpus_out() {
    let policy = Policy::missouri();
    let rules = Scanner::with_model(&policy, None);
    let training = training_corpora();
    let threshold = model::committed().threshold;
    let (mut pooled_rules, mut pooled) = (Figures::default(), Figures::default());
    let (mut unread_rules, mut unread) = (Figures::default(), Figures::default());
    for (k, left_out) in training.iter().enumerate() {
        let others: Vec<&Corpus> = training.iter().enumerate().filter(|(i, _)| *i != k).map(|(_, c)| *c).collect();
        let fitted = Model::fit(&examples(&rules, &others), Learner::LogisticRegression, threshold);
        let alone = figures(&rules, left_out);
        let with_model = figures(&Scanner::with_model(&policy, Some(&fitted)), left_out);
        println!(
            "scanner, leave one corpus out ({}): rules alone {}; rules + model fitted on the others {}",
            left_out.name,
            alone.shown(),
            with_model.shown()
        );
        if model::unread_by_rules().contains(&left_out.file) {
            unread_rules.add(&alone);
            unread.add(&with_model);
        }
        pooled_rules.add(&alone);
        pooled.add(&with_model);
    }
    println!(
        "scanner, leave one corpus out (all {} training corpora, threshold {threshold:.2}): rules alone {}; \
         rules + model {}",
        training.len(),
        pooled_rules.shown(),
        pooled.shown()
    );
    // The honest estimate on a stranger's text: the corpora no rule has read.
    println!(
        "scanner, leave one corpus out (the {} training corpora no rule has read, threshold {threshold:.2}): \
         rules alone {}; rules + model {}",
        model::unread_by_rules().len(),
        unread_rules.shown(),
        unread.shown()
    );
    // The threshold was chosen so that both pooled figures keep to the goal.
    for (what, figures) in [("every training corpus", &pooled), ("the corpora no rule has read", &unread)] {
        assert!(
            figures.false_positive_rate() <= FALSE_POSITIVE_GOAL,
            "the model's left-out false positives on {what} ({:.1}%) are above {FALSE_POSITIVE_GOAL}%; retrain \
             and choose the threshold again (cargo run -p server --example train_scanner)",
            figures.false_positive_rate()
        );
    }
    assert!(pooled.found > pooled_rules.found, "the model finds nothing the rules miss on unseen text");
}

/// The committed model is what the training corpora fit (so a corpus edited without
/// regenerating `model.tsv` is noticed). Weights are compared to a rounding tolerance.
#[test]
fn the_committed_model_is_what_the_training_corpora_fit() {
    let policy = Policy::missouri();
    let rules = Scanner::with_model(&policy, None);
    let committed = model::committed();
    let fitted = Model::fit(&examples(&rules, &training_corpora()), Learner::LogisticRegression, committed.threshold);
    let differing = committed
        .weights
        .iter()
        .filter(|(name, w)| fitted.weights.get(*name).is_none_or(|v| (*v - **w).abs() > 0.01))
        .count();
    assert!(
        differing * 100 <= committed.weights.len() && (fitted.bias - committed.bias).abs() <= 0.01,
        "{differing} of the committed model's weights differ from what the corpora fit; run \
         cargo run -p server --example train_scanner"
    );
}

/// Recall and false positives of a scanner on a corpus.
#[derive(Default)]
struct Figures {
    defensive: usize,
    found: usize,
    public: usize,
    flagged: usize,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.defensive += other.defensive;
        self.found += other.found;
        self.public += other.public;
        self.flagged += other.flagged;
    }

    fn recall(&self) -> f64 {
        self.found as f64 * 100.0 / self.defensive.max(1) as f64
    }

    fn false_positive_rate(&self) -> f64 {
        self.flagged as f64 * 100.0 / self.public.max(1) as f64
    }

    fn shown(&self) -> String {
        format!(
            "recall {:.1}% ({}/{}), false positives {:.1}% ({}/{})",
            self.recall(),
            self.found,
            self.defensive,
            self.false_positive_rate(),
            self.flagged,
            self.public
        )
    }
}

fn figures(scanner: &Scanner, corpus: &'static Corpus) -> Figures {
    let mut f = Figures::default();
    for (defensive, sentence) in labelled(corpus) {
        let hit = !scanner.scan("text", sentence).is_empty();
        if defensive {
            f.defensive += 1;
            f.found += usize::from(hit);
        } else {
            f.public += 1;
            f.flagged += usize::from(hit);
        }
    }
    f
}

/// A corpus's labelled lines (`D` is defensive, `P` public).
fn labelled(corpus: &Corpus) -> impl Iterator<Item = (bool, &'static str)> {
    numbered(corpus).map(|(_, defensive, sentence)| (defensive, sentence))
}

/// A corpus's labelled lines with their line numbers (from 1).
fn numbered(corpus: &Corpus) -> impl Iterator<Item = (usize, bool, &'static str)> {
    let name = corpus.name;
    model::labelled_lines(corpus.text).map(move |line| line.unwrap_or_else(|e| panic!("{name}, {e}")))
}

/// Every corpus file in tests/data is measured by one of the tests above.
#[test]
fn every_corpus_file_is_measured() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("tests/data is readable") {
        let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
        if name.ends_with(".tsv") {
            seen += 1;
            assert!(CORPORA.iter().any(|c| c.file == name), "tests/data/{name} is not measured by scanner_corpus.rs");
        }
    }
    assert_eq!(seen, CORPORA.len(), "every corpus in CORPORA is a file in tests/data");
}

fn measure(corpus: &Corpus) {
    let name = corpus.name;
    let policy = Policy::missouri();
    let scanner = Scanner::new(&policy);
    let mut f = Figures::default();
    let (mut blocked, mut warned) = (0, 0);
    // Sentences only the learned model flagged (its findings are the rule `meaning`).
    let (mut found_by_model, mut flagged_by_model) = (0, 0);
    let by_model = |findings: &[portal::gate::scanner::Finding]| findings.iter().all(|f| f.rule == "meaning");
    let mut missed = Vec::new();
    let mut false_alarms = Vec::new();
    for (line, defensive, sentence) in numbered(corpus) {
        let findings = scanner.scan("text", sentence);
        if defensive {
            f.defensive += 1;
            if findings.is_empty() {
                missed.push(format!("line {line}: {sentence}"));
            } else {
                f.found += 1;
                found_by_model += usize::from(by_model(&findings));
                if findings.iter().any(|f| f.severity == Severity::Block) {
                    blocked += 1;
                } else {
                    warned += 1;
                }
            }
        } else {
            f.public += 1;
            if !findings.is_empty() {
                f.flagged += 1;
                flagged_by_model += usize::from(by_model(&findings));
                let rules: Vec<String> =
                    findings.iter().map(|f| format!("{} ({}) {:?}", f.rule, f.severity.as_str(), f.excerpt)).collect();
                false_alarms.push(format!("line {line}: {sentence} -> {}", rules.join(", ")));
            }
        }
    }
    let Figures { defensive, found, public, flagged } = f;
    let (recall, fp_rate) = (f.recall(), f.false_positive_rate());
    println!("scanner recall ({name}): {recall:.1}% ({found}/{defensive})");
    println!("scanner false positives ({name}): {fp_rate:.1}% ({flagged}/{public})");
    println!("  ({name}: of the sentences found, {blocked} blocked and {warned} only warned)");
    let (rules_found, rules_flagged) = (found - found_by_model, flagged - flagged_by_model);
    println!(
        "  ({name}: the rules alone find {:.1}% ({rules_found}/{defensive}) and flag {:.1}% ({rules_flagged}/{public}); \
         the learned model adds {found_by_model} found and {flagged_by_model} flagged, as warnings)",
        rules_found as f64 * 100.0 / defensive.max(1) as f64,
        rules_flagged as f64 * 100.0 / public.max(1) as f64
    );
    // The sentences themselves only for a corpus the rules may be fitted to.
    if matches!(corpus.bar, Bar::Goal { .. } | Bar::Growing { .. }) {
        for m in &missed {
            println!("  missed ({name}): {m}");
        }
        for f in &false_alarms {
            println!("  false alarm ({name}): {f}");
        }
    }
    let meets = recall >= RECALL_GOAL && fp_rate <= FALSE_POSITIVE_GOAL;
    match corpus.bar {
        Bar::Goal { at_least } => {
            assert!(
                defensive >= at_least && public >= at_least,
                "the {name} holds at least {at_least} defensive and {at_least} ordinary sentences"
            );
            assert!(recall >= RECALL_GOAL, "recall {recall:.1}% is below {RECALL_GOAL}% on the {name}");
            assert!(
                fp_rate <= FALSE_POSITIVE_GOAL,
                "false-positive rate {fp_rate:.1}% is above {FALSE_POSITIVE_GOAL}% on the {name}"
            );
        }
        Bar::Growing { at_least } => {
            assert!(
                defensive >= at_least && public >= at_least,
                "the {name} holds at least {at_least} defensive and {at_least} ordinary sentences"
            );
            assert!(
                fp_rate <= FALSE_POSITIVE_GOAL,
                "false-positive rate {fp_rate:.1}% is above {FALSE_POSITIVE_GOAL}% on the {name}"
            );
            let verdict = if meets { "meets" } else { "is below" };
            println!("  ({name}: the rules are not yet revised against it; it {verdict} the recall goal)");
        }
        Bar::Reported { defensive: d, public: p } => {
            assert_eq!((defensive, public), (d, p), "every sentence of the {name} is measured");
            let verdict = if meets { "meets" } else { "is below" };
            println!(
                "  ({name}: reported, not fitted; it {verdict} the goal of {RECALL_GOAL}% recall and at most \
                 {FALSE_POSITIVE_GOAL}% false positives)"
            );
        }
    }
}

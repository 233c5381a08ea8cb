//! The end-to-end suite: the same scenarios as the native `api` suite, sent
//! over HTTP to the real Worker under `wrangler dev` (workerd, local D1 and
//! Queues), plus what only the running Worker shows: queued delivery to an
//! email service, and the cron trigger.
//!
//! `scripts/e2e.sh` starts the Worker and the third-party stand-ins on free ports and
//! passes `PORTAL_BASE_URL`, `STAFF_TOKEN`, `STRIPE_WEBHOOK_SECRET` and
//! `STANDIN_URL` (the email-API and Stripe stand-ins, tests/e2e/standins.py).

#[path = "../support/einvoice.rs"]
mod einvoice;
#[path = "../api/helpers.rs"]
mod helpers;
mod http;

use http::spawn_app;

#[path = "../api/attachments.rs"]
mod attachments;
#[path = "../api/bulletins.rs"]
mod bulletins;
#[path = "../api/callers.rs"]
mod callers;
#[path = "../api/concurrency.rs"]
mod concurrency;
#[path = "../api/coupons.rs"]
mod coupons;
#[path = "../api/crawler.rs"]
mod crawler;
#[path = "../api/desk.rs"]
mod desk;
#[path = "../api/desk_admin_languages.rs"]
mod desk_admin_languages;
#[path = "../api/directory.rs"]
mod directory;
#[path = "../api/emails.rs"]
mod emails;
#[path = "../api/english.rs"]
mod english;
#[path = "../api/identity.rs"]
mod identity;
#[path = "../api/incidents.rs"]
mod incidents;
#[path = "../api/invoices.rs"]
mod invoices;
#[path = "../api/journeys.rs"]
mod journeys;
#[path = "../api/languages.rs"]
mod languages;
#[path = "../api/licensing.rs"]
mod licensing;
#[path = "../api/live.rs"]
mod live;
#[path = "../api/mailbox.rs"]
mod mailbox;
#[path = "../api/numbers.rs"]
mod numbers;
#[path = "../api/organisations.rs"]
mod organisations;
#[path = "../api/phone_calls.rs"]
mod phone_calls;
#[path = "../api/phones.rs"]
mod phones;
#[path = "../api/portal_languages.rs"]
mod portal_languages;
#[path = "../api/privacy.rs"]
mod privacy;
#[path = "../api/problems.rs"]
mod problems;
#[path = "../api/profile.rs"]
mod profile;
#[path = "../api/public_languages.rs"]
mod public_languages;
#[path = "../api/queue.rs"]
mod queue;
#[path = "../api/registration.rs"]
mod registration;
#[path = "../api/replies.rs"]
mod replies;
#[path = "../api/routes.rs"]
mod routes;
#[path = "../api/self_service.rs"]
mod self_service;
#[path = "../api/sessions.rs"]
mod sessions;
#[path = "../api/staff.rs"]
mod staff;
#[path = "../api/transport.rs"]
mod transport;
#[path = "../api/vat_evidence.rs"]
mod vat_evidence;
#[path = "../api/web.rs"]
mod web;

mod assets;
mod delivery;
mod every_email;
mod live_room;
mod observability;
mod vat;

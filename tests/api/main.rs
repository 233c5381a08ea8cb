//! The HTTP contract, natively: every request goes through `api::handle` over
//! a fresh SQLite database loaded with schema.sql. The e2e suite runs the same
//! scenarios against the real Worker under `wrangler dev`.

#[path = "../support/einvoice.rs"]
mod einvoice;
mod helpers;
mod native;

use native::spawn_app;

mod attachments;
mod bulletins;
mod callers;
mod concurrency;
mod coupons;
mod crawler;
mod desk;
mod desk_admin_languages;
mod directory;
mod emails;
mod english;
mod identity;
mod incidents;
mod invoices;
mod journeys;
mod languages;
mod licensing;
mod limits;
mod live;
mod mailbox;
mod numbers;
mod organisations;
mod phone_calls;
mod phones;
mod portal_languages;
mod privacy;
mod problems;
mod profile;
mod public_languages;
mod queue;
mod registration;
mod replies;
mod routes;
mod self_service;
mod sessions;
mod staff;
mod staff_languages;
mod transport;
mod vat_evidence;
mod web;

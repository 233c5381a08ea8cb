//! Every link of every email the Worker sent during the end-to-end run,
//! opened as the person it was sent to would (tests/api/mailbox.rs).
//!
//! The suite's tests run at once, so none of them sees all the emails:
//! `scripts/e2e.sh` runs this test on its own once the suite is done,
//! against the same Worker and email stand-in.

use crate::helpers::Transport;
use crate::http::{send, setting};
use crate::mailbox::{check, Delivered};
use crate::spawn_app;

#[test]
#[ignore = "scripts/e2e.sh runs it after the suite: it reads every email the suite sent"]
fn every_link_of_every_email_sent_during_the_run_leads_to_a_working_page() {
    let app = spawn_app();
    let url = format!("{}/received", setting("STANDIN_URL"));
    let received = send(app.0.agent(), "GET", &url, &[], &[]).json();
    // What the email service took, once each: a repeat or a refusal
    // reached no mailbox.
    let emails: Vec<Delivered> = received
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["answered"] == 200 && r["repeat"] == false)
        .map(|r| Delivered {
            to: r["body"]["to"][0].as_str().unwrap_or_default().to_owned(),
            body: r["body"].clone(),
        })
        .collect();
    let started = std::time::Instant::now();
    let checked = check(&app, &emails, &[]);
    println!("{checked}");
    println!(
        "emailed links: checked in {:.1} s against {}",
        started.elapsed().as_secs_f64(),
        app.0.origin()
    );
    let total = checked.total();
    assert!(
        total.emails > 0,
        "no email was sent during the run: nothing was checked"
    );
    assert!(total.opened > 0, "no email linked to the portal: {checked}");
    // Some kinds go only to people who may be sent no sign-in link this
    // hour (five emails had come), but each page behind sign-in was opened
    // signed in from some email.
    for (route, signed_in) in &checked.routes_behind_sign_in {
        assert!(
            *signed_in > 0,
            "{route} was never opened signed in: {checked}"
        );
    }
}

//! Personal data (issue 13): the privacy page.

use crate::spawn_app;

#[test]
fn the_privacy_page_shows_the_retention_periods_and_every_page_links_to_it() {
    let app = spawn_app();
    let privacy = app.get("/privacy");
    assert_eq!(privacy.status, 200);
    let text = privacy.text();
    // The defaults of wrangler.toml and of the native test settings.
    assert!(text.contains("30 days after registration"), "{text}");
    assert!(text.contains("90 days after it was sent"), "{text}");
    assert!(text.contains("10 years"), "{text}");
    for path in ["/", "/register", "/terms", "/sign-in"] {
        assert!(
            app.get(path).text().contains("href=\"/privacy\""),
            "{path} links to the privacy page"
        );
    }
}

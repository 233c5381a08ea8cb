## The page shell: header, navigation, footer, the language switch

shell-brand = Spica · Time & Space support
shell-title = { $title } · Time & Space support
shell-main-navigation = Main
shell-privacy = Privacy
shell-sign-out = Sign out
shell-language-choose = Language

shell-public-register = Register
shell-public-sign-in = Sign in
shell-public-terms = Terms
shell-public-news = News

shell-customer-account = Account
shell-customer-coupons = Buy coupons
shell-customer-invoices = Invoices
shell-customer-support = Request support
shell-customer-licenses = Licenses
shell-customer-contacts = Contacts
shell-customer-profile = Profile

shell-partner-home = Partner

shell-desk-incidents = Incidents
shell-desk-tasks = Tasks
shell-desk-statements = Bank statements
shell-desk-adjustments = Adjust a balance
shell-desk-invoices = Invoices
shell-desk-outbox = Outbox
shell-desk-claims = License claims
shell-desk-partners = Partners
shell-desk-licenses = License import
shell-desk-releases = Releases
shell-desk-audit = Audit log
shell-desk-bulletins = Bulletins
shell-desk-health = Health
shell-desk-find = Find a customer
shell-desk-find-button = Find
shell-desk-staff = Staff

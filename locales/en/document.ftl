## Printable documents: the invoice and credit note pages, the desk's
## invoices, the pro-forma page, and the notes of the UBL e-invoice

document-invoice = Invoice
document-credit-note = Credit note
document-invoice-title = Invoice { $number }
document-credit-note-title = Credit note { $number }
document-invoices-title = Invoices
document-invoices-caption = Invoices and credit notes, newest first
document-invoices-none = No invoices or credit notes yet.
document-col-number = Number
document-col-kind = Kind
document-col-date = Date
document-col-net = Net
document-col-vat = VAT
document-col-total = Total
document-col-e-invoice = E-invoice
document-col-buyer = Buyer
document-col-buyer-vat = Buyer VAT number
document-col-vat-category = VAT category
document-col-gross = Gross
document-ubl-xml = UBL XML

document-print = Print
document-print-hint-invoice = To print this invoice or save it as a PDF, use your browser's Print command.
document-print-hint-credit-note = To print this credit note or save it as a PDF, use your browser's Print command.
document-print-hint-pro-forma = To print this pro-forma or save it as a PDF, use your browser's Print command.
document-download-xml = Download the e-invoice (UBL XML)
document-all-invoices = All invoices
document-seller = Seller
document-buyer = Buyer
document-vat-number = VAT number: { $vat_id }
document-number = Number
document-issue-date = Issue date
document-credits-invoice = Credits invoice
document-credited = { $number } of { $date }
document-order = Order
document-lines = Lines
document-item = Item
document-quantity = Quantity
document-unit-price-net = Net unit price
document-net-amount = Net amount
document-item-name = Support coupon: 15 minutes of direct support
document-vat-breakdown = VAT breakdown
document-category = Category
document-rate = Rate
document-taxable = Taxable amount
document-category-standard = Standard rate
document-category-reverse-charge = Reverse charge
document-category-not-subject = Not subject to VAT
document-mention-reverse-charge = Reverse charge: VAT to be accounted for by the customer (Article 196, Council Directive 2006/112/EC)
document-mention-not-subject = Not subject to VAT in the EU: the place of supply is outside the EU (Article 44, Council Directive 2006/112/EC)
document-total-net = Total net
document-total-vat = Total VAT
document-total = Total
document-amount-due = Amount due
document-amount-due-paid = { $amount } (paid)
document-paid-by-card = Paid by card.
document-paid-by-transfer = Paid by SEPA credit transfer to IBAN { $iban } (BIC { $bic }), reference { $reference }.

document-vat-note-domestic-number = The VAT number is one of the seller's own country, so the sale is domestic: VAT at the seller's rate applies.
document-vat-note-number-of-another-country = The VAT number is not one of the company's country (its prefix must be that country's, EL for Greece): VAT at the seller's rate applies.
document-vat-note-no-number = Without a VAT number confirmed by the EU's VIES service, VAT at the seller's rate applies.
document-vat-note-number-being-checked = The VAT number is being checked with the EU's VIES service: until it is confirmed, VAT at the seller's rate applies.
document-vat-note-number-not-confirmed = The EU's VIES service did not confirm the VAT number: VAT at the seller's rate applies.
document-vat-note-name-differs = The EU's VIES service confirmed the VAT number for a company of another name: VAT at the seller's rate applies until the company's name is the one the number is registered to.

document-desk-download-csv = Download CSV
document-desk-csv-hint = (for the accountant: number, date, kind, buyer, VAT number, net, VAT, gross, VAT category)
document-desk-show = Show
document-desk-from = From (first day)
document-desk-to = To (last day, included)
document-desk-caption = Documents issued from { $from } to { $to }
document-desk-none = No documents were issued in this period.
document-desk-totals = Totals of the period
document-desk-documents = Documents
document-desk-invoices = Invoices
document-desk-credit-notes = Credit notes

## The pro-forma

document-pro-forma-title = Pro-forma { $number }
document-pro-forma-link = Print the pro-forma
document-pro-forma-not-invoice = This pro-forma is not an invoice: the invoice is issued when your payment arrives.
document-due-date = Due date
document-reference = Reference
document-vat-amount = VAT
document-total-due = Total due
document-received = Received so far
document-still-due = Still due
document-payment-heading = Payment
document-payment-instruction = Please pay { $amount } by { $date } to the account below, quoting the reference { $reference }.
document-beneficiary = Beneficiary
document-scan = Or scan a code with your banking app:
document-epc-title = EPC QR code: the transfer filled in, for banking apps across Europe
document-upn-title = UPN QR code: the payment filled in, for Slovenian banking apps
document-upn-purpose = Pro-forma { $number }
document-back-to-order = Back to the order
document-pro-forma-paid = This order is paid: nothing is due.
document-pro-forma-card = This order is paid by card, so it has no pro-forma.
document-pro-forma-closed = This order is closed and takes no payment. To buy coupons, place a new order.
document-pro-forma-review = A payment for this order is being reviewed by our staff: nothing more is due now.

## The UBL e-invoice's notes, in the buyer's language

document-ubl-terms-card = Paid in advance by card: nothing is due.
document-ubl-terms-transfer = Paid in advance by bank transfer, reference { $reference }: nothing is due.
document-ubl-terms-credit-note = The amount is refunded to the means of payment: nothing is due.

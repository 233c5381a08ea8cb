-- Migration 0019: VAT evidence. An order keeps why it was not zero-rated
-- where it could have been (a VAT number of the seller's country or of
-- another country than the buyer's, none, not yet or not confirmed by VIES,
-- or confirmed for a company of another name), so that the customer and the
-- desk read the reason with the price. Orders before it have no note.
ALTER TABLE coupon_orders ADD COLUMN vat_note TEXT CHECK (vat_note IN ('domestic_vat_number', 'vat_number_of_another_country', 'no_vat_number', 'vat_number_being_checked', 'vat_number_not_confirmed', 'vies_name_differs'));

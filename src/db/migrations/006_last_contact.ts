// Schema 6: the last contact a customer had before it came to custrack (`import customers` with a
// `last_contact` column, README "Importing data"). The overdue rules take it as a contact on that day
// (docs/rules.md, rules 6 and 7): no first-contact item, the grade cadence runs from it. NULL for most.
export const lastContact = `
ALTER TABLE customers ADD COLUMN last_contact_on TEXT;
`;

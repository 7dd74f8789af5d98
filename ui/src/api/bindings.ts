// Generated from the Rust types in src-tauri/core by `UPDATE_BINDINGS=1 cargo test -p rapport-core bindings`.
// Do not edit by hand.

export type AppError = { code: ErrorCode, message: string, 
/**
 * Problems with single fields of a form, each shown beside its field.
 */
fields: Array<FieldError>, };

export type ErrorCode = "build" | "busy" | "cancelled" | "cannotOpen" | "cannotRead" | "cannotWrite" | "card" | "conflict" | "corrupt" | "database" | "diskFull" | "failed" | "internal" | "invalid" | "locked" | "noEmail" | "noPassword" | "notFound" | "nothingPrintable" | "photoDamaged" | "photoEmpty" | "photoEncode" | "photoNotAPicture" | "photoTooLarge" | "readOnly" | "refusedPath" | "send" | "settings" | "tooNew" | "unknown" | "unknownFields" | "unreadable";

export type FieldError = { 
/**
 * The field's name as the UI knows it (`givenName`, `emails.0`…).
 */
field: string, message: string, };

export type AppInfo = { version: string, dataDir: string, databasePath: string, 
/**
 * The app's idea of today, "YYYY-MM-DD" (pinned with RAPPORT_TODAY in tests).
 */
today: string, 
/**
 * On the team's book on a server: who is signed in (their login). None for a book file.
 */
signedIn: string | null, 
/**
 * The server could not be reached: the desk shows its copy of the team's book made then
 * (`YYYY-MM-DD HH:MM`), read only, and reconnects by itself.
 */
offlineAsOf: string | null, };

export type BookChanged = { 
/**
 * The contacts whose details or timeline changed.
 */
contactIds: number[], 
/**
 * Something besides those contacts changed, or what changed is not known (a big write, a
 * catch-up after a long gap, another program on the book file): re-read the whole screen.
 */
everything: boolean, 
/**
 * The book was opened anew (the server is back after the desk worked offline): start
 * every screen over.
 */
reopened: boolean, };

export type LabeledValue = { label: string, value: string, };

export type PostalAddress = { label: string, street: string, city: string, region: string, postalCode: string, 
/**
 * ISO 3166 code or the country's name as the owner wrote it.
 */
country: string, };

export type Birthday = { month: number, day: number, year: number | null, };

export type TouchpointKind = "call" | "email" | "meeting" | "purchase" | "compliment" | "complaint" | "note" | "question" | "welcomeSent" | "cardSent" | "gestureSent" | "complaintStep" | "gift";

export type Touchpoint = { id: number, contactId: number, kind: TouchpointKind, happenedOn: string, note: string, 
/**
 * Who on the staff handled it.
 */
handledBy: string, 
/**
 * For complaints: has it been put right? Always false for other kinds.
 */
resolved: boolean, };

export type NewTouchpoint = { kind: TouchpointKind, happenedOn: string, note: string, handledBy: string, };

export type Company = { id: number, name: string, contactCount: number, };

export type ContactInput = { givenName: string, familyName: string, 
/**
 * Honorific or other name parts shown before the name ("Dr.").
 */
prefix: string, nickname: string, 
/**
 * The company by name: an existing one is reused (ignoring case), a new one is created.
 */
company: string, jobTitle: string, emails: Array<LabeledValue>, phones: Array<LabeledValue>, addresses: Array<PostalAddress>, birthday: Birthday | null, customerSince: string | null, 
/**
 * Spouse, children, pets: the names a warm conversation needs.
 */
family: string, interests: string, 
/**
 * What we talked about last time.
 */
talkingPoints: string, notes: string, tags: Array<string>, keepInTouchDays: number | null, };

export type Contact = { id: number, displayName: string, companyId: number | null, lastContacted: string | null, archived: boolean, createdAt: string, updatedAt: string, givenName: string, familyName: string, 
/**
 * Honorific or other name parts shown before the name ("Dr.").
 */
prefix: string, nickname: string, 
/**
 * The company by name: an existing one is reused (ignoring case), a new one is created.
 */
company: string, jobTitle: string, emails: Array<LabeledValue>, phones: Array<LabeledValue>, addresses: Array<PostalAddress>, birthday: Birthday | null, customerSince: string | null, 
/**
 * Spouse, children, pets: the names a warm conversation needs.
 */
family: string, interests: string, 
/**
 * What we talked about last time.
 */
talkingPoints: string, notes: string, tags: Array<string>, keepInTouchDays: number | null, };

export type ContactSummary = { id: number, displayName: string, company: string, email: string, phone: string, tags: Array<string>, lastContacted: string | null, customerSince: string | null, archived: boolean, };

export type SortKey = "name" | "lastContacted" | "customerSince";

export type ArchiveFilter = "active" | "archived" | "all";

export type ListQuery = { search: string, tag: string | null, sort: SortKey, archive: ArchiveFilter, offset: number, limit: number, };

export type ContactPage = { 
/**
 * How many contacts match in all, for the scrollbar.
 */
total: number, offset: number, rows: Array<ContactSummary>, };

export type TagCount = { name: string, count: number, };

export type ContactDetail = { contact: Contact, 
/**
 * Raised by every edit: a save names the version it was made from, so one made while
 * someone else saved is merged with theirs, never written over it.
 */
version: number, timeline: Array<Touchpoint>, 
/**
 * Follow-ups still open, soonest first, then the ten done most recently.
 */
followUps: Array<FollowUp>, 
/**
 * The customer who sent them to us, if noted.
 */
referredBy: ContactSummary | null, 
/**
 * The customers they sent us, newest first.
 */
referred: Array<ContactSummary>, 
/**
 * Their compliments kept as testimonials, and on what terms.
 */
testimonials: Array<TestimonialMark>, 
/**
 * Their timeline entries that are replies, and to what.
 */
replies: Array<ReplyLink>, 
/**
 * The promises made to them, newest first: the page shows the last one.
 */
promises: Array<PromiseMade>, 
/**
 * On the team's book: who last changed the contact (or its timeline) and when, so a desk
 * sees "changed by Maja, 2 minutes ago". None on a book file, which has one person.
 */
lastChange: LastChange | null, };

export type LastChange = { 
/**
 * The staff member's name (their login when no staff member has it).
 */
by: string, 
/**
 * `2026-11-23T08:30:00Z`.
 */
at: string, };

export type StaffFeedback = { member: StaffMember, compliments: Array<Feedback>, complimentCount: number, complaints: Array<Feedback>, complaintCount: number, };

export type Feedback = { customer: string, touchpoint: Touchpoint, };

export type ContactEdit = { 
/**
 * The contact's fields as the form was opened with them.
 */
base: ContactInput, 
/**
 * [`ContactDetail::version`] as read then.
 */
baseVersion: number, input: ContactInput, };

export type ContactSave = { "outcome": "saved", detail: ContactDetail, takenFromThem: Array<string>, } | { "outcome": "conflict", conflict: EditConflict, };

export type EditConflict = { fields: Array<FieldConflict>, 
/**
 * The version the contact is at now: save again from it (`base` = `theirs`) with each
 * field settled.
 */
version: number, 
/**
 * The contact as it is now.
 */
theirs: ContactInput, 
/**
 * This edit with what only they changed taken in; each conflicting field holds mine.
 */
merged: ContactInput, 
/**
 * Who saved in between, and when (on the team's book).
 */
lastChange: LastChange | null, };

export type FieldConflict = { 
/**
 * The field's name in [`ContactInput`] ("talkingPoints").
 */
field: string, 
/**
 * In the owner's words ("talking points").
 */
label: string, 
/**
 * Their value and mine, as the owner reads them.
 */
theirs: string, mine: string, };

export type DeletedContact = { contact: Contact, timeline: Array<Touchpoint>, 
/**
 * Every follow-up, open or done, put back with the contact.
 */
followUps: Array<FollowUp>, 
/**
 * Who sent them, and whom they sent: put back where the other customer is still here.
 */
referrals: Array<Referral>, };

export type UpcomingBirthday = { contact: ContactSummary, date: string, 
/**
 * 0 is today.
 */
inDays: number, 
/**
 * The age they turn, when the year of birth is known.
 */
turning: number | null, 
/**
 * When a birthday greeting went to them for this birthday (in the two weeks before it, or
 * since): Today shows them as greeted.
 */
greetedOn: string | null, };

export type OpenComplaint = { contact: ContactSummary, complaint: Touchpoint, daysOpen: number, };

export type OverdueContact = { contact: ContactSummary, keepInTouchDays: number, lastContacted: string | null, daysOverdue: number, };

export type NewCustomer = { contact: ContactSummary, 
/**
 * "Customer since", or the day they were added.
 */
since: string, };

export type TodayView = { date: string, birthdays: Array<UpcomingBirthday>, birthdayCount: number, 
/**
 * New customers not welcomed yet.
 */
newCustomers: Array<NewCustomer>, newCustomerCount: number, openComplaints: Array<OpenComplaint>, openComplaintCount: number, overdue: Array<OverdueContact>, overdueCount: number, 
/**
 * Follow-ups due today or overdue, soonest first.
 */
followUps: Array<DueFollowUp>, followUpCount: number, 
/**
 * Customers who sent us someone lately and were not thanked yet.
 */
referralThanks: Array<ReferralThanks>, referralThanksCount: number, 
/**
 * Contacts in the book (not archived); 0 on first run, when the window offers samples.
 */
contactCount: number, 
/**
 * The next card occasion within 30 days and how many cards it needs.
 */
nextOccasion: NextOccasion | null, };

export type Goodwill = { customerSince: string | null, 
/**
 * Whole years as a customer (None without a "customer since").
 */
years: number | null, welcomes: number, cards: number, 
/**
 * Thank-yous, apologies, check-ins, greetings… sent or given in person.
 */
gestures: number, 
/**
 * Gifts and vouchers, and what they were worth in all (in cents).
 */
gifts: number, giftValueCents: number, purchases: number, compliments: number, complaints: number, openComplaints: number, 
/**
 * A card came back undelivered (the day it was noted).
 */
cardReturnedOn: string | null, 
/**
 * "A customer for 6 years: 14 purchases, 3 compliments; we gave a welcome, 4 cards and 2
 * gestures; 1 complaint before (put right)."
 */
summary: string, };

export type NewGift = { 
/**
 * "A bunch of tulips", "Voucher for a coffee".
 */
what: string, 
/**
 * Its value in cents of the shop's currency, if worth noting.
 */
valueCents: number | null, 
/**
 * "Birthday", "Sorry for the wait"…
 */
occasion: string, 
/**
 * When it was given; today if not said.
 */
givenOn: string | null, };

export type GiftRecord = { touchpointId: number, what: string, valueCents: number | null, occasion: string, };

export type HouseAnswer = { id: number, 
/**
 * "Opening hours", "Allergens", "Returns", "Delivery".
 */
topic: string, 
/**
 * What we say: "Tuesday to Saturday, 8 to 6; Sundays 9 to 1."
 */
answer: string, 
/**
 * A promise the shop makes ("A refund within 14 days"): offered as the promise when an
 * entry is logged.
 */
isPromise: boolean, };

export type HouseAnswerInput = { topic: string, answer: string, isPromise: boolean, };

export type PromiseMade = { touchpointId: number, promise: string, madeOn: string, 
/**
 * Who made it (the entry's "handled by").
 */
madeBy: string, };

export type MayQuote = "yes" | "no" | "notAsked";

export type TestimonialTerms = { mayQuote: MayQuote, 
/**
 * Happy to take a call from a prospect who wants to hear it from a customer.
 */
takesCalls: boolean, };

export type TestimonialMark = { touchpointId: number, terms: TestimonialTerms, };

export type ReplyLink = { touchpointId: number, replyTo: number | null, };

export type Testimonial = { contact: ContactSummary, 
/**
 * The compliment: its words are the quote.
 */
compliment: Touchpoint, terms: TestimonialTerms, };

export type NewReply = { 
/**
 * The welcome, card or gesture sent that they answered (its timeline entry).
 */
replyTo: number, text: string, 
/**
 * Compliment, complaint or note: the owner picks.
 */
kind: TouchpointKind, 
/**
 * When they replied; today when not given.
 */
happenedOn: string | null, 
/**
 * For a compliment: keep it as a testimonial on these terms.
 */
testimonial: TestimonialTerms | null, };

export type TestimonialsFormat = "csv" | "pdf";

export type TestimonialsWritten = { path: string, 
/**
 * How many testimonials it holds.
 */
count: number, };

export type SmtpPasswordState = { 
/**
 * The SMTP user it belongs to ("" when none is set yet).
 */
user: string, stored: boolean, 
/**
 * Why the keyring could not be asked, when it could not.
 */
problem: string | null, };

export type SettingSave = { "outcome": "saved", value: string, } | { "outcome": "conflict", key: string, theirs: string, mine: string, 
/**
 * Who changed it, and when (on the team's book).
 */
lastChange: LastChange | null, };

export type Referral = { contactId: number, referredBy: number, referredOn: string, };

export type ReferralThanks = { 
/**
 * Who sent them.
 */
referrer: ContactSummary, 
/**
 * Who came.
 */
referred: ContactSummary, referredOn: string, };

export type OpenLoopList = { loops: Array<OpenLoop>, total: number, };

export type FollowUp = { id: number, contactId: number, dueOn: string, note: string, 
/**
 * The staff member it is for ("" for whoever is at the counter).
 */
assignedTo: string, 
/**
 * The touchpoint logged when it was done; None while it is open. Deleting that touchpoint
 * (the timeline's Undo) opens the follow-up again.
 */
doneByTouchpoint: number | null, };

export type NewFollowUp = { dueOn: string, note: string, assignedTo: string, };

export type DueFollowUp = { contact: ContactSummary, followUp: FollowUp, 
/**
 * 0 when due today.
 */
daysOverdue: number, };

export type FollowUpDone = { 
/**
 * What to log: a call unless told (any kind the owner logs by hand).
 */
kind: TouchpointKind | null, 
/**
 * When it was done: today unless told.
 */
happenedOn: string | null, 
/**
 * What was said; the follow-up's own words unless told.
 */
note: string | null, 
/**
 * Who did it: the staff member it was for, else the signed-in person.
 */
handledBy: string | null, };

export type Column = "displayName" | "prefix" | "givenName" | "familyName" | "nickname" | "company" | "jobTitle" | "email" | "email2" | "phone" | "phone2" | "street" | "city" | "region" | "postalCode" | "country" | "birthday" | "customerSince" | "tags" | "notes" | "family" | "interests" | "talkingPoints";

export type Profile = "plain" | "quickbooks" | "xero";

export type ExportFormat = "csv" | "xlsx" | "vcard";

export type VcardVersion = "v3" | "v4";

export type ExportOptions = { format: ExportFormat, profile: Profile, 
/**
 * Empty means the default columns (no personal details).
 */
columns: Array<Column>, 
/**
 * Only contacts with this tag; none for all active contacts.
 */
tag: string | null, 
/**
 * `,`, `;` or a tab.
 */
delimiter: string, vcardVersion: VcardVersion, };

export type ExportSummary = { path: string, contacts: number, 
/**
 * Values cut to the accounting program's limit.
 */
shortenedValues: number, notes: Array<string>, };

export type Target = "ignore" | "fullName" | "attentionTo" | "prefix" | "givenName" | "middleName" | "familyNamePrefix" | "familyName" | "nickname" | "company" | "jobTitle" | "email" | "emailLabel" | "phone" | "phoneLabel" | "street" | "houseNumber" | "streetMore" | "city" | "region" | "postalCode" | "country" | "addressLabel" | "birthday" | "customerSince" | "tags" | "notes" | "family" | "interests" | "talkingPoints";

export type ColumnMapping = { header: string, target: Target, slot: number, label: string, };

export type ColumnChoice = { 
/**
 * The column's header, as in the file (case, accents and spacing need not match).
 */
column: string, target: Target, };

export type ImportFormat = "auto" | "google" | "outlook" | "csv" | "vcard";

export type OnDuplicate = "skip" | "merge" | "keep";

export type DuplicateChoice = { line: number, action: OnDuplicate, 
/**
 * For a merge: which side each differing field takes (fields not listed: the stored
 * value, or the incoming one where the stored is empty).
 */
picks: Array<FieldPick>, };

export type MergeField = "givenName" | "familyName" | "prefix" | "nickname" | "company" | "jobTitle" | "birthday" | "customerSince" | "keepInTouchDays" | "family" | "interests" | "talkingPoints" | "notes";

export type FieldPick = { field: MergeField, 
/**
 * True: the incoming (or other) contact's value; false: keep the target's.
 */
incoming: boolean, };

export type ImportOptions = { format: ImportFormat, onDuplicate: OnDuplicate, dryRun: boolean, 
/**
 * For a spreadsheet: where each column goes (default: guessed from the headers).
 */
mapping: Array<ColumnMapping> | null, 
/**
 * For a spreadsheet: columns sent elsewhere than `mapping` (or the guess) says, by header
 * (`rapport import --map "Firma=company"`). A header the file does not have is refused.
 */
columnChoices?: Array<ColumnChoice>, 
/**
 * Per-duplicate choices that override `on_duplicate`.
 */
choices: Array<DuplicateChoice>, };

export type RefusedRow = { line: number, reason: string, };

export type DuplicateRow = { line: number, 
/**
 * The stored contact's id; none when it matches an earlier row of the same file.
 */
existingId: number | null, 
/**
 * The stored contact is archived (a merge keeps it so).
 */
existingArchived: boolean, existing: ContactInput, incoming: ContactInput, reason: string, action: OnDuplicate, };

export type ImportReport = { format: ImportFormat, encoding: string, delimiter: string | null, dryRun: boolean, rows: number, added: number, merged: number, skipped: number, refused: Array<RefusedRow>, 
/**
 * The first duplicates (at most [`REPORTED_DUPLICATES`]), both sides each.
 */
duplicates: Array<DuplicateRow>, 
/**
 * How many rows matched a contact, all told.
 */
duplicatesFound: number, notes: Array<string>, 
/**
 * Where each column of a spreadsheet went (empty for a vCard file).
 */
mapping: Array<ColumnMapping>, };

export type PreviewRow = { line: number, displayName: string, input: ContactInput, 
/**
 * Why the row would be refused; empty when it is fine.
 */
problems: Array<string>, };

export type ImportPreview = { format: ImportFormat, encoding: string, delimiter: string | null, headers: Array<string>, mapping: Array<ColumnMapping>, rows: Array<PreviewRow>, totalRows: number, notes: Array<string>, };

export type BackupInfo = { path: string, bytes: number, 
/**
 * Older automatic backups removed by the retention rule.
 */
removed: Array<string>, };

export type RestoreInfo = { 
/**
 * Where the book as it was before the restore was kept.
 */
previousSavedTo: string, contacts: number, };

export type Retention = { 
/**
 * The newest daily backups kept.
 */
daily: number, 
/**
 * Beyond those, one per week for this many weeks.
 */
weekly: number, };

export type BackupFile = { name: string, path: string, bytes: number, 
/**
 * When it was written, local time, `YYYY-MM-DD HH:MM`.
 */
modified: string, 
/**
 * Made by the daily automatic backup (and so removed by the retention rule in time).
 */
automatic: boolean, };

export type RecoveryCandidate = { name: string, path: string, bytes: number, 
/**
 * When it was written, local time, `YYYY-MM-DD HH:MM`.
 */
modified: string, 
/**
 * Active contacts in it; none when it cannot be read safely.
 */
contacts: number | null, 
/**
 * Why it cannot be restored (damaged, not a Rapport book, newer); none when it is good.
 */
problem: string | null, };

export type Recovery = { 
/**
 * Why the book could not be opened: `corrupt`, `locked`, `tooNew`, `readOnly`, …
 */
code: ErrorCode, message: string, dataDir: string, databasePath: string, 
/**
 * Whether a backup may replace the book: only when it is damaged or not a database (never
 * when another program holds it locked or a newer Rapport wrote it).
 */
canRestore: boolean, 
/**
 * The backups in `<data-dir>/backups/`, newest first, each checked; empty unless
 * `can_restore`.
 */
backups: Array<RecoveryCandidate>, };

export type PhotoKind = "staff" | "team";

export type BoardArea = { x: number, y: number, width: number, height: number, };

export type PhotoInfo = { id: number, kind: PhotoKind, 
/**
 * The staff member a portrait shows.
 */
staffId: number | null, caption: string, width: number, height: number, 
/**
 * Where the whiteboard welcome goes; none picked yet means a default area.
 */
board: BoardArea | null, bytes: number, };

export type StaffMember = { id: number, name: string, role: string, active: boolean, 
/**
 * Their newest portrait.
 */
photoId: number | null, };

export type PhotoChoice = { "kind": "default" } | { "kind": "none" } | { "kind": "photo", id: number, whiteboard: boolean, };

export type WelcomePreview = { contactId: number, to: string, subject: string, text: string, 
/**
 * `data:image/jpeg;base64,…`, or none without a picture.
 */
photoDataUrl: string | null, 
/**
 * Why no picture goes with the message and which sentences about one were left out.
 */
photoNote: string | null, };

export type SendResult = { contactId: number, 
/**
 * pending, sent or failed
 */
status: string, messageId: string, error: string, };

export type SendReport = { batch: number, sent: number, failed: number, results: Array<SendResult>, };

export type DraftSaved = { path: string, messageId: string, 
/**
 * The "welcome sent" recorded on the timeline (deleting it undoes the mark).
 */
touchpointId: number, };

export type CardPrinted = { path: string, bytes: number, 
/**
 * The "welcome sent" recorded on the timeline (deleting it undoes the mark).
 */
touchpointId: number, };

export type GesturePhoto = { "kind": "default" } | { "kind": "none" } | { "kind": "staff" } | { "kind": "team" } | { "kind": "teamWhiteboard" } | { "kind": "photo", id: number, whiteboard: boolean, };

export type GestureRequest = { 
/**
 * welcome, thank-you, apology, check-in, birthday, referral-thanks, or an own kind.
 */
kind: string, contactId: number, 
/**
 * The timeline entry it answers (a purchase, a complaint, a compliment); none: the newest
 * one of the kind that fits.
 */
about: number | null, photo: GesturePhoto, 
/**
 * Who handled it (`{staff_name}`); none: who handled the entry it answers.
 */
staffName: string | null, 
/**
 * The friend they sent us (`{referred_name}`).
 */
referredName: string | null, 
/**
 * This message's own subject instead of the kind's template (merge fields allowed).
 */
subject: string | null, 
/**
 * This message's own text instead of the kind's template (merge fields allowed).
 */
text: string | null, };

export type GesturePreview = { kind: string, 
/**
 * The kind as the owner reads it: "Thank-you".
 */
label: string, contactId: number, 
/**
 * "Name <address>", or none when they have no email (a card or in person still work).
 */
to: string | null, subject: string, text: string, photoDataUrl: string | null, 
/**
 * Why no picture goes with it, and the sentences about one left out.
 */
photoNote: string | null, };

export type Delivery = { "kind": "eml", path: string | null, } | { "kind": "smtp" } | { "kind": "card", format: CardFormat, path: string | null, } | { "kind": "inPerson" };

export type GestureDone = { kind: string, delivery: string, 
/**
 * The file written (a draft or a card).
 */
path: string | null, messageId: string | null, 
/**
 * The "<kind> sent" on the timeline: deleting it is the Undo.
 */
touchpoint: Touchpoint, };

export type GestureKindInfo = { kind: string, label: string, subject: string, body: string, 
/**
 * The merge fields its template may use.
 */
fields: Array<string>, builtin: boolean, 
/**
 * The owner changed the words (a built-in kind can go back to its default).
 */
customized: boolean, 
/**
 * The words on the whiteboard, `{name}` for the first name.
 */
board: string, };

export type LoopStage = "open" | "apologised" | "putRight" | "closed";

export type Outcome = "happy" | "neutral" | "unhappy";

export type LoopStep = { "step": "apologised", by: string, } | { "step": "putRight", what: string, by: string, } | { "step": "checkedBack", outcome: Outcome, by: string, };

export type ComplaintLoop = { complaintId: number, contactId: number, complainedOn: string, complaint: string, stage: LoopStage, apologisedOn: string | null, putRightOn: string | null, whatWeDid: string, putRightBy: string, checkedBackOn: string | null, outcome: Outcome | null, };

export type OpenLoop = { contact: ContactSummary, complaintId: number, complaint: string, complainedOn: string, stage: LoopStage, 
/**
 * "Apologise", "Put it right" or "Check back".
 */
nextStep: string, dueOn: string, 
/**
 * Due on or before today.
 */
due: boolean, };

export type QuarterCount = { from: string, to: string, happy: number, closed: number, };

export type SettingValue = { key: string, value: string, description: string, };

export type CardFormat = "a6" | "a7" | "5x7" | "4x6" | "folded-a4" | "folded-letter";

export type Motif = "confetti" | "hearts" | "stars" | "leaves" | "snowflakes" | "pumpkins" | "flowers";

export type CardDesign = { 
/**
 * Unique among the designs offered for an occasion ("Candles", "Harvest"…).
 */
name: string, format: CardFormat, 
/**
 * A JPEG or PNG file for the front, read once per batch (a JPEG is embedded as it is, never
 * re-compressed). `None`: a drawn design in the accent's colours.
 */
frontImage: string | null, 
/**
 * Large words on the front or at the top of the message ("Happy Birthday").
 */
greeting: string, 
/**
 * The message, with merge fields (`Dear {first_name}, …`); see [`merge_fields`].
 */
message: string, 
/**
 * Closing line(s), e.g. "Warmly,\nAnn and the team at {business_name}". Merge fields allowed.
 */
signature: string, 
/**
 * A theme id from [`ACCENTS`] ("rose", "forest"…): colours and the drawn front.
 */
accent: string, 
/**
 * What the drawn front shows when there is no picture.
 */
motif: Motif, 
/**
 * A staff or team photo from the book for the front, shown whole; it takes the place of
 * `front_image`. See [`crate::Book::card_front`].
 */
frontPhoto: number | null, };

export type CardRecipient = { contactId: number, 
/**
 * The name as shown in Rapport (for envelopes, labels and reports).
 */
displayName: string, 
/**
 * Merge field values (`first_name` → `Ann`…); see [`CardRecipient::for_contact`].
 */
values: { [key in string]?: string }, 
/**
 * The postal address to write on envelopes and labels (the contact's first usable one).
 */
address: PostalAddress | null, 
/**
 * A line written for this person only, printed under the message.
 */
personalLine: string | null, };

export type CardJob = { design: CardDesign, recipients: Array<CardRecipient>, 
/**
 * Fills `{business_name}` (store setting `business_name`).
 */
businessName: string, };

export type UnprintableText = { contactId: number, displayName: string, 
/**
 * The characters no font has, each once, in order.
 */
missing: string, 
/**
 * The name as it prints with those characters dropped (what the owner will see on the
 * card if they choose to print it anyway).
 */
printableName: string, };

export type UnknownField = { name: string, 
/**
 * Byte offset in the template, for highlighting.
 */
at: number, };

export type CardCheck = { 
/**
 * Fields in the message or signature that nobody knows (`{frist_name}`).
 */
unknownFields: Array<UnknownField>, 
/**
 * People whose card would show boxes instead of letters.
 */
unprintable: Array<UnprintableText>, 
/**
 * The design signs with `{business_name}` but no business name is set, so every card would
 * read "the team at" and stop.
 */
missingBusinessName: boolean, };

export type PersonalLine = { contactId: number, line: string, };

export type PersonalLineSuggestion = { contactId: number, displayName: string, 
/**
 * Empty when the book knows nothing personal about this contact.
 */
suggested: string, 
/**
 * The note the suggestion was made from ("Interests: Loves sourdough"), or empty.
 */
source: string, };

export type EnvelopeSize = "dl" | "c6" | "us10" | "a7";

export type LabelSheet = "avery-5160" | "l7160";

export type ReturnAddress = { 
/**
 * Store setting `business_name`.
 */
businessName: string, 
/**
 * Store setting `business_address`, lines separated by newlines.
 */
address: string, };

export type SkippedRecipient = { contactId: number, displayName: string, reason: string, };

export type PrintedFile = { path: string, pages: number, skipped: Array<SkippedRecipient>, };

export type Progress = { done: number, total: number, };

export type PrintedCards = { path: string, recipientIds: number[], bytes: number, pages: number, 
/**
 * The people whose card was not printed because no installed font has some of its
 * characters (the rest of the batch is printed).
 */
leftOut: Array<UnprintableText>, };

export type OccasionKind = "newYear" | "valentine" | "aprilFools" | "mothersDay" | "fathersDay" | "nationalDay" | "thanksgiving" | "halloween" | "winter" | "birthday" | "anniversary" | "general";

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export type OccasionRule = { "type": "fixed", month: number, day: number, } | { "type": "nthWeekday", nth: number, weekday: Weekday, month: number, } | { "type": "easterOffset", days: number, } | { "type": "oneOff", date: string, } | { "type": "contactBirthday" } | { "type": "customerAnniversary" };

export type Occasion = { 
/**
 * Stable: "thanksgiving-us", "birthday", "custom-12".
 */
id: string, name: string, kind: OccasionKind, rule: OccasionRule, 
/**
 * The rule in words.
 */
description: string, 
/**
 * Where it is kept: "US", "Canada", "UK"; empty when everywhere.
 */
region: string, 
/**
 * Added by the owner (can be removed).
 */
custom: boolean, };

export type NewOccasion = { name: string, rule: OccasionRule, 
/**
 * The design family; General when not given.
 */
kind: OccasionKind | null, };

export type CardCountBasis = "activeWithAddress" | "birthdaysInWindow" | "anniversariesInWindow";

export type UpcomingOccasion = { occasion: Occasion, 
/**
 * The next date on or after the day asked for; for per-contact occasions the soonest
 * contact's date; None when it will not come again (a past one-off, nobody with a date).
 */
next: string | null, inDays: number | null, };

export type NextOccasion = { occasion: Occasion, date: string, inDays: number, cardCount: number, countBasis: CardCountBasis, };

export type Recipients = { "type": "everyone" } | { "type": "tag", tag: string, } | { "type": "picked", ids: number[], } | { "type": "birthdaysNextMonth" } | { "type": "birthdaysWithin", days: number, } | { "type": "anniversariesWithin", days: number, };

export type RecordedBatch = { recorded: number, note: string, happenedOn: string, };

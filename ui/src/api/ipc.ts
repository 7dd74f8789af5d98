// The one place the UI talks to the Rust side. One typed function per command;
// every failure becomes an AppError. Components never call invoke themselves.
import { invoke, Channel } from '@tauri-apps/api/core';
import type {
  AppError,
  AppInfo,
  BookChanged,
  ErrorCode,
  BoardArea,
  Company,
  ContactDetail,
  ContactEdit,
  ContactSave,
  ContactInput,
  ContactPage,
  CardFormat,
  CardPrinted,
  DraftSaved,
  ListQuery,
  NewTouchpoint,
  Goodwill,
  NewGift,
  HouseAnswer,
  SettingSave,
  HouseAnswerInput,
  NewReply,
  Testimonial,
  TestimonialTerms,
  TestimonialsFormat,
  TestimonialsWritten,
  FollowUp,
  FollowUpDone,
  NewFollowUp,
  PhotoChoice,
  PhotoInfo,
  PhotoKind,
  SendReport,
  SettingValue,
  SmtpPasswordState,
  StaffMember,
  StaffFeedback,
  TagCount,
  TodayView,
  Touchpoint,
  WelcomePreview,
  CardCheck,
  PersonalLine,
  PersonalLineSuggestion,
  PrintedFile,
  EnvelopeSize,
  LabelSheet,
  CardDesign,
  Progress,
  PrintedCards,
  ContactSummary,
  NewOccasion,
  Occasion,
  RecordedBatch,
  Recipients,
  UpcomingOccasion,
  BackupFile,
  BackupInfo,
  ColumnMapping,
  ExportFormat,
  ExportOptions,
  ExportSummary,
  FieldPick,
  ImportFormat,
  ImportOptions,
  ImportPreview,
  ImportReport,
  RestoreInfo,
  Retention,
  Recovery,
  ComplaintLoop,
  Delivery,
  GestureDone,
  GestureKindInfo,
  GesturePreview,
  GestureRequest,
  LoopStep,
  OpenLoopList,
  QuarterCount,
} from './bindings';

export type { AppError, AppInfo } from './bindings';

/** Turn anything a rejected invoke can throw into an AppError. */
export function toAppError(e: unknown): AppError {
  if (e && typeof e === 'object') {
    const o = e as Record<string, unknown>;
    if (typeof o.code === 'string' && typeof o.message === 'string') {
      const fields = Array.isArray(o.fields)
        ? (o.fields as unknown[]).filter(
            (f): f is { field: string; message: string } =>
              !!f && typeof (f as { field?: unknown }).field === 'string' && typeof (f as { message?: unknown }).message === 'string',
          )
        : [];
      // The Rust side sends one of the generated codes.
      return { code: o.code as ErrorCode, message: o.message, fields };
    }
    if (e instanceof Error) return { code: 'unknown', message: e.message, fields: [] };
  }
  if (typeof e === 'string') return { code: 'unknown', message: e, fields: [] };
  return { code: 'unknown', message: 'Something went wrong. Please try again.', fields: [] };
}

export function isAppError(e: unknown): e is AppError {
  return (
    !!e &&
    typeof e === 'object' &&
    typeof (e as AppError).code === 'string' &&
    typeof (e as AppError).message === 'string' &&
    Array.isArray((e as AppError).fields)
  );
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const today = () => call<TodayView>('today');
export const listContacts = (query: ListQuery) => call<ContactPage>('list_contacts', { query });
export const getContact = (id: number) => call<ContactDetail>('get_contact', { id });
/** Notes who sent us the contact (null: nobody); the page as it now reads. */
export const setReferrer = (contactId: number, referredBy: number | null) => call<ContactDetail>('set_referrer', { contactId, referredBy });
export const contactPhotoDataUrl = (id: number, thumbnail: boolean) => call<string | null>('contact_photo_data_url', { id, thumbnail });
export const setContactPhoto = (id: number, photoBase64: string) => call<null>('set_contact_photo', { id, photoBase64 });
export const removeContactPhoto = (id: number) => call<boolean>('remove_contact_photo', { id });
export const createContact = (input: ContactInput) => call<ContactDetail>('create_contact', { input });
/** Saves an edit made from the contact as read (base, baseVersion); someone else's save meanwhile is merged, or comes back as a conflict. */
export const updateContact = (id: number, edit: ContactEdit) => call<ContactSave>('update_contact', { id, edit });
/** What we gave a customer beside what went wrong, with a one-line summary. */
/** A gift or voucher given: its own timeline entry (deleting it is the Undo). */
export const giveGift = (contactId: number, gift: NewGift) => call<Touchpoint>('give_gift', { contactId, gift });
export const goodwill = (contactId: number) => call<Goodwill>('goodwill', { contactId });
/** Logs an entry, with the promise made in it when one is given (one transaction). */
export const logTouchpoint = (contactId: number, touchpoint: NewTouchpoint, promise?: string) =>
  call<Touchpoint>('log_touchpoint', { contactId, touchpoint, promise: promise?.trim() ? promise : null });
/** The shop's house answers, by topic (only an owner changes them on the team's book). */
export const houseAnswers = () => call<HouseAnswer[]>('house_answers');
export const addHouseAnswer = (answer: HouseAnswerInput) => call<HouseAnswer>('add_house_answer', { answer });
export const editHouseAnswer = (id: number, answer: HouseAnswerInput) => call<HouseAnswer>('edit_house_answer', { id, answer });
export const removeHouseAnswer = (id: number) => call<HouseAnswer>('remove_house_answer', { id });
/** "They replied": the reply on the timeline (kept as a testimonial if asked); deleting it is the Undo. */
export const logReply = (reply: NewReply) => call<Touchpoint>('log_reply', { reply });
export const markTestimonial = (touchpointId: number, terms: TestimonialTerms | null) => call<null>('mark_testimonial', { touchpointId, terms });
export const listTestimonials = (onlyQuotable: boolean) => call<Testimonial[]>('list_testimonials', { onlyQuotable });
export const saveTestimonials = (format: TestimonialsFormat) => call<TestimonialsWritten>('save_testimonials', { format });
export const openTestimonialsFile = (path: string) => call<null>('open_testimonials_file', { path });
/** The month's "what customers said" page (month: YYYY-MM-DD, any day of it). */
export const saveMonthPage = (month: string | null) => call<TestimonialsWritten>('save_month_page', { month });
export const addFollowUp = (contactId: number, followUp: NewFollowUp) => call<FollowUp>('add_follow_up', { contactId, followUp });
export const changeFollowUp = (id: number, followUp: NewFollowUp) => call<FollowUp>('change_follow_up', { id, followUp });
export const deleteFollowUp = (id: number) => call<FollowUp>('delete_follow_up', { id });
/** Marks a follow-up done: logs the touchpoint (a call unless told); deleting that entry reopens it. */
export const completeFollowUp = (id: number, done: FollowUpDone) => call<Touchpoint>('complete_follow_up', { id, done });
export const setComplaintResolved = (touchpointId: number, resolved: boolean) => call<Touchpoint>('set_complaint_resolved', { touchpointId, resolved });
export const deleteTouchpoint = (touchpointId: number) => call<null>('delete_touchpoint', { touchpointId });
export const setArchived = (ids: number[], archived: boolean) => call<number>('set_archived', { ids, archived });
export const tagContacts = (ids: number[], tag: string) => call<number>('tag_contacts', { ids, tag });
export const untagContacts = (ids: number[], tag: string) => call<number>('untag_contacts', { ids, tag });
export const deleteContact = (id: number) => call<string>('delete_contact', { id });
export const undoDelete = (id: number) => call<ContactDetail>('undo_delete', { id });
export const listTags = () => call<TagCount[]>('list_tags');
export const listCompanies = () => call<Company[]>('list_companies');
export const staffNames = () => call<string[]>('staff_names');
export const loadSampleContacts = (count: number) => call<number>('load_sample_contacts', { count });
export const appInfo = () => call<AppInfo>('app_info');
/** Why the book could not be opened and the backups offered instead; null when it is open. */
export const recoveryStatus = () => call<Recovery | null>('recovery_status');
export const recoverFromBackup = (path: string) => call<RestoreInfo>('recover_from_backup', { path });
/** Opens the book in another data folder in place of one that could not be opened. */
export const openOtherFolder = (folder: string) => call<AppInfo>('open_other_folder', { folder });
/** Signs in to the team's book this folder joined, with the password typed. */
export const signIn = (password: string, remember: boolean) => call<AppInfo>('sign_in', { password, remember });
/** Joins this folder to the team's book (join code or postgres:// address) and works on it from now on. */
export const joinSharedBook = (code: string, login: string, password: string, remember: boolean) =>
  call<AppInfo>('join_shared_book', { code, login, password, remember });
/** Calls `onChange` whenever the book changes elsewhere (another desk, another program on this computer). */
export function watchBook(onChange: (change: BookChanged) => void) {
  const channel = new Channel<BookChanged>();
  channel.onmessage = onChange;
  return call<null>('watch_book', { onChange: channel });
}
/** The system's folder picker (tauri-plugin-dialog's `open`); null when the owner cancels. */
export const chooseFolder = (title: string) => call<string | null>('plugin:dialog|open', { options: { title, directory: true, multiple: false } });

export const listStaff = () => call<StaffMember[]>('list_staff');
/** What customers said about one staff member: the compliments and complaints naming them. */
export const staffFeedback = (id: number) => call<StaffFeedback>('staff_feedback', { id });
export const addStaff = (name: string, role: string, photoBase64: string | null) => call<StaffMember>('add_staff', { name, role, photoBase64 });
export const setStaffActive = (id: number, active: boolean) => call<StaffMember>('set_staff_active', { id, active });
export const listPhotos = () => call<PhotoInfo[]>('list_photos');
export const importPhoto = (photoBase64: string, kind: PhotoKind, staffId: number | null, caption: string) =>
  call<PhotoInfo>('import_photo', { photoBase64, kind, staffId, caption });
export const photoDataUrl = (id: number, thumbnail: boolean) => call<string>('photo_data_url', { id, thumbnail });
export const setPhotoBoard = (id: number, area: BoardArea) => call<PhotoInfo>('set_photo_board', { id, area });
export const deletePhoto = (id: number) => call<null>('delete_photo', { id });
export const getSettings = () => call<SettingValue[]>('get_settings');
export const setSetting = (key: string, value: string) => call<null>('set_setting', { key, value });
/** Saves a setting from the value shown (`base`); a change made elsewhere since comes back as a conflict. */
export const saveSetting = (key: string, base: string, value: string) => call<SettingSave>('save_setting', { key, base, value });
/** Whether an SMTP password is stored for the SMTP user (never the password). */
export const smtpPasswordState = () => call<SmtpPasswordState>('smtp_password_state');
/** Keeps the SMTP password in the system keyring; the state after. */
export const setSmtpPassword = (password: string) => call<SmtpPasswordState>('set_smtp_password', { password });
export const startAtLogin = () => call<boolean>('start_at_login');
export const setStartAtLogin = (enabled: boolean) => call<boolean>('set_start_at_login', { enabled });
export const welcomePreview = (contactId: number, choice: PhotoChoice) => call<WelcomePreview>('welcome_preview', { contactId, choice });
export const saveWelcomeDraft = (contactId: number, choice: PhotoChoice) => call<DraftSaved>('save_welcome_draft', { contactId, choice });
export const printWelcomeCard = (contactId: number, choice: PhotoChoice, format: CardFormat) =>
  call<CardPrinted>('print_welcome_card', { contactId, choice, format });
export const openWelcomeFile = (path: string) => call<null>('open_welcome_file', { path });
// Gestures (thank-you, apology, check-in…) and the complaint's loop.
export const gestureKinds = () => call<GestureKindInfo[]>('gesture_kinds');
export const setGestureTemplate = (kind: string, subject: string, body: string) => call<GestureKindInfo>('set_gesture_template', { kind, subject, body });
export const addGestureKind = (label: string, subject: string, body: string) => call<GestureKindInfo>('add_gesture_kind', { label, subject, body });
export const resetGestureKind = (kind: string) => call<null>('reset_gesture_kind', { kind });
export const gesturePreview = (request: GestureRequest) => call<GesturePreview>('gesture_preview', { request });
export const giveGesture = (request: GestureRequest, delivery: Delivery) => call<GestureDone>('give_gesture', { request, delivery });
export const complaintLoop = (complaintId: number) => call<ComplaintLoop>('complaint_loop', { complaintId });
export const complaintStep = (complaintId: number, step: LoopStep) => call<Touchpoint>('complaint_step', { complaintId, step });
/** The first open loops (oldest complaint first) and how many are open in all. */
export const openLoops = () => call<OpenLoopList>('open_loops');
export const complaintsEndedThisQuarter = () => call<QuarterCount>('complaints_ended_this_quarter');
export const sendWelcome = (contactIds: number[], choice: PhotoChoice) => call<SendReport>('send_welcome', { contactIds, choice });
// Cards and occasions
export const listOccasions = () => call<UpcomingOccasion[]>('list_occasions');
export const addOccasion = (newOccasion: NewOccasion) => call<Occasion>('add_occasion', { new: newOccasion });
export const removeOccasion = (id: string) => call<null>('remove_occasion', { id });
export const cardDesigns = (occasionId: string) => call<CardDesign[]>('card_designs', { occasionId });
export const cardMergeFields = () => call<string[]>('card_merge_fields');
export const batchRecipients = (recipients: Recipients) => call<ContactSummary[]>('batch_recipients', { recipients });
export const personalLineSuggestions = (recipients: Recipients) => call<PersonalLineSuggestion[]>('personal_line_suggestions', { recipients });
export const checkCards = (recipients: Recipients, design: CardDesign, personalLines: PersonalLine[]) =>
  call<CardCheck>('check_cards', { recipients, design, personalLines });
/** `dropMissing`: print the characters no installed font has as nothing, instead of leaving those cards out. */
export function generateCards(
  recipients: Recipients,
  design: CardDesign,
  personalLines: PersonalLine[],
  name: string,
  onProgress: (p: Progress) => void,
  dropMissing = false,
) {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<PrintedCards>('generate_cards', { recipients, design, personalLines, name, dropMissing, onProgress: channel });
}
export function generateEnvelopes(recipients: Recipients, size: EnvelopeSize, name: string, onProgress: (p: Progress) => void) {
  const channel = new Channel<Progress>();
  channel.onmessage = onProgress;
  return call<PrintedFile>('generate_envelopes', { recipients, size, name, onProgress: channel });
}
export const generateLabels = (recipients: Recipients, sheet: LabelSheet, name: string) => call<PrintedFile>('generate_labels', { recipients, sheet, name });
export const cancelCards = () => call<null>('cancel_cards');
export const readCardsPdf = (path: string) => call<ArrayBuffer>('read_cards_pdf', { path });
export const openCardsPdf = (path: string) => call<null>('open_cards_pdf', { path });
export const recordCardsSent = (ids: number[], occasionName: string) => call<RecordedBatch>('record_cards_sent', { ids, occasionName, sentOn: null });
export const setAddressUndeliverable = (contactId: number, undeliverable: boolean) =>
  call<string | null>('set_address_undeliverable', { contactId, undeliverable });
export const addressUndeliverable = (contactId: number) => call<string | null>('address_undeliverable', { contactId });

// Exchange: export, import, merge, backup
export const exportDestination = (format: ExportFormat) => call<string>('export_destination', { format });
/** Exports to `out`; `onProgress(done, total)` hears how far it got. */
export function exportContacts(options: ExportOptions, out: string, onProgress: (done: number, total: number) => void) {
  const progress = new Channel<Progress>();
  progress.onmessage = ({ done, total }) => onProgress(done, total);
  return call<ExportSummary>('export_contacts', { options, out, progress });
}
/** Hands a picked file's bytes to the core (raw, not JSON); returns the staged path. */
export async function stageFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return await invoke<string>('stage_file', bytes, { headers: { 'x-file-name': encodeURIComponent(file.name) } });
  } catch (e) {
    throw toAppError(e);
  }
}
export const importPreview = (path: string, format: ImportFormat, mapping: ColumnMapping[] | null) =>
  call<ImportPreview>('import_preview', { path, format, mapping });
export function importContacts(path: string, options: ImportOptions, onProgress: (done: number, total: number) => void) {
  const progress = new Channel<Progress>();
  progress.onmessage = ({ done, total }) => onProgress(done, total);
  return call<ImportReport>('import_contacts', { path, options, progress });
}
export const mergeContacts = (keep: number, other: number, picks: FieldPick[]) => call<ContactDetail>('merge_contacts', { keep, other, picks });
export const backupNow = (out: string | null = null) => call<BackupInfo>('backup_now', { out });
/**
 * The system's Save dialog (tauri-plugin-dialog's `save`, the only plugin command the window
 * may use); resolves to the chosen path, or null when the owner cancels.
 */
export const chooseSavePath = (defaultPath: string, filter: { name: string; extensions: string[] }, title: string) =>
  call<string | null>('plugin:dialog|save', { options: { title, defaultPath, filters: [filter], canCreateDirectories: true } });
export const listBackups = () => call<BackupFile[]>('list_backups');
export const backupRetention = () => call<Retention>('backup_retention');
export const setBackupRetention = (retention: Retention) => call<null>('set_backup_retention', { retention });
export const restoreBackup = (path: string) => call<RestoreInfo>('restore_backup', { path });
/** Stops the import or export under way: an import then changes nothing, an export leaves no file. */
export const cancelExchange = () => call<null>('cancel_exchange');

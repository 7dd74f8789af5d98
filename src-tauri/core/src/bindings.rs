//! The one typed contract with the UI: TypeScript declarations generated from the Rust types the
//! commands take and return. `ui/src/api/bindings.ts` is this text, checked in; a test fails
//! when it is stale, and `UPDATE_BINDINGS=1 cargo test -p rapport-core bindings` rewrites it.

use ts_rs::TS;

use crate::cards::*;
use crate::contacts::*;
use crate::error::{AppError, ErrorCode, FieldError};
use crate::exchange::backup::{BackupFile, BackupInfo, RestoreInfo, Retention};
use crate::exchange::csv_import::{ColumnMapping, Target};
use crate::exchange::duplicates::{FieldPick, MergeField};
use crate::exchange::import::*;
use crate::exchange::mapping::ColumnChoice;
use crate::exchange::recovery::{Recovery, RecoveryCandidate};
use crate::exchange::*;
use crate::follow_ups::FollowUpDone;
use crate::gestures::{
    ComplaintLoop, Delivery, GestureDone, GestureKindInfo, GesturePhoto, GesturePreview,
    GestureRequest, Goodwill, LoopStage, LoopStep, OpenLoop, OpenLoopList, Outcome, QuarterCount,
};
use crate::live::BookChanged;
use crate::merge::UnknownField;
use crate::occasions::*;
use crate::paths::AppInfo;
use crate::photos::{BoardArea, PhotoInfo, PhotoKind, StaffMember};
use crate::settings::{SettingSave, SettingValue, SmtpPasswordState};
use crate::staff::{Feedback, StaffFeedback};
use crate::testimonials::{TestimonialsFormat, TestimonialsWritten};
use crate::today::*;
use crate::welcome::{
    CardPrinted, DraftSaved, PhotoChoice, SendReport, SendResult, WelcomePreview,
};

macro_rules! declarations {
    ($($ty:ty),* $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl())),*]
    };
}

/// The whole generated file.
pub fn typescript() -> String {
    let declarations: Vec<String> = declarations![
        AppError,
        ErrorCode,
        FieldError,
        AppInfo,
        BookChanged,
        LabeledValue,
        PostalAddress,
        Birthday,
        TouchpointKind,
        Touchpoint,
        NewTouchpoint,
        Company,
        ContactInput,
        Contact,
        ContactSummary,
        SortKey,
        ArchiveFilter,
        ListQuery,
        ContactPage,
        TagCount,
        ContactDetail,
        LastChange,
        StaffFeedback,
        Feedback,
        ContactEdit,
        ContactSave,
        EditConflict,
        FieldConflict,
        DeletedContact,
        UpcomingBirthday,
        OpenComplaint,
        OverdueContact,
        NewCustomer,
        TodayView,
        Goodwill,
        NewGift,
        GiftRecord,
        HouseAnswer,
        HouseAnswerInput,
        PromiseMade,
        MayQuote,
        TestimonialTerms,
        TestimonialMark,
        ReplyLink,
        Testimonial,
        NewReply,
        TestimonialsFormat,
        TestimonialsWritten,
        SmtpPasswordState,
        SettingSave,
        Referral,
        ReferralThanks,
        OpenLoopList,
        FollowUp,
        NewFollowUp,
        DueFollowUp,
        FollowUpDone,
        Column,
        Profile,
        ExportFormat,
        VcardVersion,
        ExportOptions,
        ExportSummary,
        Target,
        ColumnMapping,
        ColumnChoice,
        ImportFormat,
        OnDuplicate,
        DuplicateChoice,
        MergeField,
        FieldPick,
        ImportOptions,
        RefusedRow,
        DuplicateRow,
        ImportReport,
        PreviewRow,
        ImportPreview,
        BackupInfo,
        RestoreInfo,
        Retention,
        BackupFile,
        RecoveryCandidate,
        Recovery,
        PhotoKind,
        BoardArea,
        PhotoInfo,
        StaffMember,
        PhotoChoice,
        WelcomePreview,
        SendResult,
        SendReport,
        DraftSaved,
        CardPrinted,
        GesturePhoto,
        GestureRequest,
        GesturePreview,
        Delivery,
        GestureDone,
        GestureKindInfo,
        LoopStage,
        Outcome,
        LoopStep,
        ComplaintLoop,
        OpenLoop,
        QuarterCount,
        SettingValue,
        CardFormat,
        Motif,
        CardDesign,
        CardRecipient,
        CardJob,
        UnprintableText,
        UnknownField,
        CardCheck,
        PersonalLine,
        PersonalLineSuggestion,
        EnvelopeSize,
        LabelSheet,
        ReturnAddress,
        SkippedRecipient,
        PrintedFile,
        Progress,
        PrintedCards,
        OccasionKind,
        Weekday,
        OccasionRule,
        Occasion,
        NewOccasion,
        CardCountBasis,
        UpcomingOccasion,
        NextOccasion,
        Recipients,
        RecordedBatch,
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/core by `UPDATE_BINDINGS=1 cargo test -p rapport-core bindings`.\n// Do not edit by hand.\n\n",
    );
    for declaration in declarations {
        out.push_str(&declaration);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

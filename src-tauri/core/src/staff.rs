//! Staff and photos in the book: the team members with their portraits, the team photos, and
//! where on a photo the welcome is written. Pictures go through the photo checks (size, kind,
//! orientation) before anything is stored.

use serde::Serialize;
use ts_rs::TS;

use crate::contacts::{clean_line, Touchpoint, TouchpointKind};
use crate::error::{Error, Result};
use crate::photos::{self, BoardArea, PhotoInfo, PhotoKind, StaffMember};
use crate::store::NewPhoto;
use crate::Book;

/// What customers said about one member of the staff: the compliments and the complaints that
/// name them as who handled it, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffFeedback {
    pub member: StaffMember,
    pub compliments: Vec<Feedback>,
    #[ts(type = "number")]
    pub compliment_count: i64,
    pub complaints: Vec<Feedback>,
    #[ts(type = "number")]
    pub complaint_count: i64,
}

/// One compliment or complaint, with the customer it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    pub customer: String,
    pub touchpoint: Touchpoint,
}

/// How many of each a staff page lists (the counts say how many there are in all).
const FEEDBACK_SHOWN: u32 = 100;

impl Book {
    /// The compliments and complaints that name staff member `id` as who handled them: their
    /// page, so the team sees what customers said about each of them.
    pub fn staff_feedback(&self, id: i64) -> Result<StaffFeedback> {
        let member = self
            .store()
            .staff()?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| Error::not_found(format!("Staff member {id}")))?;
        let list = |kind| -> Result<(Vec<Feedback>, i64)> {
            let (rows, total) = self
                .store()
                .feedback_for(&member.name, kind, FEEDBACK_SHOWN)?;
            let items = rows
                .into_iter()
                .map(|(customer, touchpoint)| Feedback {
                    customer,
                    touchpoint,
                })
                .collect();
            Ok((items, total))
        };
        let (compliments, compliment_count) = list(TouchpointKind::Compliment)?;
        let (complaints, complaint_count) = list(TouchpointKind::Complaint)?;
        Ok(StaffFeedback {
            member,
            compliments,
            compliment_count,
            complaints,
            complaint_count,
        })
    }

    /// The staff, active and not.
    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        self.store().staff()
    }

    /// Adds a staff member; their portrait (checked and normalised first) is stored in the same
    /// transaction.
    pub fn add_staff(
        &mut self,
        name: &str,
        role: &str,
        photo_bytes: Option<&[u8]>,
    ) -> Result<StaffMember> {
        let name = clean_line(name);
        let role = clean_line(role);
        if name.is_empty() {
            return Err(Error::invalid("name", "type the staff member's name"));
        }
        if name.chars().count() > 200 || role.chars().count() > 200 {
            return Err(Error::invalid("name", "at most 200 characters"));
        }
        let photo = photo_bytes.map(photos::normalize).transpose()?;
        self.store_mut().insert_staff(&name, &role, photo.as_ref())
    }

    /// Marks a staff member as working here or not (their history stays).
    pub fn set_staff_active(&mut self, id: i64, active: bool) -> Result<StaffMember> {
        self.store_mut().set_staff_active(id, active)
    }

    /// The team photos and portraits.
    pub fn photos(&self) -> Result<Vec<PhotoInfo>> {
        self.store().photos()
    }

    pub fn photo(&self, id: i64) -> Result<PhotoInfo> {
        self.store().photo(id)
    }

    /// A stored photo's JPEG (or its thumbnail).
    pub fn photo_jpeg(&self, id: i64, thumbnail: bool) -> Result<Vec<u8>> {
        self.store().photo_jpeg(id, thumbnail)
    }

    /// A stored photo as a `data:` URL for the window.
    pub fn photo_data_url(&self, id: i64, thumbnail: bool) -> Result<String> {
        Ok(photos::data_url(&self.photo_jpeg(id, thumbnail)?))
    }

    /// Imports a picture (checked, normalised) as a team photo or a staff member's portrait.
    pub fn import_photo(
        &mut self,
        bytes: &[u8],
        kind: PhotoKind,
        staff_id: Option<i64>,
        caption: &str,
    ) -> Result<PhotoInfo> {
        if kind == PhotoKind::Staff && staff_id.is_none() {
            return Err(Error::invalid("staffId", "choose whose portrait this is"));
        }
        let photo = photos::normalize(bytes)?;
        self.store_mut().insert_photo(&NewPhoto {
            kind,
            staff_id,
            caption: &clean_line(caption),
            photo: &photo,
        })
    }

    /// Stores where on the photo the welcome is written.
    pub fn set_photo_board(&mut self, photo_id: i64, area: BoardArea) -> Result<PhotoInfo> {
        let info = self.store().photo(photo_id)?;
        photos::check_board(area, info.width, info.height)?;
        self.store_mut().set_photo_board(photo_id, area)
    }

    pub fn delete_photo(&mut self, id: i64) -> Result<()> {
        self.store_mut().delete_photo(id)
    }
}

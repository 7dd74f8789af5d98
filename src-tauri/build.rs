//! Generates a permission per app command, so the window's capability lists exactly the commands
//! it may call (anything not listed is refused by Tauri).

const COMMANDS: &[&str] = &[
    "app_info",
    "today",
    "list_contacts",
    "get_contact",
    "create_contact",
    "update_contact",
    "set_archived",
    "tag_contacts",
    "untag_contacts",
    "delete_contact",
    "undo_delete",
    "list_tags",
    "list_companies",
    "load_sample_contacts",
    "log_touchpoint",
    "set_complaint_resolved",
    "delete_touchpoint",
    "staff_names",
    "export_contacts",
    "backup_now",
    "restore_backup",
    "list_staff",
    "add_staff",
    "set_staff_active",
    "list_photos",
    "import_photo",
    "photo_data_url",
    "set_photo_board",
    "delete_photo",
    "get_settings",
    "set_setting",
    "welcome_preview",
    "save_welcome_draft",
    "send_welcome",
    "list_occasions",
    "add_occasion",
    "remove_occasion",
    "card_designs",
    "card_merge_fields",
    "batch_recipients",
    "personal_line_suggestions",
    "generate_envelopes",
    "generate_labels",
    "check_cards",
    "generate_cards",
    "cancel_cards",
    "read_cards_pdf",
    "open_cards_pdf",
    "record_cards_sent",
    "set_address_undeliverable",
    "address_undeliverable",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step failed");
}

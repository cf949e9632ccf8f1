//! The audit log as CSV, safe to open in a spreadsheet.

use super::types::AuditEntry;

/// One line per entry under a header line. Every cell is quoted, and a
/// cell that a spreadsheet would read as a formula (it starts with `=`,
/// `+`, `-` or `@`, or with a tab or carriage return) gets a leading `'`,
/// so a name or a reason like `=HYPERLINK(…)` stays text (OWASP's advice
/// on CSV injection).
pub fn write(entries: &[AuditEntry]) -> String {
    let mut out = String::from("id,time_utc,actor,action,subject_type,subject_id,detail\r\n");
    for entry in entries {
        let subject_type = entry
            .subject
            .map(|subject| subject.kind())
            .unwrap_or_default();
        let subject_id = entry
            .subject
            .and_then(|subject| subject.id())
            .map(|id| id.to_string())
            .unwrap_or_default();
        let cells = [
            entry.id.to_string(),
            entry.at.to_rfc3339(),
            entry.actor_name.clone(),
            entry.action.as_str().to_owned(),
            subject_type.to_owned(),
            subject_id,
            entry.detail.clone(),
        ];
        out.push_str(&line(&cells));
    }
    out
}

/// One CSV line of `cells`, each quoted and defused, ending in CRLF.
pub fn line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells.iter().map(|cell| cell_text(cell)).collect();
    format!("{}\r\n", quoted.join(","))
}

fn cell_text(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", defused.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::audit::types::{AuditAction, AuditSubject};

    #[test]
    fn formulas_stay_text_and_quotes_are_doubled() {
        let entry = |name: &str, detail: &str| AuditEntry {
            id: 7,
            at: chrono::DateTime::UNIX_EPOCH,
            actor_name: name.to_owned(),
            action: AuditAction::ChallengeDeclined,
            subject: Some(AuditSubject::Challenge(3)),
            detail: detail.to_owned(),
        };
        let csv = write(&[
            entry("=HYPERLINK(\"http://x\")", "+1"),
            entry("@SUM(A1)", "-2"),
            entry(
                "Kari \"K\" Nordmann",
                "Ikke innenfor \"mandatet\", beklager",
            ),
        ]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "id,time_utc,actor,action,subject_type,subject_id,detail"
        );
        assert!(
            lines[1].contains("\"'=HYPERLINK(\"\"http://x\"\")\""),
            "{}",
            lines[1]
        );
        assert!(lines[1].ends_with("\"'+1\""));
        assert!(lines[2].contains("\"'@SUM(A1)\"") && lines[2].ends_with("\"'-2\""));
        assert!(lines[3].contains("\"Kari \"\"K\"\" Nordmann\""));
        assert!(lines[3].contains("\"challenge\",\"3\""));
        for line in &lines[1..4] {
            assert!(!line.contains(",=") && !line.contains(",+") && !line.contains(",@"));
        }
    }
}

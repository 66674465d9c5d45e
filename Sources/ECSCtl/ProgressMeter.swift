import Admin
import Foundation
import Synchronization

/// A transfer's progress on standard error, as one line rewritten in place:
/// `backup: 12.0 MiB / 48.0 MiB (25%)`. Redrawn only when the percentage (or, with no known
/// total, the MiB count) changes, so a fast transfer does not spend its time printing.
final class ProgressMeter: Sendable {
    private let label: String
    private let enabled: Bool
    /// The last line drawn, to skip redraws that change nothing.
    private let shown = Mutex<String?>(nil)

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    func update(_ progress: BackupDownload.Progress) {
        guard enabled else { return }
        let line = Self.line(label: label, progress)
        let changed = shown.withLock { shown in
            defer { shown = line }
            return shown != line
        }
        if changed { FileHandle.standardError.write(Data("\r\(line)".utf8)) }
    }

    /// Ends the progress line.
    func finish() {
        guard enabled, shown.withLock({ $0 }) != nil else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    static func line(label: String, _ progress: BackupDownload.Progress) -> String {
        guard let total = progress.total, total > 0 else {
            return "\(label): \(BackupReport.byteCount(progress.received / (1 << 20) << 20))"
        }
        let percent = min(100, progress.received * 100 / total)
        return "\(label): \(BackupReport.byteCount(progress.received)) / \(BackupReport.byteCount(total)) (\(percent)%)"
    }
}

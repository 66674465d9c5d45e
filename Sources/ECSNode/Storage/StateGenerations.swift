import Foundation
import KVStore

/// The state environment's folders: `state/gen-N/`, with `state/CURRENT` naming the live one.
///
/// A snapshot from the leader replaces the whole environment. Writing it into a new generation
/// and switching the durable `CURRENT` pointer makes the replacement atomic across a crash: a
/// restart opens either the old state or the complete new one, never a mix. Superseded
/// generations are deleted; readers still inside one keep their open files until they finish.
struct StateGenerations: Sendable {
    let folder: String

    /// How the state environment is opened: the Raft log is the durable record, so state commits
    /// may return before the disk flush; the shell syncs before anything relies on the state
    /// being on disk (a snapshot, compacting the log, shutting down). Without a flush per commit,
    /// writing through the map spares every apply its page copies and write calls.
    static let options: EnvironmentOptions = {
        var options = EnvironmentOptions()
        options.durability = .deferred
        options.writesThroughMap = true
        return options
    }()

    private var pointerFile: String { folder + "/CURRENT" }

    /// Opens the live generation, creating the first one in a new data folder, and removes the
    /// leftovers of interrupted installs.
    func openCurrent() throws(NodeStartError) -> Environment {
        let name: String
        if let data = FileManager.default.contents(atPath: pointerFile) {
            name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard name.wholeMatch(of: /gen-[0-9]+/) != nil else {
                throw .storage("\(pointerFile) is damaged (holds '\(name.prefix(40))')")
            }
        } else {
            name = "gen-1"
            try point(to: name)
        }
        removeGenerations(except: name)
        do {
            return try Environment.open(at: folder + "/" + name, options: Self.options)
        } catch {
            throw .storage("cannot open the state at \(folder)/\(name): \(error)")
        }
    }

    /// Makes the snapshot data file at `dataFile` (an LMDB data file, already synced) the live
    /// state: moved into a new generation, opened (which verifies every page), then pointed to.
    func install(dataFile: String) throws -> Environment {
        let next = "gen-\(currentNumber() + 1)"
        let target = folder + "/" + next
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: dataFile, toPath: target + "/data.mdb")
        let environment = try Environment.open(at: target, options: Self.options)
        try DurableFile.syncDirectory(containing: target + "/data.mdb")
        try point(to: next)
        removeGenerations(except: next)
        return environment
    }

    private func currentNumber() -> Int {
        guard let data = FileManager.default.contents(atPath: pointerFile) else { return 0 }
        let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int(name.dropFirst("gen-".count)) ?? 0
    }

    private func point(to name: String) throws(NodeStartError) {
        do {
            try DurableFile.write(Data((name + "\n").utf8), to: pointerFile)
        } catch {
            throw .storage("cannot write \(pointerFile): \(error)")
        }
    }

    private func removeGenerations(except live: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix("gen-") && name != live {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}

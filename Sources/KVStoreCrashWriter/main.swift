import Foundation
import KVStore

/// The child process of the crash-safety test (Tests/KVStoreTests/CrashSafetyTests.swift).
///
/// `KVStoreCrashWriter write DIR` commits numbered transactions into the environment in DIR
/// until it is killed, and prints each number only after its commit returned, so the test knows
/// which transactions were acknowledged when it `kill -9`s this process.
/// `KVStoreCrashWriter verify DIR` reopens the environment after such a kill and prints
/// `ok N` when transactions 1…N are all whole and nothing else is there, or what is broken.
/// `raft-write` and `raft-verify` do the same with a Raft log store (`RaftCrashWorkload`): each
/// number is a Ready persisted through its journal.
/// Both modes live here so that writer and checker cannot disagree on the workload.
let arguments = CommandLine.arguments.dropFirst()
let modes = ["write", "verify", "raft-write", "raft-verify"]
guard arguments.count == 2, let mode = arguments.first, modes.contains(mode) else {
    FileHandle.standardError.write(Data("usage: KVStoreCrashWriter \(modes.joined(separator: "|")) DATA-FOLDER\n".utf8))
    exit(2)
}

do {
    switch mode {
    case "raft-write":
        try RaftCrashWorkload.write(folder: arguments.last!)
    case "raft-verify":
        switch try RaftCrashWorkload.verify(folder: arguments.last!) {
        case .success(let latest): print("ok \(latest)")
        case .failure(let inconsistency): print("inconsistent: \(inconsistency)")
        }
        exit(0)
    default:
        break
    }
    // A small first map, so that the map also grows while the writer is being killed.
    var options = EnvironmentOptions()
    options.mapSize = 1 << 20
    let environment = try Environment.open(at: arguments.last!, options: options)
    let tables = try CrashWorkload.Tables(environment: environment)
    if mode == "verify" {
        switch try environment.read({ try CrashWorkload.verify(in: $0, tables: tables) }) {
        case .success(let latest): print("ok \(latest)")
        case .failure(let inconsistency): print("inconsistent: \(inconsistency)")
        }
        exit(0)
    }
    var number = try environment.read { try CrashWorkload.lastCommitted(in: $0, tables: tables) } + 1
    while true {
        try environment.write { try CrashWorkload.commit(number, in: $0, tables: tables) }
        FileHandle.standardOutput.write(Data("\(number)\n".utf8))
        number += 1
    }
} catch {
    FileHandle.standardError.write(Data("KVStoreCrashWriter: \(error)\n".utf8))
    exit(1)
}

import ArgumentParser
import Foundation
import KVStore

/// `kvstore-bench`: how fast the store commits durably, next to the floor set by the disk.
///
/// A sync commit in LMDB costs at least one `fdatasync` of the data file (two by default: the
/// pages, then the meta page), so the raw fsync rate of the same disk, measured by this same
/// program in the same folder, is the ceiling any durable commit rate is judged against.
struct KVStoreBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kvstore-bench",
        abstract: "Sync-committed transactions per second, beside the raw fsync rate of the same disk.")

    @Option(help: "Folder to measure in (on the disk you care about); a fresh subfolder is used and removed.")
    var directory: String = FileManager.default.currentDirectoryPath

    @Option(help: "Seconds spent on each measurement.")
    var seconds: Double = 3

    @Option(help: "Bytes of each value put.")
    var valueSize: Int = 100

    func validate() throws {
        guard seconds > 0, seconds <= 600 else { throw ValidationError("--seconds must be in (0, 600]") }
        guard (1...(1 << 20)).contains(valueSize) else { throw ValidationError("--value-size must be 1 to 1048576") }
    }

    func run() throws {
        let workspace = (directory as NSString).appendingPathComponent("kvstore-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)

        let fsyncRate = try FsyncProbe(folder: workspace).syncsPerSecond(for: seconds)
        print("disk: \(workspace)")
        print(row("raw fdatasync", perSecond: fsyncRate, unit: "sync/s", puts: nil, floor: fsyncRate))

        let environmentPath = (workspace as NSString).appendingPathComponent("env")
        try measureCommits(in: environmentPath, fsyncRate: fsyncRate)
        try measureOpening(environmentPath)
    }

    /// Sync-committed transactions of 1, 100 and 1000 puts.
    private func measureCommits(in environmentPath: String, fsyncRate: Double) throws {
        let environment = try Environment.open(at: environmentPath)
        let database = try environment.database("bench")
        let value = [UInt8](repeating: 0xAB, count: valueSize)
        var nextKey: UInt64 = 0
        for batch in [1, 100, 1000] {
            let rate = try measure(for: seconds) {
                try environment.write { transaction in
                    for _ in 0..<batch {
                        nextKey += 1
                        try transaction.put(value, forKey: BigEndianKey.encode(nextKey), in: database)
                    }
                }
            }
            let name = "commit of \(batch) put\(batch == 1 ? "" : "s")"
            print(row(name, perSecond: rate, unit: "txn/s", puts: rate * Double(batch), floor: fsyncRate))
        }
    }

    /// What verifying every page costs when an environment is opened (`verifyOnOpen`), on the
    /// environment the commit measurements just filled.
    private func measureOpening(_ environmentPath: String) throws {
        let dataFile = (environmentPath as NSString).appendingPathComponent("data.mdb")
        let bytes = (try FileManager.default.attributesOfItem(atPath: dataFile)[.size] as? NSNumber)?.intValue ?? 0
        var unverified = EnvironmentOptions()
        unverified.verifyOnOpen = false
        let plain = try medianOpenMilliseconds(environmentPath, options: unverified)
        let verified = try medianOpenMilliseconds(environmentPath, options: EnvironmentOptions())
        print(
            String(
                format: "open of %d MiB             %7.1f ms unverified, %7.1f ms with every page verified",
                bytes >> 20, plain, verified))
    }

    private func medianOpenMilliseconds(_ path: String, options: EnvironmentOptions) throws -> Double {
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for _ in 0..<5 {
            let started = clock.now
            _ = try Environment.open(at: path, options: options)
            samples.append(clock.now - started)
        }
        let median = samples.sorted()[2]
        return Double(median.components.seconds) * 1000 + Double(median.components.attoseconds) / 1e15
    }

    private func row(_ name: String, perSecond: Double, unit: String, puts: Double?, floor: Double) -> String {
        let name = name.padding(toLength: 20, withPad: " ", startingAt: 0)
        let transactions = String(format: "%10.0f ", perSecond) + unit.padding(toLength: 6, withPad: " ", startingAt: 0)
        let putRate = puts.map { String(format: "%12.0f puts/s", $0) } ?? String(repeating: " ", count: 19)
        return "\(name)\(transactions)\(putRate)   \(String(format: "%.2f", perSecond / floor))x fsync rate"
    }
}

/// Calls `operation` repeatedly for `seconds` and returns the calls per second.
func measure(for seconds: Double, _ operation: () throws -> Void) throws -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    let budget = Duration.milliseconds(Int64(seconds * 1000))
    var count = 0
    while clock.now - start < budget {
        try operation()
        count += 1
    }
    let elapsed = clock.now - start
    return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// Measures how many small `write` + `fdatasync` pairs the disk sustains.
struct FsyncProbe {
    let path: String

    init(folder: String) {
        path = (folder as NSString).appendingPathComponent("fsync-probe")
    }

    func syncsPerSecond(for seconds: Double) throws -> Double {
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw ValidationError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let page = [UInt8](repeating: 0x5A, count: 4096)
        return try measure(for: seconds) {
            let written = page.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            guard written == page.count, fdatasync(descriptor) == 0 else {
                throw ValidationError("write or fdatasync failed: \(String(cString: strerror(errno)))")
            }
        }
    }
}

KVStoreBench.main()

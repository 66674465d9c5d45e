import KVStore

/// The transactions the crash-safety test commits and then checks after every `kill -9`.
enum CrashWorkload {
    /// How many parts each numbered transaction writes besides its number.
    static let partsPerTransaction = 8

    /// The databases the workload uses.
    struct Tables: Sendable {
        let numbers: Database
        let parts: Database
        let marker: Database

        init(environment: Environment) throws {
            numbers = try environment.database("numbers")
            parts = try environment.database("parts")
            marker = try environment.database("marker")
        }
    }

    static let latestKey = Array("latest".utf8)

    /// Writes transaction `number`: its number, its parts, and the marker of the latest number.
    static func commit(_ number: UInt64, in transaction: WriteTransaction, tables: Tables) throws {
        let key = BigEndianKey.encode(number)
        try transaction.put(key, forKey: key, in: tables.numbers)
        for part in 0..<partsPerTransaction {
            try transaction.put(contents(of: number, part: part), forKey: partKey(number, part), in: tables.parts)
        }
        try transaction.put(key, forKey: latestKey, in: tables.marker)
    }

    /// The number of the last committed transaction, or 0 when there is none.
    static func lastCommitted(in transaction: ReadTransaction, tables: Tables) throws -> UInt64 {
        guard let latest = try transaction.get(latestKey, in: tables.marker) else { return 0 }
        return try BigEndianKey.decode(latest)
    }

    /// Checks that transactions 1 through the latest are all whole and nothing else is there;
    /// returns the latest number or describes the first inconsistency.
    static func verify(in transaction: ReadTransaction, tables: Tables) throws -> Result<UInt64, Inconsistency> {
        let latest = try lastCommitted(in: transaction, tables: tables)
        let numbers = try transaction.count(in: tables.numbers)
        guard numbers == latest else {
            return .failure(Inconsistency("marker says \(latest) but \(numbers) numbers are stored"))
        }
        let parts = try transaction.count(in: tables.parts)
        guard parts == Int(latest) * partsPerTransaction else {
            return .failure(Inconsistency("\(latest) transactions but \(parts) parts are stored"))
        }
        for number in stride(from: UInt64(1), through: latest, by: 1) {
            guard try transaction.get(BigEndianKey.encode(number), in: tables.numbers) != nil else {
                return .failure(Inconsistency("transaction \(number) is missing"))
            }
            for part in 0..<partsPerTransaction
            where try transaction.get(partKey(number, part), in: tables.parts) != contents(of: number, part: part) {
                return .failure(Inconsistency("part \(part) of transaction \(number) is missing or wrong"))
            }
        }
        return .success(latest)
    }

    /// A description of what the check found broken.
    struct Inconsistency: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func partKey(_ number: UInt64, _ part: Int) -> [UInt8] {
        BigEndianKey.encode(number) + [UInt8(part)]
    }

    /// Deterministic contents of varying length (64 to about 4 KiB), so that transactions span
    /// several pages and the map has to grow.
    static func contents(of number: UInt64, part: Int) -> [UInt8] {
        let length = 64 + Int((number &* 31 &+ UInt64(part) &* 97) % 4000)
        return (0..<length).map { UInt8(truncatingIfNeeded: number &+ UInt64(part &* 7 &+ $0)) }
    }
}

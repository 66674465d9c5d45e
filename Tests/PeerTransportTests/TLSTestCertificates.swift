import Foundation
import PeerTransport

/// Certificates made for one test by `cluster/certs` (the script operators use) in a temporary
/// folder: nodes 1 and 2 from one CA, a stranger from another CA, and node 1's twin whose
/// certificate, from the right CA, expired in 2020.
struct TLSTestCertificates {
    let folder: String

    /// Runs the script twice (two CAs) and has openssl's `ca` command sign the expired one:
    /// OpenSSL 3.0's `x509 -req` cannot backdate, `ca -startdate/-enddate` can.
    static func make() throws -> TLSTestCertificates {
        let folder = try makeTemporaryDirectory()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("cluster/certs").path
        try run(script, [folder + "/ca", "n1", "n2"])
        try run(script, [folder + "/other", "n9"])
        let ca = folder + "/ca"
        try
            "[ca]\ndefault_ca = local\n[local]\ndatabase = \(ca)/index.txt\nnew_certs_dir = \(ca)\nserial = \(ca)/serial\ndefault_md = sha256\npolicy = any\ncopy_extensions = copy\n[any]\ncommonName = supplied\n"
            .write(toFile: ca + "/expired.cnf", atomically: true, encoding: .utf8)
        try "".write(toFile: ca + "/index.txt", atomically: true, encoding: .utf8)
        try "01\n".write(toFile: ca + "/serial", atomically: true, encoding: .utf8)
        try run(
            "/usr/bin/env",
            [
                "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=n1",
                "-keyout", ca + "/expired.key", "-out", ca + "/expired.csr",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:n1",
                "-addext", "extendedKeyUsage=serverAuth,clientAuth",
            ])
        try run(
            "/usr/bin/env",
            [
                "openssl", "ca", "-batch", "-config", ca + "/expired.cnf", "-cert", ca + "/ca.pem", "-keyfile",
                ca + "/ca.key", "-in", ca + "/expired.csr", "-out", ca + "/expired.pem", "-notext",
                "-startdate", "20200101000000Z", "-enddate", "20200201000000Z",
            ])
        return TLSTestCertificates(folder: folder)
    }

    /// The PEM files of a certificate made by `make()`: `ca/n1`, `ca/expired`, `other/n9`...
    func files(_ name: String) -> (certificate: String, key: String) {
        ("\(folder)/\(name).pem", "\(folder)/\(name).key")
    }

    /// The CA that `ca/…` certificates chain to.
    var caFile: String { "\(folder)/ca/ca.pem" }

    /// Mutual TLS with certificate `name`, trusting the `ca/` CA.
    func peerTLS(_ name: String) throws -> PeerTLS {
        let (certificate, key) = files(name)
        return try PeerTLS(certificateFile: certificate, keyFile: key, caFile: caFile)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs a tool to its end; a failure is an error naming it and saying what it printed.
    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailed(command: ([executable] + arguments).joined(separator: " "), output: printed)
        }
    }

    struct ToolFailed: Error, CustomStringConvertible {
        let command: String
        let output: Data
        var description: String { "\(command) failed: \(String(decoding: output, as: UTF8.self))" }
    }
}

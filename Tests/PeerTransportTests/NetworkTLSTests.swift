import PeerTransport
import Raft
import Testing

/// Mutual TLS between nodes: nodes with certificates from the cluster's CA talk; a dialer with
/// no certificate, an expired one or one from another CA is refused during the handshake, so
/// nothing it sends is delivered, and the node goes on serving good peers.
@Suite("PeerNetwork with mutual TLS")
struct NetworkTLSTests {
    /// The certificate a refused dialer presents.
    enum BadCertificate: String, CaseIterable, CustomTestStringConvertible {
        case missing, expired, otherCA

        var testDescription: String { rawValue }

        /// The files under `TLSTestCertificates`, nil for no certificate at all.
        var name: String? {
            switch self {
            case .missing: nil
            case .expired: "ca/expired"
            case .otherCA: "other/n9"
            }
        }
    }

    @Test("two nodes with certificates from the same CA exchange messages both ways")
    func sameCA() async throws {
        let certificates = try TLSTestCertificates.make()
        defer { certificates.remove() }
        let tls = [1: try certificates.peerTLS("ca/n1"), 2: try certificates.peerTLS("ca/n2")]
        try await withCluster(of: 2, adjust: { $0.tls = tls[Int($0.localID)] }) { nodes in
            let (a, b) = (nodes[0], nodes[1])
            a.network.send([appendMessage(from: 1, to: 2, index: 7)])
            b.network.send([appendMessage(from: 2, to: 1, index: 8)])
            let atB = try await b.log.require("node 1's message") { $0.messages }
            let atA = try await a.log.require("node 2's message") { $0.messages }
            #expect(atB == [appendMessage(from: 1, to: 2, index: 7)])
            #expect(atA == [appendMessage(from: 2, to: 1, index: 8)])
        }
    }

    @Test(
        "a dialer whose certificate is missing, expired or from another CA is closed and delivers nothing",
        arguments: BadCertificate.allCases)
    func refusedDialer(_ bad: BadCertificate) async throws {
        let certificates = try TLSTestCertificates.make()
        defer { certificates.remove() }
        var configuration = TestNode.configuration(id: 1)
        configuration.tls = try certificates.peerTLS("ca/n1")
        try await withNode(configuration) { node in
            let hostile = try await RawPeer.connectTLS(
                to: node.address, certificate: bad.name.map(certificates.files), caFile: certificates.caFile)
            // The write fails once the handshake is refused; what matters is what the node does.
            try? await hostile.send([hello(from: 2), .raftBatch([appendMessage(from: 2, to: 1, index: 1)])])
            let observed = try await hostile.closedByPeer()
            #expect(observed, "node 1 did not close the connection")

            // A good peer's message is the first (and only) thing delivered.
            let good = try await RawPeer.connectTLS(
                to: node.address, certificate: certificates.files("ca/n2"), caFile: certificates.caFile)
            let expected = appendMessage(from: 2, to: 1, index: 42)
            try await good.send([hello(from: 2), .raftBatch([expected])])
            let delivered = try await node.log.require("the good peer's message") { $0.messages }
            #expect(delivered == [expected])
            #expect(await node.log.untaken.isEmpty)
            await good.close()
        }
    }

    @Test("a node with another CA's certificate never gets its messages through, and learns it is refused")
    func otherCANetwork() async throws {
        let certificates = try TLSTestCertificates.make()
        defer { certificates.remove() }
        var configuration = TestNode.configuration(id: 1)
        configuration.tls = try certificates.peerTLS("ca/n1")
        try await withNode(configuration) { node in
            var strangerConfiguration = TestNode.configuration(id: 2, peers: [1: node.address])
            let (certificate, key) = certificates.files("other/n9")
            // It trusts node 1's CA, so only node 1's check of the stranger's certificate refuses it.
            strangerConfiguration.tls = try PeerTLS(
                certificateFile: certificate, keyFile: key, caFile: certificates.caFile)
            let stranger = try await TestNode.start(strangerConfiguration)
            stranger.network.send([appendMessage(from: 2, to: 1, index: 1)])
            let observed = try await stranger.log.require("unreachable 1", unreachablePeer)
            #expect(observed == 1)
            await stranger.stop()
            #expect(await node.log.untaken.isEmpty)
        }
    }

    @Test("unusable certificate files are refused when the settings are made, naming the setting")
    func unusableFiles() throws {
        let certificates = try TLSTestCertificates.make()
        defer { certificates.remove() }
        let (certificate, key) = certificates.files("ca/n1")
        #expect(throws: PeerTLSError.self) {
            try PeerTLS(
                certificateFile: certificates.folder + "/missing.pem", keyFile: key, caFile: certificates.caFile)
        }
        do {
            _ = try PeerTLS(
                certificateFile: certificate, keyFile: certificates.files("ca/n2").key, caFile: certificates.caFile)
            Issue.record("a key that is not the certificate's was accepted")
        } catch {
            #expect(error.description.contains("--tls-key"))
        }
        do {
            _ = try PeerTLS(certificateFile: certificate, keyFile: key, caFile: key)
            Issue.record("a key file given as the CA was accepted")
        } catch {
            #expect(error.description.contains("--tls-ca"))
        }
    }
}

import NIOCore

/// The layout of `PeerHello` (see `PeerWireFormat.swift`).
extension ByteBuffer {
    mutating func writeHello(_ hello: PeerHello) {
        writeInteger(hello.protocolVersion)
        writeInteger(hello.clusterID.high)
        writeInteger(hello.clusterID.low)
        writeInteger(hello.nodeID)
        let region = Array(hello.region.value.utf8)
        writeInteger(UInt8(region.count))
        writeBytes(region)
    }
}

extension WireReader {
    mutating func readHello() throws(PeerFrameError) -> PeerHello {
        let protocolVersion = try readInteger(.helloProtocolVersion, as: UInt8.self)
        let clusterID = ClusterID(high: try readInteger(.helloClusterID), low: try readInteger(.helloClusterID))
        let nodeID = try readInteger(.helloNodeID, as: UInt64.self)
        let regionOffset = offset
        let regionBytes = try readBytes(.helloRegion, count: Int(try readInteger(.helloRegion, as: UInt8.self)))
        // A one-byte length cannot exceed `RegionName.maxUTF8Count`, so only UTF-8 can be wrong.
        guard let text = String(validating: regionBytes, as: UTF8.self), let region = RegionName(text) else {
            throw .invalidUTF8(field: .helloRegion, offset: regionOffset)
        }
        return PeerHello(protocolVersion: protocolVersion, clusterID: clusterID, nodeID: nodeID, region: region)
    }
}

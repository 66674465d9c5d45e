import Crypto
import PeerTransport
import Raft

/// How the names operators use map to the numbers Raft and the wire use.
///
/// Operators name nodes (`n1`) and regions (`eu`); Raft wants a non-zero 64-bit id and peers
/// compare a 16-byte cluster id in their hello. Both are derived by hashing, so every node
/// computes the same numbers from the same flags without talking to anyone first — which a
/// joining node needs, since it cannot ask before it is a member.
enum NodeNaming {
    /// The Raft id of the node called `name`: the first 8 bytes of SHA-256 of the name. Names
    /// are unique across regions (spec), and a collision among 2^64 values is not a practical
    /// concern; `ClusterMembers` still refuses two names with the same id.
    static func raftID(forNode name: String) -> NodeID {
        let digest = Array(SHA256.hash(data: Array("ecs-node\u{0}\(name)".utf8)))
        let id = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return id == 0 ? 1 : id
    }

    /// The identity of a region's Raft group. A region is exactly one cluster, so its name is the
    /// cluster's identity: a node pointed at another region's peer port is refused in the hello.
    static func clusterID(forRegion region: String) -> ClusterID {
        let digest = Array(SHA256.hash(data: Array("ecs-cluster\u{0}\(region)".utf8)))
        func word(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        return ClusterID(high: word(digest[0..<8]), low: word(digest[8..<16]))
    }
}

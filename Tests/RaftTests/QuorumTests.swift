import Testing

@testable import Raft

@Suite struct QuorumTests {
    @Test("majority commit index is the highest index held by a majority")
    func majorityCommittedIndex() {
        let config = MajorityConfig([1, 2, 3, 4, 5])
        let matches: [NodeID: UInt64] = [1: 10, 2: 8, 3: 8, 4: 2]
        #expect(config.committedIndex { matches[$0] } == 8)
        #expect(MajorityConfig([1, 2]).committedIndex { [1: 5, 2: 3][$0] } == 3)
        #expect(MajorityConfig().committedIndex { _ in 0 } == .max)
    }

    @Test("majority vote result: won, lost, pending")
    func majorityVotes() {
        let config = MajorityConfig([1, 2, 3])
        #expect(config.voteResult([1: true, 2: true]) == .won)
        #expect(config.voteResult([1: true, 2: false]) == .pending)
        #expect(config.voteResult([1: false, 2: false]) == .lost)
        #expect(config.voteResult([4: true, 5: true]) == .pending)
        #expect(MajorityConfig().voteResult([:]) == .won)
    }

    @Test("joint commit index is the minimum of both halves")
    func jointCommittedIndex() {
        let joint = JointConfig(incoming: MajorityConfig([1, 2, 3]), outgoing: MajorityConfig([3, 4, 5]))
        let matches: [NodeID: UInt64] = [1: 9, 2: 9, 3: 5, 4: 4, 5: 1]
        #expect(joint.committedIndex { matches[$0] } == 4)
        let plain = JointConfig(incoming: MajorityConfig([1, 2, 3]))
        #expect(plain.committedIndex { matches[$0] } == 9)
    }

    @Test("joint votes need both majorities; losing either loses")
    func jointVotes() {
        let joint = JointConfig(incoming: MajorityConfig([1, 2, 3]), outgoing: MajorityConfig([1, 4, 5]))
        #expect(joint.voteResult([1: true, 2: true]) == .pending)
        #expect(joint.voteResult([1: true, 2: true, 4: true]) == .won)
        #expect(joint.voteResult([1: true, 4: false, 5: false]) == .lost)
    }
}

import Raft

extension ShellLoop {
    /// The view other threads read between rounds.
    func publishedState() -> PublishedState {
        let status = raft.status
        let confState = applied.confState
        let isLearner = confState.learners.contains(identity.raftID)
        let roleName: String =
            switch status.role {
            case .leader: "leader"
            case .candidate, .preCandidate: "candidate"
            case .follower: isLearner ? "learner" : "follower"
            }
        var memberViews: [ClusterStatus.Member] = []
        for id in confState.voters.union(confState.learners).union(confState.votersOutgoing).sorted() {
            let record = members[id]
            let initial = identity.initialPeers[id]
            let progress = status.progress[id]
            let healthy: Bool =
                if id == identity.raftID { true } else if status.role == .leader {
                    progress?.recentActive ?? false
                } else { id == status.leader }
            memberViews.append(
                ClusterStatus.Member(
                    id: record?.name ?? initial?.name ?? String(id, radix: 16),
                    raftAddr: record?.raftAddress ?? initial?.address.description ?? "",
                    httpAddr: record?.httpAddress ?? "",
                    role: confState.learners.contains(id) ? "learner" : "voter",
                    matchIndex: id == identity.raftID ? ((try? log.lastIndex()) ?? 0) : (progress?.match ?? 0),
                    healthy: healthy))
        }
        let leaderName = status.leader.map {
            members[$0]?.name ?? identity.initialPeers[$0]?.name ?? String($0, radix: 16)
        }
        return PublishedState(
            status: ClusterStatus(
                node: identity.name, region: identity.region, role: roleName, term: status.term, leader: leaderName,
                commitIndex: status.commitIndex, appliedIndex: applied.index, members: memberViews),
            appliedIndex: applied.index,
            isLeader: status.role == .leader,
            leaderHTTPAddress: leaderHTTPAddress)
    }
}

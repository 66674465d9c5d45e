/// The fault injector of the chaos run. Each round kill -9s a node (the leader at least half the
/// time), restarts it on its data after a short random pause, sometimes freezes another node with
/// SIGSTOP for 1–3 s meanwhile, then waits for the region to recover before the next round.
/// The random pauses set the faults' timing; synchronization goes through `/readyz` only.
struct ChaosDriver: Sendable {
    let cluster: LocalCluster
    let tally: ChaosTally

    func run(until deadline: ContinuousClock.Instant) async throws {
        while ContinuousClock.now < deadline {
            try await round()
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...1500)))
        }
    }

    private func round() async throws {
        let leader = await cluster.currentLeader()
        let victim = Bool.random() ? leader ?? cluster.nodes.randomElement()! : cluster.nodes.randomElement()!
        try await cluster.killNine(victim.id)
        tally.update { $0.kills += 1 }
        tally.note("kill -9 \(victim.id)\(victim == leader ? " (leader)" : "")")
        try await Task.sleep(for: .milliseconds(Int.random(in: 200...2000)))

        try cluster.start(victim.id)
        tally.note("restart \(victim.id)")
        if Int.random(in: 0..<3) > 0, let frozen = cluster.nodes.filter({ $0 != victim }).randomElement() {
            cluster.pause(frozen.id)
            tally.update { $0.pauses += 1 }
            tally.note("SIGSTOP \(frozen.id)")
            try await Task.sleep(for: .milliseconds(Int.random(in: 1000...3000)))
            cluster.resume(frozen.id)
            tally.note("SIGCONT \(frozen.id)")
        }
        // Liveness: with every node back, the region must recover on its own.
        try await cluster.awaitReady(timeout: .seconds(30))
        tally.note("all ready")
    }
}

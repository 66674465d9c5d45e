// # Raft — the consensus core of ECS
//
// A pure, deterministic implementation of the Raft consensus algorithm (Ongaro &
// Ousterhout, "In Search of an Understandable Consensus Algorithm", 2014, and Ongaro's
// PhD thesis "Consensus: Bridging Theory and Practice", 2014), structured after the
// design of etcd-io/raft.
//
// ## Vocabulary: Instance and Shell
//
// * The **Instance** is `RaftNode`: the state machine of one replica. It owns no socket,
//   clock, thread, disk or randomness source of its own. It only reacts to inputs —
//   `tick()`, `step(_:)`, `propose(_:)`, `proposeConfChange(_:)`, `readIndex(context:)`,
//   `transferLeadership(to:)`, `campaign()`, `reportUnreachable(_:)`,
//   `reportSnapshot(to:status:)` — and accumulates outputs that are collected as a
//   `Ready`. Given the same inputs (and the same seeded `RaftConfig.randomGenerator`) it
//   produces exactly the same outputs, which is what makes simulation testing possible.
// * The **Shell** is everything around it that talks to the world: it drives `tick()` from
//   a timer, delivers network messages to `step(_:)`, owns the `Storage` implementation
//   (durable log, hard state, snapshots), applies committed entries to the replicated
//   state machine and sends messages.
//
// ## The Ready contract
//
// When `hasReady` is true, the Shell calls `ready()` and must then, in this order:
//
// 1. Send `Ready.messages` — these may go out immediately, even before anything is
//    persisted (a leader may replicate in parallel with its own disk write, thesis §10.2.1).
// 2. Durably persist `Ready.hardState` (if non-nil), `Ready.entries` (appending, and
//    truncating any conflicting suffix) and `Ready.snapshot` (if non-nil). If
//    `Ready.mustSync` is true the write must be fsync'ed.
// 3. Only after step 2 is durable, send `Ready.messagesAfterPersist` (vote grants and
//    append acknowledgements: promises that rely on the persisted state, Raft paper §5.1
//    "updated on stable storage before responding to RPCs").
// 4. Apply the snapshot (if any) and then `Ready.committedEntries` to the state machine,
//    calling `applyConfChange(_:)` for every entry of kind `.confChange`.
// 5. Serve `Ready.readStates` once the applied index reaches each `ReadState.index`.
// 6. Call `advance(_:)` with the same `Ready`.
//
// Between `ready()` and `advance(_:)` the node keeps accepting inputs, but `hasReady` stays
// false and `ready()` must not be called again.
//
// ## Bootstrapping
//
// A brand-new cluster writes its membership into the log: each founding member persists
// `Bootstrap(voters:learners:)` (committed configuration changes at indexes 1…n) into its
// empty storage before starting, e.g. with `MemoryStorage.bootstrap(voters:learners:)`.
// Replicas added later start from empty storage and learn the membership from the log.
//
// ## Threading
//
// `RaftNode` is a non-`Sendable` class: confine it to one isolation domain (typically the
// Shell's actor). All values crossing domains — `Message`, `Entry`, `Ready`, `Status`,
// `Snapshot` — are `Sendable` value types.

/// The identity of a Raft replica. Zero is reserved to mean "no node" on the wire and is
/// rejected by `RaftConfig.validate()`.
public typealias NodeID = UInt64

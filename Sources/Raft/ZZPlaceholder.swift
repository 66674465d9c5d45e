// The Raft core lands here (issue #3).
public enum RaftPlaceholder {}

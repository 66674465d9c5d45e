import Hummingbird
import NIOPosix

/// `GET /v1/cluster/snapshot` (platform admin): a backup of this region's state, streamed as an
/// `application/octet-stream` backup file (`BackupHeader` describes it).
///
/// Any node can answer: it first confirms (Raft ReadIndex) that it has applied every write
/// acknowledged before the request, so the backup holds them all, then takes a consistent copy
/// of its state on NIO's thread pool — the Raft shell goes on applying meanwhile.
extension APIServices {
    func clusterSnapshot(_ request: Request) async throws(Problem) -> Response {
        try await verifier.authenticate(request).requirePlatformAdmin()
        do {
            _ = try await consensus.linearizableReadBarrier()
        } catch {
            let reason =
                switch error {
                case .notLeader: "no leader is known"
                case .unavailable(let reason), .outcomeUnknown(let reason), .rejected(let reason): reason
                }
            throw .unavailable("this node cannot confirm that its state is current (\(reason)); retry")
        }
        let (environment, region, scratch, now) = (
            consensus.stateStore.environment, dependencies.region, dependencies.backupScratchFolder, dependencies.now()
        )
        let capture: BackupCapture
        do {
            capture = try await NIOThreadPool.singleton.runIfActive {
                try BackupCapture.take(from: environment, region: region, into: scratch, now: now)
            }
        } catch {
            throw .internalError("cannot copy the state for a backup: \(error)")
        }
        var headers = nodeHeaders
        headers[.contentType] = "application/octet-stream"
        headers[.contentDisposition] =
            "attachment; filename=\"ecs-\(region)-\(capture.header.appliedIndex).ecsbackup\""
        return Response(status: .ok, headers: headers, body: BackupStream.body(of: capture))
    }
}

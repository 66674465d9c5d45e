import HTTPTypes
import Hummingbird
import NIOCore

/// Makes every error answer `application/problem+json`, including the ones Hummingbird raises
/// itself (no such route, body too large) and unexpected failures, which become a 500 without
/// internals (the details go to the log).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response()
        } catch is NIOTooManyBytesError {
            return Problem(status: .contentTooLarge, code: "content-too-large", detail: "the request body is too large")
                .response()
        } catch let error as HTTPError {
            let problem = Problem(
                status: error.status, code: error.status == .notFound ? "not-found" : "http-error",
                detail: error.body ?? "no route matches \(request.method) \(request.uri.path)", headers: error.headers)
            return problem.response()
        } catch {
            context.logger.error("request failed: \(error)", metadata: ["path": "\(request.uri.path)"])
            return Problem(
                status: .internalServerError, code: "internal", detail: "the node failed to answer; see its log"
            )
            .response()
        }
    }
}
